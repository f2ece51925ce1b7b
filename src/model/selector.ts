/** Label selectors exactly as the API server evaluates them. */
import { isRecord } from './path';

export interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: readonly string[];
}

export interface Selector {
  requirements: readonly Requirement[];
  /** An empty selector ({}) selects everything; a null selector selects nothing. */
  matchesNothing: boolean;
}

export const SELECT_ALL: Selector = { requirements: [], matchesNothing: false };
export const SELECT_NONE: Selector = { requirements: [], matchesNothing: true };

/**
 * Parses a LabelSelector (`matchLabels` + `matchExpressions`). Invalid operators make the
 * selector match nothing (the API server would reject it; schema rules report it).
 */
export function parseLabelSelector(value: unknown): Selector {
  if (value === undefined || value === null) return SELECT_NONE;
  if (!isRecord(value)) return SELECT_NONE;
  const requirements: Requirement[] = [];
  if (isRecord(value.matchLabels)) {
    for (const [key, v] of Object.entries(value.matchLabels)) {
      requirements.push({ key, operator: 'In', values: [String(v)] });
    }
  }
  if (Array.isArray(value.matchExpressions)) {
    for (const expression of value.matchExpressions) {
      if (!isRecord(expression) || typeof expression.key !== 'string') return SELECT_NONE;
      const operator = expression.operator;
      if (operator !== 'In' && operator !== 'NotIn' && operator !== 'Exists' && operator !== 'DoesNotExist') return SELECT_NONE;
      const values = Array.isArray(expression.values) ? expression.values.map(String) : [];
      requirements.push({ key: expression.key, operator, values });
    }
  }
  return { requirements, matchesNothing: false };
}

/** A map selector (Service `spec.selector`, ReplicationController): equality on every key. */
export function parseMapSelector(value: unknown): Selector {
  if (!isRecord(value)) return SELECT_NONE;
  return { requirements: Object.entries(value).map(([key, v]) => ({ key, operator: 'In' as const, values: [String(v)] })), matchesNothing: false };
}

export function matches(selector: Selector, labels: Readonly<Record<string, string>>): boolean {
  if (selector.matchesNothing) return false;
  for (const r of selector.requirements) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.operator) {
      case 'In':
        if (!has || !r.values.includes(labels[r.key])) return false;
        break;
      case 'NotIn':
        if (has && r.values.includes(labels[r.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}
