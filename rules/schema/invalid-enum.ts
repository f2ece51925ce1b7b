import {
  ENUM_FIELDS,
  LABEL_SELECTOR_OPERATORS,
  NODE_SELECTOR_OPERATORS,
  NODE_SELECTOR_TERM_PATHS,
  OBJECT_LABEL_SELECTOR_PATHS,
  POD_LABEL_SELECTOR_PATHS,
  compareVersions,
  labelRequirementProblem,
  valuesAt,
  type EnumField,
} from '../../src/data/k8s-validation';
import { defineObjectRule, type RuleContext } from '../../src/engine/rule';
import type { KubeObject } from '../../src/model/object';
import { isRecord, type FieldPath } from '../../src/model/path';
import { containersOf, podSpecOf, type PodSpecView } from '../../src/model/workload';
import { suggest } from '../../src/util/suggest';

/** Pod templates of these kinds may only use restartPolicy Always. */
const ALWAYS_ONLY = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController']);
const JOB_KINDS = new Set(['Job', 'CronJob']);

function show(value: string): string {
  return value === '' ? '""' : value;
}

function lastName(path: FieldPath): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return 'value';
}

function reportValue(context: RuleContext, path: FieldPath, value: string, values: readonly string[], extra = ''): void {
  const best = suggest(value, values);
  const caseOnly = best !== undefined && best.toLowerCase() === value.toLowerCase();
  const fix = best === undefined ? `use one of ${values.map(show).join(', ')}` : `use \`${best}\``;
  context.report({
    path,
    message: `${lastName(path)} \`${value}\` is not one of ${values.map(show).join(', ')}${caseOnly ? ' (values are case-sensitive)' : ''}${extra}; the API server rejects it: ${fix}`,
  });
}

function checkFields(context: RuleContext, root: unknown, base: FieldPath, fields: readonly EnumField[]): void {
  for (const field of fields) {
    for (const { path, value } of valuesAt(root, base, field.path)) {
      // "" is Go's zero value: for most fields indistinguishable from unset, and defaulted.
      if (typeof value === 'string' && value !== '' && !field.values.includes(value)) reportValue(context, path, value, field.values);
    }
  }
}

function checkLabelSelector(context: RuleContext, selector: unknown, path: FieldPath): void {
  if (!isRecord(selector) || !Array.isArray(selector.matchExpressions)) return;
  selector.matchExpressions.forEach((requirement, i) => {
    if (!isRecord(requirement)) return;
    const problem = labelRequirementProblem(requirement, LABEL_SELECTOR_OPERATORS);
    if (problem === undefined) return;
    const at = [...path, 'matchExpressions', i, problem.field];
    if (problem.field === 'operator') reportValue(context, at, String(requirement.operator), LABEL_SELECTOR_OPERATORS);
    else context.report({ path: at, message: `${problem.reason}; the API server rejects this selector requirement: fix \`values\` or the operator` });
  });
}

function checkNodeSelectorTerm(context: RuleContext, term: unknown, path: FieldPath): void {
  if (!isRecord(term)) return;
  if (Array.isArray(term.matchExpressions)) {
    term.matchExpressions.forEach((requirement, i) => {
      if (!isRecord(requirement)) return;
      const problem = labelRequirementProblem(requirement, NODE_SELECTOR_OPERATORS);
      if (problem === undefined) return;
      const at = [...path, 'matchExpressions', i, problem.field];
      if (problem.field === 'operator') reportValue(context, at, String(requirement.operator), NODE_SELECTOR_OPERATORS);
      else context.report({ path: at, message: `${problem.reason}; the API server rejects this node selector requirement: fix \`values\` or the operator` });
    });
  }
  if (Array.isArray(term.matchFields)) {
    term.matchFields.forEach((requirement, i) => {
      if (isRecord(requirement) && typeof requirement.operator === 'string' && requirement.operator !== 'In' && requirement.operator !== 'NotIn') {
        reportValue(context, [...path, 'matchFields', i, 'operator'], requirement.operator, ['In', 'NotIn'], ' (for matchFields)');
      }
    });
  }
}

function checkRestartPolicy(object: KubeObject, pod: PodSpecView, context: RuleContext): void {
  const path = [...pod.path, 'restartPolicy'];
  const value = pod.spec.restartPolicy;
  if (JOB_KINDS.has(object.kind)) {
    if (value === undefined || value === null || value === '') {
      context.report({ path, target: value === '' ? 'value' : 'key', message: `${object.kind} pods need restartPolicy OnFailure or Never, but restartPolicy is not set and defaults to Always, which the API server rejects for Jobs: add \`restartPolicy: Never\` (or OnFailure) to the pod template spec` });
      return;
    }
    if (typeof value !== 'string') return;
    if (value === 'Always') {
      context.report({ path, message: `${object.kind} pods must not use restartPolicy Always (a Job's pods must be able to finish); the API server rejects it: use Never or OnFailure` });
      return;
    }
    if (value !== 'OnFailure' && value !== 'Never') {
      reportValue(context, path, value, ['OnFailure', 'Never'], ` (allowed for ${object.kind} pods)`);
      return;
    }
    const failurePolicy = object.kind === 'Job' ? object.get(['spec', 'podFailurePolicy']) : object.get(['spec', 'jobTemplate', 'spec', 'podFailurePolicy']);
    if (value === 'OnFailure' && isRecord(failurePolicy)) {
      context.report({ path, message: 'restartPolicy OnFailure cannot be combined with podFailurePolicy (the Job controller must see every pod failure); the API server rejects it: use Never' });
    }
    return;
  }
  if (typeof value !== 'string' || value === '') return;
  if (ALWAYS_ONLY.has(object.kind)) {
    if (value !== 'Always') {
      const fix = value.toLowerCase() === 'always' ? 'use `Always`' : 'remove restartPolicy (it defaults to Always)';
      context.report({ path, message: `restartPolicy \`${value}\` is not allowed in a ${object.kind}: it keeps its pods running, so only Always is accepted; the API server rejects it: ${fix}` });
    }
    return;
  }
  const values = ['Always', 'OnFailure', 'Never'];
  if (!values.includes(value)) reportValue(context, path, value, values);
}

/** seccompProfile/appArmorProfile: localhostProfile is required for Localhost and forbidden otherwise. */
function checkProfile(context: RuleContext, securityContext: unknown, path: FieldPath): void {
  if (!isRecord(securityContext)) return;
  for (const field of ['seccompProfile', 'appArmorProfile'] as const) {
    const profile = securityContext[field];
    if (!isRecord(profile) || typeof profile.type !== 'string') continue;
    const at = [...path, field];
    const hasLocal = profile.localhostProfile !== undefined && profile.localhostProfile !== null;
    if (profile.type === 'Localhost' && !hasLocal) {
      context.report({ path: [...at, 'type'], message: `${field}.type Localhost needs localhostProfile (the profile's path on the node); the API server rejects it without one: add localhostProfile or use RuntimeDefault` });
    } else if ((profile.type === 'RuntimeDefault' || profile.type === 'Unconfined') && hasLocal) {
      context.report({ path: [...at, 'localhostProfile'], message: `${field}.localhostProfile may only be set when type is Localhost (it is ${profile.type}); the API server rejects it: remove localhostProfile or set type: Localhost` });
    }
  }
}

function checkTolerations(context: RuleContext, pod: PodSpecView): void {
  const tolerations = pod.spec.tolerations;
  if (!Array.isArray(tolerations)) return;
  tolerations.forEach((toleration, i) => {
    if (!isRecord(toleration)) return;
    const at = [...pod.path, 'tolerations', i];
    const operator = toleration.operator === undefined || toleration.operator === null || toleration.operator === '' ? 'Equal' : toleration.operator;
    const key = toleration.key === undefined || toleration.key === null ? '' : toleration.key;
    if (key === '' && operator === 'Equal') {
      context.report({ path: [...at, 'operator'], target: toleration.operator === undefined ? 'key' : 'value', message: 'a toleration without `key` matches every taint and needs operator Exists (the default is Equal); the API server rejects it: add `operator: Exists` or a key' });
    }
    if (operator === 'Exists' && typeof toleration.value === 'string' && toleration.value !== '') {
      context.report({ path: [...at, 'value'], message: `a toleration with operator Exists matches any value, so \`value\` must be empty (it is \`${toleration.value}\`); the API server rejects it: remove value or use operator Equal` });
    }
    if (toleration.tolerationSeconds !== undefined && toleration.tolerationSeconds !== null && typeof toleration.effect === 'string' && toleration.effect !== 'NoExecute' && ['NoSchedule', 'PreferNoSchedule'].includes(toleration.effect)) {
      context.report({ path: [...at, 'tolerationSeconds'], message: `tolerationSeconds only applies to effect NoExecute (this toleration's effect is ${toleration.effect}); the API server rejects it: remove tolerationSeconds or use effect NoExecute` });
    }
  });
}

function checkPod(object: KubeObject, context: RuleContext): void {
  const pod = podSpecOf(object);
  if (pod === undefined) return;
  for (const scope of ENUM_FIELDS) if (scope.scope === 'pod') checkFields(context, pod.spec, pod.path, scope.fields);
  checkRestartPolicy(object, pod, context);
  checkProfile(context, pod.spec.securityContext, [...pod.path, 'securityContext']);
  checkTolerations(context, pod);
  const hostUsers = isRecord(pod.spec.securityContext) ? pod.spec.securityContext.hostUsers : undefined;
  const newRestartRules = compareVersions(context.settings.kubernetesVersion, '1.35') >= 0;
  for (const view of containersOf(pod)) {
    for (const scope of ENUM_FIELDS) {
      if (scope.scope === 'container') checkFields(context, view.container, view.path, scope.fields);
      else if (scope.scope === 'initContainer' && view.list === 'initContainers') {
        // ContainerRestartRules (beta in 1.35) adds OnFailure and Never.
        checkFields(context, view.container, view.path, newRestartRules ? [{ path: 'restartPolicy', values: ['Always', 'OnFailure', 'Never'] }] : scope.fields);
      }
    }
    checkProfile(context, view.container.securityContext, [...view.path, 'securityContext']);
    const procMount = isRecord(view.container.securityContext) ? view.container.securityContext.procMount : undefined;
    if (procMount === 'Unmasked' && hostUsers !== false) {
      context.report({ path: [...view.path, 'securityContext', 'procMount'], message: 'procMount Unmasked requires a user namespace (spec.securityContext.hostUsers: false); the API server rejects it: set hostUsers: false or remove procMount' });
    }
  }
  for (const pattern of NODE_SELECTOR_TERM_PATHS) {
    for (const { path, value } of valuesAt(pod.spec, pod.path, pattern)) checkNodeSelectorTerm(context, value, path);
  }
  for (const pattern of POD_LABEL_SELECTOR_PATHS) {
    for (const { path, value } of valuesAt(pod.spec, pod.path, pattern)) checkLabelSelector(context, value, path);
  }
}

function checkStrategies(object: KubeObject, context: RuleContext): void {
  if (object.group !== 'apps') return;
  const [field, exclusive] = object.kind === 'Deployment' ? ['strategy', 'Recreate'] : object.kind === 'StatefulSet' ? ['updateStrategy', 'OnDelete'] : [undefined, undefined];
  if (field === undefined) return;
  const strategy = object.get(['spec', field]);
  if (isRecord(strategy) && strategy.type === exclusive && strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null) {
    context.report({ path: ['spec', field, 'rollingUpdate'], target: 'key', message: `${field}.rollingUpdate may not be set when the ${field} type is ${exclusive}; the API server rejects it: remove rollingUpdate or use type RollingUpdate` });
  }
}

export default defineObjectRule({
  meta: {
    id: 'schema/invalid-enum',
    category: 'schema',
    severity: 'error',
    description: 'A field that only accepts a fixed set of values (Service type, port protocol, restartPolicy, imagePullPolicy, operators, access modes, …) holds another value, or one the kind does not allow.',
    rationale: 'The OpenAPI schema types these fields as free strings; the API server checks the values in code and rejects misspellings such as `tcp`, `Nodeport` or `IfNotPresnt`, and kind-specific values such as restartPolicy Always in a Job (which is also what an unset restartPolicy defaults to). Values are case-sensitive.',
    fix: 'Use one of the listed values with the exact capitalisation; give Jobs and CronJobs `restartPolicy: Never` or `OnFailure`.',
    examples: {
      bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: Nodeport\n  selector: {app: web}\n  ports: [{port: 80, protocol: tcp}]\n',
      good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, protocol: TCP}]\n',
    },
    equivalents: { 'kube-score': 'cronjob-restartpolicy' },
  },
  check(object, context) {
    for (const scope of ENUM_FIELDS) {
      if (typeof scope.scope === 'object' && scope.scope.group === object.group && scope.scope.kinds.includes(object.kind)) {
        checkFields(context, object.raw, [], scope.fields);
      }
    }
    for (const pattern of OBJECT_LABEL_SELECTOR_PATHS.get(`${object.group}/${object.kind}`) ?? []) {
      for (const { path, value } of valuesAt(object.raw, [], pattern)) checkLabelSelector(context, value, path);
    }
    checkStrategies(object, context);
    checkPod(object, context);
  },
});
