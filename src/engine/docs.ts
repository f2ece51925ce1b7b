/** Rule documentation generated from rule metadata (for `kubevet explain` and docs/rules). */
import type { AnyRule } from './rule';
import { ruleHelpUri } from './rule';

export function ruleDocumentation(rule: AnyRule): string {
  const m = rule.meta;
  const parts: string[] = [
    `# ${m.id}`,
    '',
    `Category: ${m.category} · Default severity: ${m.severity}${m.enabledByDefault === false ? ' (opt-in: off unless configured)' : ''}`,
    '',
    '## What it checks',
    '',
    m.description,
    '',
    '## Why it matters',
    '',
    m.rationale,
  ];
  if (m.fix !== undefined) parts.push('', '## How to fix', '', m.fix);
  if (m.examples?.bad !== undefined) parts.push('', '## Problematic', '', '```yaml', m.examples.bad.trimEnd(), '```');
  if (m.examples?.good !== undefined) parts.push('', '## Correct', '', '```yaml', m.examples.good.trimEnd(), '```');
  if (m.options !== undefined) {
    parts.push('', '## Options', '', '```json', JSON.stringify(m.options.schema, null, 2), '```', '', `Defaults: \`${JSON.stringify(m.options.defaults)}\``);
  }
  parts.push(
    '',
    '## Suppressing',
    '',
    `- On one line: \`# kubevet-ignore ${m.id} -- reason\` at the end of the line or alone on the line above.`,
    `- On one object: the annotation \`kubevet.io/ignore: "${m.id}"\` on the object or its pod template.`,
    `- Everywhere: \`checks: { ${m.id}: off }\` in .kubevet.yaml, or \`--rule ${m.id}=off\`.`,
  );
  if (m.equivalents !== undefined && Object.keys(m.equivalents).length > 0) {
    parts.push('', '## Equivalents in other tools', '', ...Object.entries(m.equivalents).map(([tool, id]) => `- ${tool}: \`${id}\``));
  }
  if (m.parameters !== undefined && Object.keys(m.parameters).length > 0) {
    parts.push('', '## Parameters of this instance', '', '```json', JSON.stringify(m.parameters, null, 2), '```');
  }
  if (m.definedIn !== undefined) parts.push('', `Defined in: ${m.definedIn}`);
  const uri = ruleHelpUri(m);
  parts.push(...(uri === '' ? [''] : ['', `Documentation: ${uri}`, '']));
  return parts.join('\n');
}
