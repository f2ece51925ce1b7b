import {
  LABEL_VALUE_RULE,
  OBJECT_LABEL_SELECTOR_PATHS,
  POD_LABEL_SELECTOR_PATHS,
  QUALIFIED_NAME_RULE,
  labelValueProblem,
  qualifiedNameProblem,
  suggestLabelPart,
  valuesAt,
} from '../../src/data/k8s-validation';
import { defineObjectRule, type RuleContext } from '../../src/engine/rule';
import type { KubeObject } from '../../src/model/object';
import { isRecord, type FieldPath } from '../../src/model/path';
import { podSpecOf } from '../../src/model/workload';

/** Kinds whose spec.selector is a LabelSelector (matchLabels/matchExpressions). */
const LABEL_SELECTOR_KINDS = new Set(['apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet', 'batch/Job', 'extensions/Deployment', 'extensions/ReplicaSet', 'extensions/DaemonSet']);
/** Kinds whose spec.selector is a plain map. */
const MAP_SELECTOR_KINDS = new Set(['/Service', '/ReplicationController']);

function suggestKey(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? '' : key.slice(0, slash + 1).toLowerCase().replace(/[^-a-z0-9./]+/g, '-');
  const name = suggestLabelPart(slash < 0 ? key : key.slice(slash + 1));
  if (name === undefined) return undefined;
  const fixed = prefix + name;
  return qualifiedNameProblem(fixed) === undefined && fixed !== key ? fixed : undefined;
}

function eg(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : `, e.g. \`${suggestion}\``;
}

/** Checks every key and string value of a label map (labels, matchLabels, nodeSelector). */
function checkMap(context: RuleContext, map: unknown, path: FieldPath, what: string): void {
  if (!isRecord(map)) return;
  for (const [key, value] of Object.entries(map)) {
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem !== undefined) {
      context.report({
        path: [...path, key],
        target: 'key',
        message: `${what} key \`${key}\` is not a valid label key (${QUALIFIED_NAME_RULE}): it ${keyProblem}; the API server rejects it: rename the key${eg(suggestKey(key))}`,
      });
    }
    if (typeof value !== 'string') continue;
    const valueProblem = labelValueProblem(value);
    if (valueProblem !== undefined) {
      context.report({
        path: [...path, key],
        message: `${what} \`${key}\` has value \`${value}\`, which is not a valid label value (${LABEL_VALUE_RULE}): it ${valueProblem}; the API server rejects it: change the value${eg(suggestLabelPart(value))}`,
      });
    }
  }
}

/** matchLabels and matchExpressions keys and values of a LabelSelector. */
function checkSelector(context: RuleContext, selector: unknown, path: FieldPath): void {
  if (!isRecord(selector)) return;
  checkMap(context, selector.matchLabels, [...path, 'matchLabels'], 'selector label');
  const expressions = selector.matchExpressions;
  if (!Array.isArray(expressions)) return;
  expressions.forEach((expression, i) => {
    if (!isRecord(expression)) return;
    const at = [...path, 'matchExpressions', i];
    if (typeof expression.key === 'string') {
      const problem = qualifiedNameProblem(expression.key);
      if (problem !== undefined) {
        context.report({ path: [...at, 'key'], message: `selector key \`${expression.key}\` is not a valid label key (${QUALIFIED_NAME_RULE}): it ${problem}; the API server rejects it: use the label key${eg(suggestKey(expression.key))}` });
      }
    }
    if (!Array.isArray(expression.values)) return;
    expression.values.forEach((value, j) => {
      if (typeof value !== 'string') return;
      const problem = labelValueProblem(value);
      if (problem !== undefined) {
        context.report({ path: [...at, 'values', j], message: `selector value \`${value}\` is not a valid label value (${LABEL_VALUE_RULE}): it ${problem}; the API server rejects it: use the label value${eg(suggestLabelPart(value))}` });
      }
    });
  });
}

function checkObject(object: KubeObject, context: RuleContext): void {
  checkMap(context, object.get(['metadata', 'labels']), ['metadata', 'labels'], 'label');
  const key = `${object.group}/${object.kind}`;
  if (LABEL_SELECTOR_KINDS.has(key)) checkSelector(context, object.get(['spec', 'selector']), ['spec', 'selector']);
  if (MAP_SELECTOR_KINDS.has(key)) checkMap(context, object.get(['spec', 'selector']), ['spec', 'selector'], 'selector label');
  for (const pattern of OBJECT_LABEL_SELECTOR_PATHS.get(key) ?? []) {
    for (const { path, value } of valuesAt(object.raw, [], pattern)) checkSelector(context, value, path);
  }
  if (key === 'batch/CronJob') {
    checkMap(context, object.get(['spec', 'jobTemplate', 'metadata', 'labels']), ['spec', 'jobTemplate', 'metadata', 'labels'], 'Job template label');
  }
  const pod = podSpecOf(object);
  if (pod === undefined) return;
  if (pod.template) checkMap(context, pod.metadata.labels, [...pod.metadataPath, 'labels'], 'pod template label');
  checkMap(context, pod.spec.nodeSelector, [...pod.path, 'nodeSelector'], 'nodeSelector label');
  for (const pattern of POD_LABEL_SELECTOR_PATHS) {
    for (const { path, value } of valuesAt(pod.spec, pod.path, pattern)) checkSelector(context, value, path);
  }
}

export default defineObjectRule({
  meta: {
    id: 'schema/invalid-label',
    category: 'schema',
    severity: 'error',
    description: 'A label key or value (on the object, its pod template, a selector or a nodeSelector) breaks the label syntax the API server enforces.',
    rationale: 'Label values are at most 63 characters of letters, digits, `-`, `_` and `.`, starting and ending with an alphanumeric character; keys are an optional DNS prefix plus such a name. The OpenAPI schema only says "string", so `version: 1.0 beta` or a `/` too many passes schema checks and is rejected at apply time.',
    fix: 'Replace spaces and other characters with `-`, trim the ends to letters or digits, and keep values to 63 characters; move free text to an annotation.',
    examples: {
      bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  labels:\n    release: "2024 spring"\n',
      good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  labels:\n    release: 2024-spring\n',
    },
    equivalents: { 'kube-score': 'label-values' },
  },
  check(object, context) {
    checkObject(object, context);
  },
});
