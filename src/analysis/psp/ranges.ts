/** Inclusive number ranges: user and group IDs, host ports. */
import type { IdRange } from './types';

export function inRange(value: number, range: IdRange): boolean {
  return value >= range.min && value <= range.max;
}

export function inAnyRange(value: number, ranges: readonly IdRange[]): boolean {
  return ranges.some((range) => inRange(value, range));
}

/** `1000-2000` or `80` for a one-number range. */
export function rangeText(range: IdRange): string {
  return range.min === range.max ? String(range.min) : `${range.min}-${range.max}`;
}

/** `[1000-2000, 3000]` for messages. */
export function rangesText(ranges: readonly IdRange[]): string {
  return `[${ranges.map(rangeText).join(', ')}]`;
}

/** Host port ranges as the admission plugin listed them: `80,443,8000-9000`. */
export function hostPortRangesText(ranges: readonly IdRange[]): string {
  return ranges.map(rangeText).join(',');
}

/** A range no number falls in, or one outside what the field can hold. */
export function rangeProblem(range: IdRange, limits: { min: number; max: number }): string | undefined {
  if (range.min < limits.min) return `min cannot be ${limits.min === 0 ? 'negative' : `below ${limits.min}`}`;
  if (range.max < limits.min) return `max cannot be ${limits.min === 0 ? 'negative' : `below ${limits.min}`}`;
  if (range.min > range.max) return 'min cannot be greater than max';
  if (range.max > limits.max) return `max cannot be above ${limits.max}`;
  return undefined;
}
