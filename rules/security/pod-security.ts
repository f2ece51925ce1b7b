import { enforcedViolations, podSecurityFindings, POD_SECURITY_OPTIONS, type PodSecurityOptions } from '../../src/analysis/pss';
import { defineObjectRule } from '../../src/engine/rule';
import { isWorkload } from '../../src/model/workload';

export default defineObjectRule<PodSecurityOptions>({
  meta: {
    id: 'security/pod-security',
    category: 'security',
    severity: 'error',
    description: 'Pods and pod templates must meet the Pod Security Standards level enforced in their namespace, exactly as Pod Security Admission checks it.',
    rationale:
      'Pod Security Admission refuses pods that break the level of their namespace (`pod-security.kubernetes.io/enforce`). For a bare Pod `kubectl apply` fails; for a Deployment, Job or CronJob the object is accepted and its controller then fails to create any pod, which is only visible in events. The level comes from the Namespace labels when the Namespace is part of the run, otherwise from the `level` option; the checks follow the policy version of `enforce-version` (or the target Kubernetes version), including the 1.34 probe-host and 1.35 user-namespace changes.',
    fix: 'Change the field named in the message (the finding points at it, or at where it belongs). Settings common to every container, such as `runAsNonRoot` and `seccompProfile`, can go in the pod-level `securityContext`.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        allowPrivilegeEscalation: false\n',
    },
    options: POD_SECURITY_OPTIONS,
    equivalents: {
      Trivy: 'k8s-pss-baseline-0.1 / k8s-pss-restricted-0.1',
      'kube-linter': 'privileged-container, host-network, host-pid, host-ipc, unsafe-proc-mount, unsafe-sysctls',
      Polaris: 'runAsPrivileged, hostNetworkSet, hostPIDSet, hostIPCSet, hostPathSet, hostPortSet, hostProcess, procMount',
      'kube-score': 'container-security-context-privileged',
      kubesec: 'Privileged, HostNetwork, HostPID, HostIPC, SeccompUnconfined, ApparmorUnconfined',
    },
  },
  appliesTo: isWorkload,
  check(object, context) {
    for (const finding of podSecurityFindings(object, context.run.index, context.options, context.settings.kubernetesVersion, enforcedViolations)) context.report(finding);
  },
});
