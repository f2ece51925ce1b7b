import { LABEL_SELECTOR_OPERATORS, labelRequirementProblem } from '../../src/data/k8s-validation';
import { defineObjectRule, type RuleContext } from '../../src/engine/rule';
import type { KubeObject } from '../../src/model/object';
import { isRecord, type FieldPath } from '../../src/model/path';
import { matches, parseLabelSelector, parseMapSelector, type Requirement, type Selector } from '../../src/model/selector';
import { suggest } from '../../src/util/suggest';

/** apps controllers whose empty selector is rejected, with the word the API server uses. */
const APPS_KINDS: ReadonlyMap<string, string> = new Map([
  ['Deployment', 'deployment'],
  ['ReplicaSet', 'deployment'],
  ['StatefulSet', 'statefulset'],
  ['DaemonSet', 'daemonset'],
]);
const JOB_NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'];
const JOB_UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];

function describe(r: Requirement): string {
  switch (r.operator) {
    case 'In':
      return r.values.length === 1 ? `\`${r.key}=${r.values[0]}\`` : `\`${r.key}\` in (${r.values.join(', ')})`;
    case 'NotIn':
      return `\`${r.key}\` not in (${r.values.join(', ')})`;
    case 'Exists':
      return `a \`${r.key}\` label`;
    default:
      return `no \`${r.key}\` label`;
  }
}

/** Why the labels fail the selector: the first requirement they miss, and what they have instead. */
function mismatch(selector: Selector, labels: Readonly<Record<string, string>>): string {
  for (const r of selector.requirements) {
    if (matches({ requirements: [r], matchesNothing: false }, labels)) continue;
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    if (has) return `the selector requires ${describe(r)} but the pod template has \`${r.key}: ${labels[r.key]}\``;
    const near = suggest(r.key, Object.keys(labels));
    return `the selector requires ${describe(r)} but the pod template has no \`${r.key}\` label${near === undefined ? '' : ` (it has \`${near}\`)`}`;
  }
  return 'the selector does not match the pod template labels';
}

/** The template's labels, or undefined when a value is not a string (another rule reports types). */
function stringLabels(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') return undefined;
    out[k] = v;
  }
  return out;
}

/** Operator and values problems of matchExpressions; true when the selector is well-formed. */
function checkExpressions(context: RuleContext, selector: Record<string, unknown>, path: FieldPath): boolean {
  let ok = true;
  if (isRecord(selector.matchLabels)) {
    for (const v of Object.values(selector.matchLabels)) if (typeof v !== 'string') ok = false;
  } else if (selector.matchLabels !== undefined && selector.matchLabels !== null) ok = false;
  const expressions = selector.matchExpressions;
  if (expressions === undefined || expressions === null) return ok;
  if (!Array.isArray(expressions)) return false;
  expressions.forEach((requirement, i) => {
    if (!isRecord(requirement) || typeof requirement.key !== 'string' || typeof requirement.operator !== 'string') {
      ok = false;
      return;
    }
    if (Array.isArray(requirement.values) && requirement.values.some((v) => typeof v !== 'string')) ok = false;
    const problem = labelRequirementProblem(requirement, LABEL_SELECTOR_OPERATORS);
    if (problem === undefined) return;
    ok = false;
    const at = [...path, 'matchExpressions', i, problem.field];
    if (problem.field === 'operator') {
      const best = suggest(String(requirement.operator), LABEL_SELECTOR_OPERATORS);
      context.report({ path: at, message: `selector operator \`${String(requirement.operator)}\` is not one of ${LABEL_SELECTOR_OPERATORS.join(', ')}; the API server rejects the selector: use ${best === undefined ? 'one of them' : `\`${best}\``}` });
    } else {
      context.report({ path: at, message: `${problem.reason}; the API server rejects the selector: fix \`values\` or the operator` });
    }
  });
  return ok;
}

function isEmptySelector(selector: Record<string, unknown>): boolean {
  const labels = isRecord(selector.matchLabels) ? Object.keys(selector.matchLabels).length : 0;
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0;
  return labels + expressions === 0 && (selector.matchLabels === undefined || selector.matchLabels === null || isRecord(selector.matchLabels)) && (selector.matchExpressions === undefined || selector.matchExpressions === null || Array.isArray(selector.matchExpressions));
}

function reportMismatch(context: RuleContext, object: KubeObject, selector: Selector, labels: Record<string, string>, labelsPath: FieldPath, selectorPath: FieldPath): void {
  if (matches(selector, labels)) return;
  const hasLabels = Object.keys(labels).length > 0;
  context.report({
    path: hasLabels ? labelsPath : selectorPath,
    message: `${object.kind} spec.selector does not match its pod template labels: ${mismatch(selector, labels)}; the API server rejects it ("selector does not match template labels"): make the template labels include everything the selector requires`,
  });
}

function checkAppsController(object: KubeObject, context: RuleContext, word: string): void {
  const selector = object.get(['spec', 'selector']);
  if (!isRecord(selector)) return;
  if (isEmptySelector(selector)) {
    context.report({ path: ['spec', 'selector'], message: `${object.kind} spec.selector is empty; an empty selector would select every pod in the namespace, so the API server rejects it ("empty selector is invalid for ${word}"): add matchLabels that match the pod template labels` });
    return;
  }
  if (!checkExpressions(context, selector, ['spec', 'selector'])) return;
  const labels = stringLabels(object.get(['spec', 'template', 'metadata', 'labels']));
  if (labels === undefined) return;
  reportMismatch(context, object, parseLabelSelector(selector), labels, ['spec', 'template', 'metadata', 'labels'], ['spec', 'selector']);
}

function checkJob(object: KubeObject, context: RuleContext): void {
  const selector = object.get(['spec', 'selector']);
  const manual = object.get(['spec', 'manualSelector']) === true;
  const labels = stringLabels(object.get(['spec', 'template', 'metadata', 'labels']));
  const name = isRecord(object.raw.metadata) && typeof object.raw.metadata.name === 'string' ? object.raw.metadata.name : undefined;
  if (!manual && name !== undefined && name !== '' && labels !== undefined) {
    for (const key of JOB_NAME_LABELS) {
      if (key in labels && labels[key] !== name) {
        context.report({ path: ['spec', 'template', 'metadata', 'labels', key], message: `pod template label \`${key}\` is \`${labels[key]}\`, but Kubernetes sets it to the Job name \`${name}\` and rejects a different value: remove the label` });
      }
    }
  }
  if (!isRecord(selector)) return;
  if (!checkExpressions(context, selector, ['spec', 'selector'])) return;
  const parsed = parseLabelSelector(selector);
  if (manual) {
    if (labels !== undefined) reportMismatch(context, object, parsed, labels, ['spec', 'template', 'metadata', 'labels'], ['spec', 'selector']);
    return;
  }
  // Without manualSelector the API server generates the selector; a hand-written one must
  // still select the generated labels (job-name, controller-uid), which it cannot know.
  if (name === undefined || name === '' || parsed.requirements.some((r) => JOB_UID_LABELS.includes(r.key))) return;
  const generated: Record<string, string> = {};
  for (const key of JOB_NAME_LABELS) generated[key] = name;
  if (!matches(parsed, generated)) {
    context.report({ path: ['spec', 'selector'], message: 'Job spec.selector is set but spec.manualSelector is not true: Kubernetes generates the selector from the Job\'s uid and rejects a hand-written one ("`selector` not auto-generated"): remove spec.selector, or set `manualSelector: true` if you really manage the labels yourself' });
  }
}

function checkCronJob(object: KubeObject, context: RuleContext): void {
  const spec = object.get(['spec', 'jobTemplate', 'spec']);
  if (!isRecord(spec)) return;
  if (spec.selector !== undefined && spec.selector !== null) {
    context.report({ path: ['spec', 'jobTemplate', 'spec', 'selector'], target: 'key', message: 'a CronJob\'s job template may not set selector: Kubernetes generates one for each Job ("`selector` will be auto-generated"); the API server rejects it: remove the selector' });
  }
  if (spec.manualSelector === true) {
    context.report({ path: ['spec', 'jobTemplate', 'spec', 'manualSelector'], message: 'a CronJob\'s job template may not set manualSelector: true; the API server rejects it: remove manualSelector' });
  }
}

function checkReplicationController(object: KubeObject, context: RuleContext): void {
  const selector = object.get(['spec', 'selector']);
  // An absent or empty selector is defaulted from the template labels.
  if (!isRecord(selector) || Object.keys(selector).length === 0) return;
  if (Object.values(selector).some((v) => typeof v !== 'string')) return;
  const labels = stringLabels(object.get(['spec', 'template', 'metadata', 'labels']));
  if (labels === undefined) return;
  reportMismatch(context, object, parseMapSelector(selector), labels, ['spec', 'template', 'metadata', 'labels'], ['spec', 'selector']);
}

export default defineObjectRule({
  meta: {
    id: 'schema/selector-mismatch',
    category: 'schema',
    severity: 'error',
    description: 'A controller\'s `spec.selector` is empty, malformed, or does not match its own pod template labels.',
    rationale: 'A Deployment, ReplicaSet, StatefulSet, DaemonSet, Job (with manualSelector) or ReplicationController must select the pods it creates, otherwise it would create pods forever; the API server rejects such objects ("selector does not match template labels", "empty selector is invalid"). Jobs and CronJob job templates get generated selectors and reject hand-written ones. The schema cannot express this relation, so it is only found on apply.',
    fix: 'Make the pod template labels a superset of the selector (`spec.template.metadata.labels` must contain every matchLabels pair); use In/NotIn with values and Exists/DoesNotExist without; leave Job selectors to Kubernetes.',
    examples: {
      bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: webapp}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
      good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
    },
    equivalents: { 'kube-linter': 'mismatching-selector', 'kube-score': 'deployment-pod-selector-labels-match-template-metadata-labels, statefulset-pod-selector-labels-match-template-metadata-labels' },
  },
  check(object, context) {
    const word = APPS_KINDS.get(object.kind);
    if (word !== undefined && (object.group === 'apps' || object.group === 'extensions')) checkAppsController(object, context, word);
    else if (object.group === 'batch' && object.kind === 'Job') checkJob(object, context);
    else if (object.group === 'batch' && object.kind === 'CronJob') checkCronJob(object, context);
    else if (object.group === '' && object.kind === 'ReplicationController') checkReplicationController(object, context);
  },
});
