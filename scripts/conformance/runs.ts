/** Building blocks for the peer mappings: how to run one kubevet rule, or one Pod Security control. */
import type { CustomRuleRun, KubevetRun } from './engine';
import type { CheckMapping } from './types';

/** Run these rules (with options per rule) and count all their findings. */
export function rules(ids: string | readonly string[], extra: Omit<KubevetRun, 'rules'> = {}): CheckMapping {
  return { kind: 'rules', run: { rules: typeof ids === 'string' ? [ids] : ids, ...extra } };
}

/** One rule with its options. */
export function rule(id: string, options: Readonly<Record<string, unknown>>, extra: Omit<KubevetRun, 'rules' | 'options'> = {}): CheckMapping {
  return { kind: 'rules', run: { rules: [id], options: { [id]: options }, ...extra } };
}

/**
 * One Pod Security control of `security/pod-security`, at the restricted level (so every
 * control runs), counting only the findings of that control: `reasons` are the API server's
 * reason texts (`privileged`, `host namespaces`, `allowPrivilegeEscalation != false`, …; a
 * baseline control and the restricted one replacing it have different reasons) and `detail`
 * optionally narrows them (`hostNetwork=true`).
 */
export function pss(reasons: string | readonly string[], detail?: string, extra: Omit<KubevetRun, 'rules' | 'options' | 'only'> = {}): CheckMapping {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alternatives = (typeof reasons === 'string' ? [reasons] : reasons).map(escape).join('|');
  const only = new RegExp(`PodSecurity "[a-z]+:[^"]+": (?:${alternatives})${detail === undefined ? '' : ` \\(.*${escape(detail)}`}`);
  const label = `\`security/pod-security\` at level restricted, control ${(typeof reasons === 'string' ? [reasons] : reasons).map((r) => `"${r}"`).join(' or ')}${detail === undefined ? '' : ` (${detail})`}`;
  return { kind: 'rules', run: { rules: ['security/pod-security'], options: { 'security/pod-security': { level: 'restricted' } }, only, ...extra }, label };
}

export function none(reason: string): CheckMapping {
  return { kind: 'none', reason };
}

/**
 * The peer's check, mirrored as a kubevet custom rule file (relative to the repository): a
 * template instantiated under the peer check's name with the peer's parameter values, as a
 * configuration's `rules:` entry would. `note` says why kubevet has no built-in rule for it.
 */
export function customRule(file: string, instance: Omit<CustomRuleRun, 'file'> = {}, note?: string): CheckMapping {
  const params = instance.params === undefined ? '' : ` with ${Object.entries(instance.params).map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(', ')}`;
  const label = `custom rule \`${file}\`${instance.id === undefined ? '' : ` as \`${instance.id}\``}${params} (issue #10)${note === undefined ? '' : `; ${note}`}`;
  return { kind: 'rules', run: { rules: [], customRules: [{ file, ...instance }] }, label };
}
