import {
  describeNameFormat,
  dns1123LabelProblem,
  generatedNameExample,
  nameFormatProblem,
  nameRuleFor,
  suggestName,
  type NameRule,
} from '../../src/data/k8s-validation';
import { defineObjectRule } from '../../src/engine/rule';
import { isRecord } from '../../src/model/path';

/** The problem of a full name under a kind's rule, and a suggested replacement. */
function nameProblem(rule: NameRule, name: string): { reason: string; suggestion?: string } | undefined {
  const format = nameFormatProblem(rule.format, name);
  if (format !== undefined) {
    const suggestion = suggestName(name, rule.format, rule.maxLength);
    return { reason: `is not ${describeNameFormat(rule.format)}: it ${format}`, suggestion };
  }
  if (rule.maxLength !== undefined && name.length > rule.maxLength) {
    return { reason: `is ${name.length} characters long, but at most ${rule.maxLength} are allowed: ${rule.maxReason ?? ''}`, suggestion: suggestName(name, rule.format, rule.maxLength) };
  }
  return undefined;
}

function fix(suggestion: string | undefined, what: string): string {
  return suggestion === undefined ? `${what}` : `${what}, e.g. \`${suggestion}\``;
}

export default defineObjectRule({
  meta: {
    id: 'schema/invalid-name',
    category: 'schema',
    severity: 'error',
    description: '`metadata.name`, `metadata.generateName` or `metadata.namespace` does not follow the naming rules the API server enforces for the kind.',
    rationale: 'Names are validated in code, not by the OpenAPI schema: most kinds need a DNS-1123 subdomain (lowercase, no `_`), Services a DNS-1035 label, Namespaces and StatefulSets a DNS-1123 label, CronJobs at most 52 characters and CustomResourceDefinitions `<plural>.<group>`. A manifest that breaks them passes schema validation and fails only when applied.',
    fix: 'Rename the object: lowercase letters, digits and `-` (and `.` where subdomains are allowed), starting and ending with a letter or digit.',
    examples: {
      bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: Web_API\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n',
      good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web-api\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n',
    },
  },
  check(object, context) {
    const metadata = object.raw.metadata;
    if (!isRecord(metadata)) return;
    const rule = nameRuleFor(object.group, object.kind);
    const name = metadata.name;
    if (rule !== undefined && typeof name === 'string' && name !== '') {
      const problem = nameProblem(rule, name);
      if (problem !== undefined) {
        context.report({
          path: ['metadata', 'name'],
          message: `${object.kind} name \`${name}\` ${problem.reason}; the API server rejects it: ${fix(problem.suggestion, 'rename it')}`,
        });
      } else if (object.kind === 'CustomResourceDefinition' && object.group === 'apiextensions.k8s.io') {
        const plural = object.get(['spec', 'names', 'plural']);
        const group = object.get(['spec', 'group']);
        if (typeof plural === 'string' && typeof group === 'string' && plural !== '' && group !== '' && name !== `${plural}.${group}`) {
          context.report({
            path: ['metadata', 'name'],
            message: `CustomResourceDefinition name \`${name}\` must be \`<spec.names.plural>.<spec.group>\`; the API server rejects it: rename it \`${plural}.${group}\``,
          });
        }
      }
    }
    const generateName = metadata.generateName;
    if (rule !== undefined && typeof generateName === 'string' && generateName !== '' && object.kind !== 'CustomResourceDefinition') {
      const prefixProblem = nameFormatProblem(rule.format, generateName, true);
      const generated = generatedNameExample(generateName);
      const generatedProblem = prefixProblem === undefined ? nameProblem(rule, generated) : undefined;
      if (prefixProblem !== undefined || generatedProblem !== undefined) {
        const reason = prefixProblem !== undefined ? `is not a valid prefix for ${describeNameFormat(rule.format)}: it ${prefixProblem}` : `yields names like \`${generated}\` that ${generatedProblem?.reason}`;
        const suggestion = suggestName(generateName.replace(/-+$/, ''), rule.format, rule.maxLength === undefined ? undefined : rule.maxLength - 6);
        context.report({
          path: ['metadata', 'generateName'],
          message: `${object.kind} generateName \`${generateName}\` ${reason}; the API server rejects it: ${fix(suggestion === undefined ? undefined : `${suggestion}-`, 'change the prefix')}`,
        });
      }
    }
    const namespace = metadata.namespace;
    if (typeof namespace === 'string' && namespace !== '' && object.namespace !== null) {
      const problem = dns1123LabelProblem(namespace);
      if (problem !== undefined) {
        const suggestion = suggestName(namespace, 'dns1123-label');
        context.report({
          path: ['metadata', 'namespace'],
          message: `namespace \`${namespace}\` is not a valid Namespace name (a DNS-1123 label): it ${problem}; the API server rejects the object: ${fix(suggestion, 'use a valid namespace name')}`,
        });
      }
    }
  },
});
