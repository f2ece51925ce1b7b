import { advisoryViolations, podSecurityFindings, POD_SECURITY_OPTIONS, type PodSecurityOptions } from '../../src/analysis/pss';
import { defineObjectRule } from '../../src/engine/rule';
import { isWorkload } from '../../src/model/workload';

export default defineObjectRule<PodSecurityOptions>({
  meta: {
    id: 'security/pod-security-restricted',
    category: 'security',
    severity: 'warning',
    description: 'Advisory Pod Security findings beyond the enforced level: the restricted profile where baseline is enforced, and the namespace’s `warn` and `audit` levels.',
    rationale:
      'The restricted profile is the current hardening practice (no privilege escalation, non-root, all capabilities dropped, a seccomp profile). Where only baseline is enforced these pods still run, so the gaps are warnings rather than errors; the API server shows the same text for `warn` labels (`would violate PodSecurity …`). A control already reported by `security/pod-security` for the same container or field is not repeated here.',
    fix: 'Set the field named in the message. A pod-level `securityContext` with `runAsNonRoot: true` and `seccompProfile: {type: RuntimeDefault}`, plus `allowPrivilegeEscalation: false` and `capabilities: {drop: [ALL]}` on each container, meets most of the profile. Set the `level` option to the level your clusters enforce by default, the same as for `security/pod-security`.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n',
      good:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        allowPrivilegeEscalation: false\n        capabilities:\n          drop: [ALL]\n',
    },
    options: POD_SECURITY_OPTIONS,
    equivalents: {
      Trivy: 'k8s-pss-restricted-0.1',
      Polaris: 'privilegeEscalationAllowed, runAsRootAllowed, insecureCapabilities, linuxHardening (seccomp)',
      'kube-linter': 'privilege-escalation-container, run-as-non-root',
      'kube-score': 'container-seccomp-profile',
      kubesec: 'AllowPrivilegeEscalation, RunAsNonRoot, CapDropAll, SeccompAny',
    },
  },
  appliesTo: isWorkload,
  check(object, context) {
    for (const finding of podSecurityFindings(object, context.run.index, context.options, context.settings.kubernetesVersion, advisoryViolations)) context.report(finding);
  },
});
