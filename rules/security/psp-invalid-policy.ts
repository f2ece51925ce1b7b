import { runPolicy } from '../../src/analysis/psp';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'security/psp-invalid-policy',
    category: 'security',
    severity: 'error',
    description: 'A given PodSecurityPolicy-style policy that the API server refused or that can admit no pod: ranges with min above max or below 0, a capability both allowed and required to drop, MustRunAs without ranges, bad sysctl patterns or profile names.',
    rationale:
      'The API server validated PodSecurityPolicies when they were created, and the admission plugin could not use a policy whose strategy lacked its settings (MustRunAs without ranges, SELinux MustRunAs without seLinuxOptions). Such a policy admits no pod at all, so workloads that should pass fail, or pass only through another, more permissive policy. A host port range with min above max is accepted but matches no port. kubevet reports the problem on the policy\'s own field and treats a refused policy as admitting nothing.',
    fix: 'Correct the field named in the finding: order the range bounds, give MustRunAs at least one range, remove the capability from one of the two lists, fix the sysctl pattern or profile name.',
    examples: {
      bad: '# kubevet --use-manifest-psps\napiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: restricted\nspec:\n  runAsUser:\n    rule: MustRunAs\n    ranges:\n      - min: 2000\n        max: 1000\n  seLinux:\n    rule: RunAsAny\n  supplementalGroups:\n    rule: RunAsAny\n  fsGroup:\n    rule: RunAsAny\n',
      good: '# kubevet --use-manifest-psps\napiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: restricted\nspec:\n  allowPrivilegeEscalation: false\n  runAsUser:\n    rule: MustRunAs\n    ranges:\n      - min: 1000\n        max: 2000\n  seLinux:\n    rule: RunAsAny\n  supplementalGroups:\n    rule: RunAsAny\n  fsGroup:\n    rule: RunAsAny\n',
    },
    equivalents: { Kubernetes: 'PodSecurityPolicy validation (ValidatePodSecurityPolicy)' },
  },
  check(run, context) {
    for (const object of run.policies ?? []) {
      const { policy, invalid } = runPolicy(object);
      for (const problem of invalid) {
        const consequence = problem.blocking ? `: PodSecurityPolicy "${policy.name}" cannot admit any pod until this is fixed` : '';
        context.report({ object, path: problem.path, message: `${problem.message}${consequence}` });
      }
    }
  },
});
