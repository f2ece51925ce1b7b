/**
 * CronJob schedules exactly as the API server validates them: robfig/cron v3 `ParseStandard`
 * (five fields or a descriptor) plus the Kubernetes rule that rejects `TZ`/`CRON_TZ` in the
 * schedule, and the shape checks of `spec.timeZone` (pkg/apis/batch/validation).
 */

interface Bounds {
  name: string;
  min: number;
  max: number;
  names?: Readonly<Record<string, number>>;
}

const FIELDS: readonly Bounds[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } },
  { name: 'day of week', min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } },
];

export const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'] as const;

/** Go's strings.Fields: split on runs of Unicode white space. */
function fields(text: string): string[] {
  return text.split(/[\s\u0085\u00a0]+/u).filter((f) => f !== '');
}

/** Go's strconv.Atoi result for a field number, or an error text. */
function atoi(text: string): number | string {
  if (!/^[+-]?\d+$/.test(text)) return `\`${text}\` is not a number`;
  const n = Number(text);
  if (!Number.isSafeInteger(n)) return `\`${text}\` is out of range`;
  if (n < 0) return `negative number \`${text}\` is not allowed`;
  return n;
}

function intOrName(text: string, bounds: Bounds): number | string {
  const named = bounds.names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  return atoi(text);
}

/** One comma-separated element: `*`, `?`, `N`, `N-M`, with an optional `/step`. */
function rangeProblem(expr: string, bounds: Bounds): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = bounds.min;
    end = bounds.max;
  } else {
    const s = intOrName(lowAndHigh[0], bounds);
    if (typeof s === 'string') return s;
    start = s;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const e = intOrName(lowAndHigh[1], bounds);
      if (typeof e === 'string') return e;
      end = e;
    } else return `\`${expr}\` has too many '-'`;
  }
  if (rangeAndStep.length === 2) {
    const step = atoi(rangeAndStep[1]);
    if (typeof step === 'string') return step;
    if (lowAndHigh.length === 1) end = bounds.max;
    if (step === 0 && start >= bounds.min && end <= bounds.max && start <= end) return `\`${expr}\` has a step of 0`;
  } else if (rangeAndStep.length > 2) return `\`${expr}\` has too many '/'`;
  if (start < bounds.min) return `${start} is below the minimum ${bounds.min} of the ${bounds.name} field`;
  if (end > bounds.max) return `${end} is above the maximum ${bounds.max} of the ${bounds.name} field${bounds.name === 'day of week' && end === 7 ? ' (Sunday is 0, not 7)' : ''}`;
  if (start > end) return `range \`${expr}\` starts after it ends`;
  return undefined;
}

/**
 * Why robfig/cron's ParseStandard rejects a schedule, or undefined when it parses. Does not
 * apply the Kubernetes `TZ` rule (see cronScheduleProblem).
 */
export function parseStandardProblem(spec: string): string | undefined {
  if (spec === '') return 'the schedule is empty';
  let text = spec;
  if (text.startsWith('TZ=') || text.startsWith('CRON_TZ=')) {
    const space = text.indexOf(' ');
    if (space < 0) return 'a TZ= prefix must be followed by a schedule';
    text = text.slice(space).trim();
  }
  if (text.startsWith('@')) {
    if ((DESCRIPTORS as readonly string[]).includes(text)) return undefined;
    if (text.startsWith('@every ')) {
      const duration = text.slice('@every '.length);
      return isGoDuration(duration) ? undefined : `\`${duration}\` is not a duration (e.g. \`5m\`, \`1h30m\`)`;
    }
    return `\`${text}\` is not a known descriptor (${DESCRIPTORS.join(', ')}, @every <duration>)`;
  }
  const parts = fields(text);
  if (parts.length !== 5) return `expected exactly 5 fields (minute hour day-of-month month day-of-week), found ${parts.length}`;
  for (let i = 0; i < 5; i++) {
    // strings.FieldsFunc on ',' drops empty elements.
    for (const expr of parts[i].split(',').filter((e) => e !== '')) {
      const problem = rangeProblem(expr, FIELDS[i]);
      if (problem !== undefined) return `${FIELDS[i].name} field \`${parts[i]}\`: ${problem}`;
    }
  }
  return undefined;
}

/** Kubernetes' check: robfig's parser, and no `TZ` anywhere in the schedule (spec.timeZone replaces it). */
export function cronScheduleProblem(schedule: string): { kind: 'tz' | 'syntax'; reason: string } | undefined {
  const syntax = parseStandardProblem(schedule);
  if (syntax !== undefined) return { kind: 'syntax', reason: syntax };
  if (schedule.includes('TZ')) return { kind: 'tz', reason: 'contains `TZ`' };
  return undefined;
}

const DURATION_UNITS = new Set(['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h']);

/** Go's time.ParseDuration syntax: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, or `0`. */
export function isGoDuration(text: string): boolean {
  let s = text;
  if (s.startsWith('-') || s.startsWith('+')) s = s.slice(1);
  if (s === '0') return true;
  if (s === '') return false;
  const re = /([0-9]*)(\.[0-9]*)?([^0-9.]+)/y;
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (m === null) return false;
    const [whole, int, frac, unit] = m;
    if (int === '' && (frac === undefined || frac === '.')) return false;
    if (!DURATION_UNITS.has(unit)) return false;
    pos += whole.length;
  }
  return true;
}

const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/**
 * Shape problems of spec.timeZone (validateTimeZone): each `/` part of 1–14 characters from
 * `A-Za-z0-9._-+`, not `.`/`..`, not starting with '-', and not `Local`. Whether the zone exists
 * is checked separately (timeZoneExists).
 */
export function timeZoneShapeProblem(zone: string): string | undefined {
  if (zone === '') return 'must not be empty (omit the field to use the controller manager\'s zone)';
  for (const part of zone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part)) return 'is not a time zone name (parts of 1–14 letters, digits, `.`, `_`, `-` and `+`, separated by `/`)';
  }
  if (zone.toLowerCase() === 'local') return 'must be an explicit IANA time zone, not `Local`';
  return undefined;
}

let zoneList: readonly string[] | undefined;

/** The IANA zone names known to this runtime's ICU data (canonical and link names). */
function knownZones(): readonly string[] {
  if (zoneList === undefined) {
    const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
    zoneList = typeof intl.supportedValuesOf === 'function' ? intl.supportedValuesOf('timeZone') : [];
  }
  return zoneList;
}

/**
 * Whether the IANA database has the zone, with the right capitalisation when it only differs
 * in case (Go's LoadLocation is case-sensitive, ICU is not). `unknown` when ICU has no data.
 */
export function timeZoneLookup(zone: string): { exists: true } | { exists: false; suggestion?: string } | { exists: 'unknown' } {
  if (zone === 'UTC') return { exists: true };
  let canonical: string | undefined;
  try {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    canonical = undefined;
  }
  const lower = zone.toLowerCase();
  const exact = knownZones().find((z) => z === zone);
  if (exact !== undefined) return { exists: true };
  const caseMatch = knownZones().find((z) => z.toLowerCase() === lower);
  if (caseMatch !== undefined) return { exists: false, suggestion: caseMatch };
  if (canonical === undefined) return knownZones().length === 0 ? { exists: 'unknown' } : { exists: false };
  // ICU accepted it (a link name not in the list): it exists unless only the case differs.
  if (canonical.toLowerCase() === lower && canonical !== zone) return { exists: false, suggestion: canonical };
  return { exists: true };
}
