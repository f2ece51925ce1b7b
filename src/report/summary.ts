/** Summary wording shared by the text and GitHub formatters. */
import type { Summary } from '../types';

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export function problemCount(summary: Summary): number {
  return summary.errors + summary.warnings + summary.infos;
}

/**
 * `12 problems (3 errors, 7 warnings, 2 infos) in 5 files, 40 objects; 4 suppressed` or
 * `No problems found in 5 files (40 objects)`, without the leading symbol.
 */
export function summaryText(summary: Summary): string {
  const suppressed = summary.suppressed > 0 ? `; ${summary.suppressed} suppressed` : '';
  const files = plural(summary.files, 'file');
  const objects = plural(summary.objects, 'object');
  const total = problemCount(summary);
  if (total === 0) return `No problems found in ${files} (${objects})${suppressed}`;
  const counts = [
    plural(summary.errors, 'error'),
    plural(summary.warnings, 'warning'),
    plural(summary.infos, 'info'),
  ].join(', ');
  return `${plural(total, 'problem')} (${counts}) in ${files}, ${objects}${suppressed}`;
}
