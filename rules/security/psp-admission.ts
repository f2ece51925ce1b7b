import { admit, runPolicy, type PolicyEvaluation, type PspViolation } from '../../src/analysis/psp';
import { defineObjectRule } from '../../src/engine/rule';
import { formatPath, type FieldPath } from '../../src/model/path';
import { isWorkload, podSpecOf, type PodSpecView } from '../../src/model/workload';

const PSP = 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: restricted\nspec:\n  privileged: false\n  allowPrivilegeEscalation: false\n  runAsUser:\n    rule: MustRunAsNonRoot\n  seLinux:\n    rule: RunAsAny\n  supplementalGroups:\n    rule: RunAsAny\n  fsGroup:\n    rule: RunAsAny\n  volumes: [configMap, secret, emptyDir, projected]\n---\n';

interface Rejection {
  readonly policy: string;
  readonly policyField: FieldPath;
  readonly message: string;
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}

/** `Privileged containers are not allowed (policies "a", "b": spec.privileged)`, one clause per distinct reason. */
function rejectionText(rejections: readonly Rejection[]): string {
  const byReason = new Map<string, { message: string; field: string; policies: string[] }>();
  for (const r of rejections) {
    const field = formatPath(r.policyField);
    const key = `${r.message}\u0000${field}`;
    const entry = byReason.get(key) ?? { message: r.message, field, policies: [] };
    if (!entry.policies.includes(r.policy)) entry.policies.push(r.policy);
    byReason.set(key, entry);
  }
  return [...byReason.values()].map(({ message, field, policies }) => `${message} (${policies.length === 1 ? 'policy' : 'policies'} ${quoteList(policies)}: ${field})`).join('; ');
}

function objectPath(pod: PodSpecView, violation: PspViolation): FieldPath {
  return [...(violation.scope === 'spec' ? pod.path : pod.metadataPath), ...violation.path];
}

function closest(usable: readonly PolicyEvaluation[]): string {
  if (usable.length < 2) return '';
  const best = [...usable].sort((a, b) => a.violations.length - b.violations.length)[0];
  return `; the closest is "${best.policy.name}" with ${best.violations.length} violation${best.violations.length === 1 ? '' : 's'}`;
}

export default defineObjectRule({
  meta: {
    id: 'security/psp-admission',
    category: 'security',
    severity: 'error',
    description: 'A workload that none of the given PodSecurityPolicy-style policies (--policy, or --use-manifest-psps) admits, judged as PodSecurityPolicy admission judged pods.',
    rationale:
      'Teams that kept PodSecurityPolicy rules after the API was removed in Kubernetes 1.25 (or enforce them with another admission controller) can check manifests against them before deploying. kubevet evaluates every policy as the PodSecurityPolicy admission plugin did: it applies the policy\'s defaults first (MustRunAs user and groups, runAsNonRoot, default capabilities, privilege escalation, seccomp and AppArmor default profiles), then validates the pod and every container on its effective security context; the pod is admitted when at least one policy admits it. Each finding sits on the field to change and names every policy that rejects it, the policy field and the reason in the admission plugin\'s words. Nothing is checked unless policies are given, and RBAC `use` permission for policies is not modelled: every policy counts for every workload.',
    fix: 'Change the field so that one policy admits the pod (the closest policy is named), or extend a policy if the workload really needs it, for example in a dedicated policy for node agents.',
    examples: {
      bad: `# kubevet --use-manifest-psps (or --policy restricted.yaml)\n${PSP}apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n`,
      good: `# kubevet --use-manifest-psps (or --policy restricted.yaml)\n${PSP}apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        runAsNonRoot: true\n`,
    },
    equivalents: { Kubernetes: 'PodSecurityPolicy admission plugin (removed in 1.25)' },
  },
  appliesTo: isWorkload,
  check(object, context) {
    const objects = context.run.policies ?? [];
    if (objects.length === 0) return;
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    const admission = admit(objects.map(runPolicy), { spec: pod.spec, metadata: pod.metadata });
    if (admission.admittedBy !== undefined) return;
    const usable = admission.evaluations.filter((e) => e.unusable === undefined);
    const invalid = admission.evaluations.filter((e) => e.unusable !== undefined).map((e) => e.policy.name);
    if (usable.length === 0) {
      context.report({
        path: pod.path,
        message: `no PodSecurityPolicy can admit this pod: every policy given is invalid (${quoteList(invalid)}; see security/psp-invalid-policy)`,
      });
      return;
    }
    const groups = new Map<string, { path: FieldPath; container: string | undefined; rejections: Rejection[] }>();
    for (const evaluation of usable) {
      for (const violation of evaluation.violations) {
        const path = objectPath(pod, violation);
        const key = formatPath(path);
        const group = groups.get(key) ?? { path, container: violation.container, rejections: [] };
        if (group.container !== violation.container) group.container = undefined;
        group.rejections.push({ policy: evaluation.policy.name, policyField: violation.policyField, message: violation.message });
        groups.set(key, group);
      }
    }
    const suffix = `; no PodSecurityPolicy admits this pod${closest(usable)}${invalid.length === 0 ? '' : ` (invalid, admitting nothing: ${quoteList(invalid)})`}`;
    for (const { path, container, rejections } of groups.values()) {
      context.report({ path, message: `${container === undefined ? '' : `container "${container}": `}${rejectionText(rejections)}${suffix}` });
    }
  },
});
