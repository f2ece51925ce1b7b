/** The rules beyond Pod Security (security, secrets) and the image rules, for tests that run them alone. */
import type { AnyRule } from '../../../../src/engine/rule';
import { BUILTIN_RULES } from '../../../../rules';

export const NEW_RULES: readonly AnyRule[] = BUILTIN_RULES.filter(
  (r) => r.meta.category === 'image' || (r.meta.category === 'security' && !r.meta.id.startsWith('security/pod-security')),
);
