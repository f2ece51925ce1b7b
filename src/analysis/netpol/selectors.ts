/**
 * Label selectors as NetworkPolicy uses them: the model's evaluator plus a canonical text form
 * (to compare two selectors for equality) and the display forms netpol-analyzer prints for
 * "representative" peers in exposure output.
 */
import { isRecord, matches, type FieldPath, type Requirement, type Selector } from '../../model';

export interface PolicySelector {
  selector: Selector;
  /** True for `{}` (matches everything). */
  empty: boolean;
  /** Canonical requirement text (`a=b,c in (d,e),!f`), equal for equivalent spellings. */
  canonical: string;
  /** `app=x,tier=web` for matchLabels and `{Key:..,Operator:..,Values:[..],}` for expressions. */
  display: string;
  /** True when only matchLabels are used (no matchExpressions). */
  labelsOnly: boolean;
  /** matchLabels as written (for exact-match checks). */
  matchLabels: Readonly<Record<string, string>>;
}

export interface SelectorProblem {
  path: FieldPath;
  message: string;
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);
const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Why a label key is invalid, or undefined. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    if (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) return `the prefix of label key "${key}" must be a DNS subdomain`;
  }
  if (!NAME_PART.test(name) || name.length > 63) return `label key "${key}" must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit (with an optional DNS prefix and '/')`;
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63 || !LABEL_VALUE.test(value)) return `label value "${value}" must be empty or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
  return undefined;
}

export const MATCH_ALL_SELECTOR: PolicySelector = {
  selector: { requirements: [], matchesNothing: false },
  empty: true,
  canonical: '',
  display: '',
  labelsOnly: true,
  matchLabels: {},
};

/**
 * Parses a LabelSelector, collecting what the API server would reject. An invalid selector
 * matches nothing (the API server would refuse the policy; a finding says why).
 */
export function parsePolicySelector(value: unknown, path: FieldPath, problems: SelectorProblem[]): PolicySelector {
  if (!isRecord(value)) {
    problems.push({ path, message: 'a label selector must be a mapping (use {} to select everything)' });
    return { ...MATCH_ALL_SELECTOR, selector: { requirements: [], matchesNothing: true }, empty: false, canonical: '<invalid>' };
  }
  const before = problems.length;
  const requirements: Requirement[] = [];
  const matchLabels: Record<string, string> = {};
  if (value.matchLabels !== undefined && value.matchLabels !== null) {
    if (!isRecord(value.matchLabels)) problems.push({ path: [...path, 'matchLabels'], message: 'matchLabels must be a mapping of label keys to values' });
    else {
      for (const [key, raw] of Object.entries(value.matchLabels)) {
        const v = typeof raw === 'string' ? raw : String(raw);
        const keyProblem = labelKeyProblem(key);
        if (keyProblem !== undefined) problems.push({ path: [...path, 'matchLabels', key], message: keyProblem });
        const valueProblem = typeof raw === 'string' ? labelValueProblem(v) : `label value of "${key}" must be a string`;
        if (valueProblem !== undefined) problems.push({ path: [...path, 'matchLabels', key], message: valueProblem });
        matchLabels[key] = v;
        requirements.push({ key, operator: 'In', values: [v] });
      }
    }
  }
  const expressions = value.matchExpressions;
  let hasExpressions = false;
  if (expressions !== undefined && expressions !== null) {
    if (!Array.isArray(expressions)) problems.push({ path: [...path, 'matchExpressions'], message: 'matchExpressions must be a list' });
    else {
      expressions.forEach((expression, i) => {
        const at = [...path, 'matchExpressions', i];
        const requirement = parseRequirement(expression, at, problems);
        if (requirement !== undefined) {
          requirements.push(requirement);
          hasExpressions = true;
        }
      });
    }
  }
  const invalid = problems.length > before;
  const selector: Selector = { requirements, matchesNothing: invalid };
  return {
    selector,
    empty: !invalid && requirements.length === 0,
    canonical: invalid ? '<invalid>' : canonicalText(requirements),
    display: displayText(matchLabels, Array.isArray(expressions) ? expressions : []),
    labelsOnly: !hasExpressions,
    matchLabels,
  };
}

function parseRequirement(expression: unknown, path: FieldPath, problems: SelectorProblem[]): Requirement | undefined {
  if (!isRecord(expression)) {
    problems.push({ path, message: 'a match expression must be a mapping with key, operator and values' });
    return undefined;
  }
  const { key, operator, values } = expression;
  if (typeof key !== 'string') {
    problems.push({ path: [...path, 'key'], message: 'a match expression needs a string key' });
    return undefined;
  }
  const keyProblem = labelKeyProblem(key);
  if (keyProblem !== undefined) problems.push({ path: [...path, 'key'], message: keyProblem });
  if (typeof operator !== 'string' || !OPERATORS.has(operator)) {
    problems.push({ path: [...path, 'operator'], message: `operator must be one of In, NotIn, Exists, DoesNotExist, got ${JSON.stringify(operator) ?? 'nothing'}` });
    return undefined;
  }
  const list = values === undefined || values === null ? [] : Array.isArray(values) ? values.map(String) : undefined;
  if (list === undefined) {
    problems.push({ path: [...path, 'values'], message: 'values must be a list' });
    return undefined;
  }
  if ((operator === 'In' || operator === 'NotIn') && list.length === 0) problems.push({ path: [...path, 'values'], message: `operator ${operator} needs at least one value` });
  if ((operator === 'Exists' || operator === 'DoesNotExist') && list.length > 0) problems.push({ path: [...path, 'values'], message: `operator ${operator} takes no values` });
  for (const v of list) {
    const valueProblem = labelValueProblem(v);
    if (valueProblem !== undefined) problems.push({ path: [...path, 'values'], message: valueProblem });
  }
  return { key, operator: operator as Requirement['operator'], values: list };
}

/** Requirement text in the form of Kubernetes' labels package (`In` with one value = equality). */
function requirementText(r: Requirement): string {
  const values = [...new Set(r.values)].sort();
  switch (r.operator) {
    case 'In':
      return values.length === 1 ? `${r.key}=${values[0]}` : `${r.key} in (${values.join(',')})`;
    case 'NotIn':
      return `${r.key} notin (${values.join(',')})`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
  }
}

function canonicalText(requirements: readonly Requirement[]): string {
  return [...new Set(requirements.map(requirementText))].sort().join(',');
}

/** The label-selector display netpol-analyzer uses in exposure output. */
function displayText(matchLabels: Readonly<Record<string, string>>, expressions: readonly unknown[]): string {
  const labels = Object.keys(matchLabels)
    .sort()
    .map((k) => `${k}=${matchLabels[k]}`)
    .join(',');
  const exprs = expressions
    .filter(isRecord)
    .map((e) => `{Key:${String(e.key)},Operator:${String(e.operator)},Values:[${(Array.isArray(e.values) ? e.values.map(String) : []).join(' ')}],}`)
    .sort()
    .join(',');
  return [labels, exprs].filter((s) => s !== '').join(',');
}

export function selects(selector: PolicySelector, labels: Readonly<Record<string, string>>): boolean {
  return matches(selector.selector, labels);
}

/**
 * True when every label set `a` matches is also matched by `b` (a sufficient, syntactic test:
 * each requirement of `b` must follow from one requirement of `a`). False means "not shown".
 */
export function selectorImplies(a: PolicySelector, b: PolicySelector): boolean {
  if (b.empty) return !b.selector.matchesNothing;
  if (a.selector.matchesNothing) return true;
  if (b.selector.matchesNothing) return false;
  return b.selector.requirements.every((rb) => a.selector.requirements.some((ra) => requirementImplies(ra, rb)));
}

function requirementImplies(a: Requirement, b: Requirement): boolean {
  if (a.key !== b.key) return false;
  switch (b.operator) {
    case 'In':
      return a.operator === 'In' && a.values.every((v) => b.values.includes(v));
    case 'NotIn':
      return (a.operator === 'In' && a.values.every((v) => !b.values.includes(v))) || (a.operator === 'NotIn' && b.values.every((v) => a.values.includes(v))) || a.operator === 'DoesNotExist';
    case 'Exists':
      return a.operator === 'In' || a.operator === 'Exists';
    case 'DoesNotExist':
      return a.operator === 'DoesNotExist';
  }
}
