import fc from 'fast-check';
import { cronScheduleProblem, isGoDuration, parseStandardProblem, timeZoneLookup, timeZoneShapeProblem } from '../../src/data/cron';

describe('robfig/cron ParseStandard', () => {
  test.each([
    '* * * * *', '*/5 * * * *', '0 3 * * 1-5', '0 0 1 JAN *', '0 0 * * MON-FRI', '0 0 * * sun,sat', '15,45 */2 1-15/3 */3 0',
    '0 0 ? * *', '?/5 ? ? ? ?', '5/15 * * * *', '0 0 31 2 *', ' 0  0 * * * ', '0 0 * * 6', '0 0 1,,2 * *', '*-3 * * * *',
    '@hourly', '@daily', '@midnight', '@weekly', '@monthly', '@yearly', '@annually', '@every 5m', '@every 1h30m', '@every 1.5h', '@every 0',
    '+5 * * * *', '05 * * * *',
  ])('accepts %j', (schedule) => {
    expect(parseStandardProblem(schedule)).toBeUndefined();
  });

  test.each([
    ['', 'empty'],
    ['* * * *', 'expected exactly 5 fields'],
    ['0 0 3 * * *', 'expected exactly 5 fields (minute hour day-of-month month day-of-week), found 6'],
    ['60 * * * *', '60 is above the maximum 59 of the minute field'],
    ['* 24 * * *', 'above the maximum 23'],
    ['* * 0 * *', 'below the minimum 1 of the day of month field'],
    ['* * * 13 *', 'above the maximum 12'],
    ['0 0 * * 7', '(Sunday is 0, not 7)'],
    ['0 0 * * MON-SUNDAY', '`SUNDAY` is not a number'],
    ['5-1 * * * *', 'starts after it ends'],
    ['*/0 * * * *', 'has a step of 0'],
    ['1-2-3 * * * *', "too many '-'"],
    ['1/2/3 * * * *', "too many '/'"],
    ['-1 * * * *', 'is not a number'],
    ['@reboot', 'not a known descriptor'],
    ['@daily ', 'not a known descriptor'],
    ['@every 5 minutes', 'is not a duration'],
    ['@every', 'not a known descriptor'],
  ])('rejects %j', (schedule, reason) => {
    expect(parseStandardProblem(schedule)).toContain(reason);
  });

  test('Kubernetes rejects TZ anywhere in the schedule', () => {
    expect(cronScheduleProblem('TZ=UTC 0 0 * * *')).toEqual({ kind: 'tz', reason: 'contains `TZ`' });
    expect(cronScheduleProblem('CRON_TZ=Europe/Paris 0 0 * * *')?.kind).toBe('tz');
    expect(cronScheduleProblem('0 0 * * *')).toBeUndefined();
  });

  test('any in-range minute/hour pair parses, any out-of-range minute fails', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 23 }), (m, h) => {
      expect(parseStandardProblem(`${m} ${h} * * *`)).toBeUndefined();
    }));
    fc.assert(fc.property(fc.integer({ min: 60, max: 10_000 }), (m) => {
      expect(parseStandardProblem(`${m} * * * *`)).toBeDefined();
    }));
  });

  test('ranges are valid exactly when start <= end within bounds', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), (a, b) => {
      const ok = parseStandardProblem(`* * * * ${a}-${b}`) === undefined;
      expect(ok).toBe(a <= b && b <= 6);
    }));
  });
});

describe('Go durations', () => {
  test.each(['5m', '1h30m', '1.5h', '300ms', '2h45m10s', '0', '-1h', '1us', '1µs', '.5s', '5.s'])('%s', (d) => {
    expect(isGoDuration(d)).toBe(true);
  });
  test.each(['', '5', 'm', '5 m', '5min', '1d', '.s', '1h 30m'])('%j is not a duration', (d) => {
    expect(isGoDuration(d)).toBe(false);
  });
});

describe('spec.timeZone', () => {
  test.each(['Europe/Paris', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'UTC', 'EST5EDT'])('%s has the right shape', (zone) => {
    expect(timeZoneShapeProblem(zone)).toBeUndefined();
  });
  test.each([['', 'must not be empty'], ['Local', 'not `Local`'], ['local', 'not `Local`'], ['Europe/../etc', 'is not a time zone name'], ['Europe//Paris', 'is not a time zone name'], ['-Europe', 'is not a time zone name'], ['Europe/A_Very_Long_Name_Indeed', 'is not a time zone name'], ['UTC+01:00', 'is not a time zone name']])('%j', (zone, reason) => {
    expect(timeZoneShapeProblem(zone)).toContain(reason);
  });
  test('existence in the IANA database, case-sensitively', () => {
    expect(timeZoneLookup('Europe/Paris')).toEqual({ exists: true });
    expect(timeZoneLookup('UTC')).toEqual({ exists: true });
    expect(timeZoneLookup('europe/paris')).toEqual({ exists: false, suggestion: 'Europe/Paris' });
    expect(timeZoneLookup('Europe/Pariss')).toEqual({ exists: false });
  });
});
