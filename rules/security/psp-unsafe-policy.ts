import { runPolicy, unsafePolicyProblems } from '../../src/analysis/psp';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'security/psp-unsafe-policy',
    category: 'security',
    severity: 'warning',
    description: 'A given PodSecurityPolicy-style policy allows what amounts to control of the node: privileged containers, host namespaces, every or dangerous capabilities, writable sensitive host paths, root, privilege escalation, unsafe sysctls or no seccomp.',
    rationale:
      'Admission through a policy is only as safe as the policy: `allowedCapabilities: ["*"]`, `privileged: true`, `hostPath` volumes without `allowedHostPaths` (or with `/`), `runAsUser: RunAsAny` or an unset `allowPrivilegeEscalation` (which means true) let any pod it admits take over its node. Policies meant for node agents need some of this; they should be separate, narrow, and suppressed here with a reason.',
    fix: 'Tighten the field named in the finding: list only the capabilities workloads need, set `allowPrivilegeEscalation: false`, use `MustRunAsNonRoot`, restrict `allowedHostPaths` to narrow prefixes with `readOnly: true`. Keep permissive settings in a separate policy for the workloads that need them.',
    examples: {
      bad: '# kubevet --use-manifest-psps\napiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: anything\nspec:\n  allowPrivilegeEscalation: false\n  allowedCapabilities: ["*"]\n  runAsUser:\n    rule: MustRunAsNonRoot\n  seLinux:\n    rule: RunAsAny\n  supplementalGroups:\n    rule: RunAsAny\n  fsGroup:\n    rule: RunAsAny\n  volumes: [configMap, secret, emptyDir]\n',
      good: '# kubevet --use-manifest-psps\napiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: restricted\nspec:\n  allowPrivilegeEscalation: false\n  allowedCapabilities: [NET_BIND_SERVICE]\n  requiredDropCapabilities: [ALL]\n  runAsUser:\n    rule: MustRunAsNonRoot\n  seLinux:\n    rule: RunAsAny\n  supplementalGroups:\n    rule: RunAsAny\n  fsGroup:\n    rule: RunAsAny\n  volumes: [configMap, secret, emptyDir]\n',
    },
    equivalents: { 'Kubernetes docs': 'the privileged/baseline/restricted example PodSecurityPolicies' },
  },
  check(run, context) {
    for (const object of run.policies ?? []) {
      const { policy } = runPolicy(object);
      for (const problem of unsafePolicyProblems(object.raw)) {
        context.report({ object, path: problem.path, message: `PodSecurityPolicy "${policy.name}" ${problem.message}` });
      }
    }
  },
});
