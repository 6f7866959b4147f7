import { type FieldError, ValidationFailedError } from '../errors/problem-error';
import { convertTimezone, nextRuns, parseSchedule, toCron, toRRule, viewSchedule } from './schedule';
import type { Schedule } from './schedule.types';

/** The field errors thrown by `fn`; fails the test when it does not throw a ValidationFailedError. */
function errorsOf(fn: () => unknown): FieldError[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationFailedError);
    return (error as ValidationFailedError).extras.errors ?? [];
  }
  throw new Error('expected a ValidationFailedError');
}

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const daily = (hour: number, minute: number, timezone = 'UTC'): Schedule => ({
  frequency: 'daily',
  interval: 1,
  at: { hour, minute },
  timezone,
});

describe('parseSchedule: structured form', () => {
  it('accepts the structured form, sorts days and fills interval and timezone defaults', () => {
    expect(
      parseSchedule({ frequency: 'weekly', at: { hour: 2, minute: 30 }, daysOfWeek: ['SU', 'WE', 'MO'] }),
    ).toEqual({
      frequency: 'weekly',
      interval: 1,
      at: { hour: 2, minute: 30 },
      daysOfWeek: ['MO', 'WE', 'SU'],
      timezone: 'UTC',
    });
    expect(
      parseSchedule({ frequency: 'monthly', interval: 3, at: { hour: 0, minute: 0 }, daysOfMonth: [31, 1, 15], timezone: 'Europe/Berlin' }),
    ).toEqual({ frequency: 'monthly', interval: 3, at: { hour: 0, minute: 0 }, daysOfMonth: [1, 15, 31], timezone: 'Europe/Berlin' });
  });

  it('returns a copy that does not share objects with the input', () => {
    const input = { frequency: 'weekly', interval: 1, at: { hour: 1, minute: 2 }, daysOfWeek: ['MO'], timezone: 'UTC' };
    const parsed = parseSchedule(input);
    expect(parsed).toEqual(input);
    expect(parsed.at).not.toBe(input.at);
    expect(parsed.daysOfWeek).not.toBe(input.daysOfWeek);
  });

  const base = { frequency: 'daily', interval: 1, at: { hour: 2, minute: 30 }, timezone: 'UTC' };
  it.each([
    ['not an object', 'daily', 'schedule', /must be an object/],
    ['null', null, 'schedule', /must be an object/],
    ['an array', [base], 'schedule', /must be an object/],
    ['an unknown key', { ...base, start: '2026-01-01' }, 'schedule.start', /not a known field/],
    ['an unknown frequency', { ...base, frequency: 'yearly' }, 'schedule.frequency', /hourly, daily, weekly, monthly/],
    ['a missing frequency', { at: base.at }, 'schedule.frequency', /must be one of/],
    ['interval 0', { ...base, interval: 0 }, 'schedule.interval', /from 1 to 365/],
    ['a fractional interval', { ...base, interval: 1.5 }, 'schedule.interval', /integer/],
    ['a string interval', { ...base, interval: '2' }, 'schedule.interval', /integer/],
    ['hourly interval 24', { ...base, frequency: 'hourly', interval: 24 }, 'schedule.interval', /from 1 to 23/],
    ['daily interval 366', { ...base, interval: 366 }, 'schedule.interval', /from 1 to 365/],
    ['weekly interval 53', { ...base, frequency: 'weekly', interval: 53, daysOfWeek: ['MO'] }, 'schedule.interval', /from 1 to 52/],
    ['monthly interval 13', { ...base, frequency: 'monthly', interval: 13, daysOfMonth: [1] }, 'schedule.interval', /from 1 to 12/],
    ['a missing at', { frequency: 'daily' }, 'schedule.at', /hour, minute/],
    ['hour 24', { ...base, at: { hour: 24, minute: 0 } }, 'schedule.at.hour', /from 0 to 23/],
    ['hour -1', { ...base, at: { hour: -1, minute: 0 } }, 'schedule.at.hour', /from 0 to 23/],
    ['minute 60', { ...base, at: { hour: 1, minute: 60 } }, 'schedule.at.minute', /from 0 to 59/],
    ['a missing minute', { ...base, at: { hour: 1 } }, 'schedule.at.minute', /from 0 to 59/],
    ['seconds in at', { ...base, at: { hour: 1, minute: 0, second: 0 } }, 'schedule.at.second', /not a known field/],
    ['weekly without days', { ...base, frequency: 'weekly' }, 'schedule.daysOfWeek', /required when frequency is weekly/],
    ['weekly with no days', { ...base, frequency: 'weekly', daysOfWeek: [] }, 'schedule.daysOfWeek', /non-empty/],
    ['a bad weekday', { ...base, frequency: 'weekly', daysOfWeek: ['MON'] }, 'schedule.daysOfWeek', /MO, TU/],
    ['a repeated weekday', { ...base, frequency: 'weekly', daysOfWeek: ['MO', 'MO'] }, 'schedule.daysOfWeek', /repeat/],
    ['weekdays on a daily schedule', { ...base, daysOfWeek: ['MO'] }, 'schedule.daysOfWeek', /only allowed when frequency is weekly/],
    ['monthly without days', { ...base, frequency: 'monthly' }, 'schedule.daysOfMonth', /required when frequency is monthly/],
    ['month day 0', { ...base, frequency: 'monthly', daysOfMonth: [0] }, 'schedule.daysOfMonth', /1 to 31/],
    ['month day 32', { ...base, frequency: 'monthly', daysOfMonth: [1, 32] }, 'schedule.daysOfMonth', /1 to 31/],
    ['a repeated month day', { ...base, frequency: 'monthly', daysOfMonth: [5, 5] }, 'schedule.daysOfMonth', /repeat/],
    ['month days on a weekly schedule', { ...base, frequency: 'weekly', daysOfWeek: ['MO'], daysOfMonth: [1] }, 'schedule.daysOfMonth', /only allowed when frequency is monthly/],
    ['an unknown time zone', { ...base, timezone: 'Mars/Olympus_Mons' }, 'schedule.timezone', /IANA/],
    ['an empty time zone', { ...base, timezone: '' }, 'schedule.timezone', /IANA/],
    ['a numeric time zone', { ...base, timezone: 1 }, 'schedule.timezone', /IANA/],
    ['both rrule and cron', { rrule: 'FREQ=DAILY;BYHOUR=1;BYMINUTE=0', cron: '0 1 * * *' }, 'schedule', /either rrule or cron/],
    ['rrule with structured fields', { rrule: 'FREQ=DAILY;BYHOUR=1;BYMINUTE=0', frequency: 'daily' }, 'schedule.frequency', /cannot be combined with rrule/],
    ['cron with structured fields', { cron: '0 1 * * *', at: base.at }, 'schedule.at', /cannot be combined with cron/],
    ['a non-string rrule', { rrule: 5 }, 'schedule.rrule', /non-empty string/],
    ['a blank cron', { cron: '  ' }, 'schedule.cron', /non-empty string/],
  ])('refuses %s', (_, input, field, message) => {
    const errors = errorsOf(() => parseSchedule(input));
    expect(errors).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  it('names fields under the caller-given path, with a detail like the API spec', () => {
    try {
      parseSchedule({ ...base, at: { hour: 25, minute: 0 } }, 'schedules[0]');
      throw new Error('not thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect((error as ValidationFailedError).message).toBe('schedules[0].at.hour: must be an integer from 0 to 23');
      expect((error as ValidationFailedError).code).toBe('validation_failed');
    }
  });

  it('reports every problem at once', () => {
    const errors = errorsOf(() => parseSchedule({ frequency: 'weekly', interval: 0, at: { hour: 1, minute: 99 }, timezone: 'x' }));
    expect(errors.map((e) => e.field)).toEqual([
      'schedule.interval',
      'schedule.at.minute',
      'schedule.daysOfWeek',
      'schedule.timezone',
    ]);
  });
});

describe('RRULE', () => {
  it.each([
    ['FREQ=DAILY;INTERVAL=1;BYHOUR=2;BYMINUTE=30', { frequency: 'daily', interval: 1, at: { hour: 2, minute: 30 } }],
    ['RRULE:FREQ=DAILY;INTERVAL=3;BYHOUR=23;BYMINUTE=0', { frequency: 'daily', interval: 3, at: { hour: 23, minute: 0 } }],
    ['freq=weekly;byday=we,mo;byhour=2;byminute=30', { frequency: 'weekly', interval: 1, at: { hour: 2, minute: 30 }, daysOfWeek: ['MO', 'WE'] }],
    ['FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15,1;BYHOUR=4;BYMINUTE=5', { frequency: 'monthly', interval: 2, at: { hour: 4, minute: 5 }, daysOfMonth: [1, 15] }],
    ['FREQ=HOURLY;INTERVAL=4;BYMINUTE=10', { frequency: 'hourly', interval: 4, at: { hour: 0, minute: 10 } }],
    ['FREQ=HOURLY;INTERVAL=6;BYHOUR=2,8,14,20;BYMINUTE=15', { frequency: 'hourly', interval: 6, at: { hour: 2, minute: 15 } }],
    // INTERVAL=1 filtered by an evenly spaced hour list is every-6-hours
    ['FREQ=HOURLY;BYHOUR=20,2,14,8;BYMINUTE=15', { frequency: 'hourly', interval: 6, at: { hour: 2, minute: 15 } }],
  ])('parses %s', (rrule, expected) => {
    expect(parseSchedule({ rrule, timezone: 'Europe/Berlin' })).toEqual({ ...expected, timezone: 'Europe/Berlin' });
  });

  it('defaults the time zone to UTC', () => {
    expect(parseSchedule({ rrule: 'FREQ=DAILY;BYHOUR=1;BYMINUTE=0' }).timezone).toBe('UTC');
  });

  it.each([
    ['FREQ=DAILY;COUNT=3;BYHOUR=1;BYMINUTE=0', /COUNT is not supported/],
    ['FREQ=DAILY;UNTIL=20300101T000000Z;BYHOUR=1;BYMINUTE=0', /UNTIL is not supported/],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1;BYHOUR=1;BYMINUTE=0', /BYSETPOS is not supported/],
    ['FREQ=DAILY;BYMONTH=1;BYSECOND=0;BYHOUR=1;BYMINUTE=0', /BYMONTH, BYSECOND are not supported/],
    ['FREQ=MINUTELY;BYMINUTE=0', /FREQ=MINUTELY is not supported/],
    ['FREQ=YEARLY;BYHOUR=1;BYMINUTE=0', /FREQ=YEARLY is not supported/],
    ['FREQ=SOMETIMES;BYHOUR=1;BYMINUTE=0', /FREQ=SOMETIMES is not supported/],
    ['INTERVAL=1;BYHOUR=1;BYMINUTE=0', /FREQ is required/],
    ['FREQ=DAILY;BYHOUR=1;BYMINUTE=0,30', /BYMINUTE must be one minute/],
    ['FREQ=DAILY;BYHOUR=1', /BYMINUTE is required/],
    ['FREQ=DAILY;BYMINUTE=0', /BYHOUR is required/],
    ['FREQ=DAILY;BYHOUR=1,13;BYMINUTE=0', /BYHOUR must be one hour for FREQ=DAILY/],
    ['DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY;BYHOUR=1;BYMINUTE=0', /one RRULE line/],
    ['FREQ=DAILY;FREQ=WEEKLY;BYHOUR=1;BYMINUTE=0', /FREQ is given more than once/],
    ['FREQ=DAILY;BYHOUR;BYMINUTE=0', /"BYHOUR" is not NAME=VALUE/],
    ['FREQ=WEEKLY;BYDAY=1MO;BYHOUR=1;BYMINUTE=0', /ordinals/],
    ['FREQ=WEEKLY;BYDAY=XX;BYHOUR=1;BYMINUTE=0', /weekday codes/],
    ['FREQ=WEEKLY;BYHOUR=1;BYMINUTE=0', /^BYDAY: is required/],
    ['FREQ=DAILY;BYDAY=MO;BYHOUR=1;BYMINUTE=0', /^BYDAY: is only allowed when frequency is weekly/],
    ['FREQ=WEEKLY;BYDAY=MO;BYMONTHDAY=1;BYHOUR=1;BYMINUTE=0', /^BYMONTHDAY: is only allowed/],
    ['FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=1;BYMINUTE=0', /^BYMONTHDAY: must contain only integers from 1 to 31/],
    ['FREQ=DAILY;BYHOUR=25;BYMINUTE=0', /^BYHOUR: must be an integer from 0 to 23/],
    ['FREQ=DAILY;BYHOUR=1;BYMINUTE=75', /^BYMINUTE: must be an integer from 0 to 59/],
    ['FREQ=DAILY;INTERVAL=400;BYHOUR=1;BYMINUTE=0', /^INTERVAL: must be an integer from 1 to 365/],
    ['FREQ=HOURLY;INTERVAL=6;BYHOUR=2;BYMINUTE=15', /every run hour of the day: 2,8,14,20/],
    ['FREQ=HOURLY;BYHOUR=2,8;BYMINUTE=15', /every run hour of the day: 2,8,14,20/],
    ['FREQ=HOURLY;BYHOUR=2,99;BYMINUTE=15', /distinct hours from 0 to 23/],
  ])('refuses %j on schedule.rrule', (rrule, message) => {
    expect(errorsOf(() => parseSchedule({ rrule }))).toEqual([
      { field: 'schedule.rrule', message: expect.stringMatching(message) },
    ]);
  });

  it('reports a bad time zone next to an rrule on the timezone field', () => {
    expect(errorsOf(() => parseSchedule({ rrule: 'FREQ=DAILY;BYHOUR=1;BYMINUTE=0', timezone: 'Nowhere' }))).toEqual([
      { field: 'schedule.timezone', message: expect.stringMatching(/IANA/) },
    ]);
  });

  it.each<[Schedule, string]>([
    [{ frequency: 'weekly', interval: 1, at: { hour: 2, minute: 30 }, daysOfWeek: ['MO', 'WE'], timezone: 'UTC' }, 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE;BYHOUR=2;BYMINUTE=30'],
    [daily(2, 30), 'FREQ=DAILY;INTERVAL=1;BYHOUR=2;BYMINUTE=30'],
    [{ frequency: 'monthly', interval: 2, at: { hour: 0, minute: 5 }, daysOfMonth: [1, 15], timezone: 'UTC' }, 'FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=1,15;BYHOUR=0;BYMINUTE=5'],
    [{ frequency: 'hourly', interval: 1, at: { hour: 0, minute: 0 }, timezone: 'UTC' }, 'FREQ=HOURLY;INTERVAL=1;BYMINUTE=0'],
    [{ frequency: 'hourly', interval: 8, at: { hour: 0, minute: 45 }, timezone: 'UTC' }, 'FREQ=HOURLY;INTERVAL=8;BYMINUTE=45'],
    [{ frequency: 'hourly', interval: 6, at: { hour: 2, minute: 15 }, timezone: 'UTC' }, 'FREQ=HOURLY;INTERVAL=6;BYHOUR=2,8,14,20;BYMINUTE=15'],
    [{ frequency: 'hourly', interval: 5, at: { hour: 0, minute: 0 }, timezone: 'UTC' }, 'FREQ=HOURLY;INTERVAL=5;BYHOUR=0,5,10,15,20;BYMINUTE=0'],
    [{ frequency: 'hourly', interval: 12, at: { hour: 14, minute: 0 }, timezone: 'UTC' }, 'FREQ=HOURLY;INTERVAL=12;BYHOUR=14;BYMINUTE=0'],
  ])('writes the canonical rrule and parses it back to the same schedule (%#)', (schedule, rrule) => {
    expect(toRRule(schedule)).toBe(rrule);
    expect(parseSchedule({ rrule: toRRule(schedule), timezone: schedule.timezone })).toEqual(schedule);
  });
});

describe('cron', () => {
  it.each<[string, Omit<Schedule, 'timezone'>]>([
    ['30 2 * * *', { frequency: 'daily', interval: 1, at: { hour: 2, minute: 30 } }],
    ['30 2 ? * *', { frequency: 'daily', interval: 1, at: { hour: 2, minute: 30 } }],
    ['30 2 * * MON,wed', { frequency: 'weekly', interval: 1, at: { hour: 2, minute: 30 }, daysOfWeek: ['MO', 'WE'] }],
    ['0 1 * * 7', { frequency: 'weekly', interval: 1, at: { hour: 1, minute: 0 }, daysOfWeek: ['SU'] }],
    ['0 1 * * 1-5', { frequency: 'weekly', interval: 1, at: { hour: 1, minute: 0 }, daysOfWeek: ['MO', 'TU', 'WE', 'TH', 'FR'] }],
    ['0 4 15,1 * *', { frequency: 'monthly', interval: 1, at: { hour: 4, minute: 0 }, daysOfMonth: [1, 15] }],
    ['15 */6 * * *', { frequency: 'hourly', interval: 6, at: { hour: 0, minute: 15 } }],
    ['15 2,8,14,20 * * *', { frequency: 'hourly', interval: 6, at: { hour: 2, minute: 15 } }],
    ['15 2/6 * * *', { frequency: 'hourly', interval: 6, at: { hour: 2, minute: 15 } }],
    ['5 * * * *', { frequency: 'hourly', interval: 1, at: { hour: 0, minute: 5 } }],
  ])('parses %j', (cron, expected) => {
    expect(parseSchedule({ cron, timezone: 'America/New_York' })).toEqual({ ...expected, timezone: 'America/New_York' });
  });

  it.each([
    '30 2 * * *',
    '30 2 * * 1,3',
    '0 0 * * 0',
    '0 4 1,15,31 * *',
    '15 */6 * * *',
    '5 * * * *',
    '0 3-23 * * *',
    '15 2,8,14,20 * * *',
    '0 0,5,10,15,20 * * *',
  ])('round-trips %j through the structured form', (cron) => {
    expect(toCron(parseSchedule({ cron }))).toBe(cron);
  });

  it('normalises day names and 7 to canonical numbers', () => {
    expect(toCron(parseSchedule({ cron: '0 1 * * 7,sat' }))).toBe('0 1 * * 0,6');
  });

  it.each([
    ['*/5 * * * *', /several minutes/],
    ['30 2 * 1 *', /specific months/],
    ['30 2 1 * 1', /both day-of-month and day-of-week/],
    ['0 2,8 * * *', /evenly spaced/],
    ['0 */6 * * 1', /some days only/],
    ['30 2 L * *', /L and #/],
    ['30 2 * * 1#2', /L and #/],
    ['H 2 * * *', /hashed/],
  ])('explains that %j cannot be mapped and suggests the structured form', (cron, why) => {
    const [error] = errorsOf(() => parseSchedule({ cron }));
    expect(error.field).toBe('schedule.cron');
    expect(error.message).toMatch(/^cannot be mapped to one schedule/);
    expect(error.message).toMatch(why);
    expect(error.message).toMatch(/structured form/);
  });

  it.each([
    ['61 2 * * *', /not a valid cron expression/],
    ['30 2 * *', /5 fields/],
    ['0 30 2 * * *', /5 fields/],
    ['@daily', /5 fields/],
    ['30 2 * * FUNDAY', /not a valid cron expression/],
  ])('refuses the invalid cron %j', (cron, message) => {
    expect(errorsOf(() => parseSchedule({ cron }))).toEqual([{ field: 'schedule.cron', message: expect.stringMatching(message) }]);
  });

  it.each<[string, Schedule]>([
    ['daily every 2 days', { ...daily(1, 0), interval: 2 }],
    ['weekly every 2 weeks', { frequency: 'weekly', interval: 2, at: { hour: 1, minute: 0 }, daysOfWeek: ['MO'], timezone: 'UTC' }],
    ['monthly every 3 months', { frequency: 'monthly', interval: 3, at: { hour: 1, minute: 0 }, daysOfMonth: [1], timezone: 'UTC' }],
  ])('has no cron for %s', (_, schedule) => {
    expect(toCron(schedule)).toBeUndefined();
  });
});

describe('viewSchedule', () => {
  it('adds rrule and cron to a copy of the schedule', () => {
    const schedule = parseSchedule({ cron: '30 2 * * 1,3', timezone: 'Europe/Berlin' });
    const view = viewSchedule(schedule);
    expect(view).toEqual({
      ...schedule,
      rrule: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE;BYHOUR=2;BYMINUTE=30',
      cron: '30 2 * * 1,3',
    });
    expect(view.daysOfWeek).not.toBe(schedule.daysOfWeek);
  });

  it('omits cron when cron cannot say it', () => {
    const view = viewSchedule({ ...daily(2, 30), interval: 2 });
    expect(view.rrule).toBe('FREQ=DAILY;INTERVAL=2;BYHOUR=2;BYMINUTE=30');
    expect('cron' in view).toBe(false);
  });
});

describe('nextRuns', () => {
  it('keeps the wall-clock time across the New York spring-forward gap (02:30 does not exist on 2026-03-08)', () => {
    const runs = nextRuns(daily(2, 30, 'America/New_York'), new Date('2026-03-06T12:00:00Z'), 4);
    expect(iso(runs)).toEqual([
      '2026-03-07T07:30:00.000Z', // 02:30 EST
      '2026-03-08T07:30:00.000Z', // gap: 03:30 EDT
      '2026-03-09T06:30:00.000Z', // 02:30 EDT
      '2026-03-10T06:30:00.000Z',
    ]);
  });

  it('runs once, at the first occurrence, when New York falls back (01:30 happens twice on 2026-11-01)', () => {
    const runs = nextRuns(daily(1, 30, 'America/New_York'), new Date('2026-10-31T12:00:00Z'), 3);
    expect(iso(runs)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z', '2026-11-03T06:30:00.000Z']);
  });

  it('follows Europe/Berlin through both DST changes of 2026', () => {
    expect(iso(nextRuns(daily(2, 30, 'Europe/Berlin'), new Date('2026-03-28T00:00:00Z'), 3))).toEqual([
      '2026-03-28T01:30:00.000Z', // CET
      '2026-03-29T01:30:00.000Z', // gap: 03:30 CEST
      '2026-03-30T00:30:00.000Z', // CEST
    ]);
    expect(iso(nextRuns(daily(2, 30, 'Europe/Berlin'), new Date('2026-10-24T12:00:00Z'), 2))).toEqual([
      '2026-10-25T00:30:00.000Z', // first 02:30 (CEST)
      '2026-10-26T01:30:00.000Z', // CET
    ]);
  });

  it('does not run twice when an hourly run falls into the gap', () => {
    const hourly: Schedule = { frequency: 'hourly', interval: 1, at: { hour: 0, minute: 30 }, timezone: 'America/New_York' };
    expect(iso(nextRuns(hourly, new Date('2026-03-08T05:00:00Z'), 4))).toEqual([
      '2026-03-08T05:30:00.000Z', // 00:30 EST
      '2026-03-08T06:30:00.000Z', // 01:30 EST
      '2026-03-08T07:30:00.000Z', // 02:30 does not exist -> 03:30 EDT, which is also the 03:30 run
      '2026-03-08T08:30:00.000Z', // 04:30 EDT
    ]);
  });

  it('does not depend on the process time zone', () => {
    const saved = process.env.TZ;
    const expected = iso(nextRuns(daily(2, 30, 'America/New_York'), new Date('2026-03-06T12:00:00Z'), 4));
    try {
      process.env.TZ = 'Asia/Kolkata';
      expect(iso(nextRuns(daily(2, 30, 'America/New_York'), new Date('2026-03-06T12:00:00Z'), 4))).toEqual(expected);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('excludes a run exactly at `after`', () => {
    expect(iso(nextRuns(daily(2, 30), new Date('2026-01-01T02:30:00Z'), 1))).toEqual(['2026-01-02T02:30:00.000Z']);
  });

  it('restarts hourly runs at `at` every day', () => {
    const hourly: Schedule = { frequency: 'hourly', interval: 5, at: { hour: 0, minute: 15 }, timezone: 'UTC' };
    expect(iso(nextRuns(hourly, new Date('2026-01-01T12:00:00Z'), 4))).toEqual([
      '2026-01-01T15:15:00.000Z',
      '2026-01-01T20:15:00.000Z',
      '2026-01-02T00:15:00.000Z',
      '2026-01-02T05:15:00.000Z',
    ]);
  });

  it('lists weekly days in order', () => {
    const weekly: Schedule = { frequency: 'weekly', interval: 1, at: { hour: 2, minute: 0 }, daysOfWeek: ['MO', 'FR'], timezone: 'UTC' };
    // 2026-01-01 is a Thursday
    expect(iso(nextRuns(weekly, new Date('2026-01-01T00:00:00Z'), 3))).toEqual([
      '2026-01-02T02:00:00.000Z',
      '2026-01-05T02:00:00.000Z',
      '2026-01-09T02:00:00.000Z',
    ]);
  });

  it.each<[string, Schedule, number]>([
    ['every 3 days', { ...daily(6, 0), interval: 3 }, 3 * 86_400_000],
    ['every 2 weeks', { frequency: 'weekly', interval: 2, at: { hour: 6, minute: 0 }, daysOfWeek: ['WE'], timezone: 'UTC' }, 14 * 86_400_000],
  ])('anchors %s to the epoch, so the days do not depend on `after`', (_, schedule, gap) => {
    const early = nextRuns(schedule, new Date('2026-01-01T00:00:00Z'), 6).map((d) => d.getTime());
    expect(early.slice(1).map((t, i) => t - early[i])).toEqual(Array(5).fill(gap));
    // Asking later (just after the first run) continues the same series.
    const late = nextRuns(schedule, new Date(early[0]), 5).map((d) => d.getTime());
    expect(late).toEqual(early.slice(1));
  });

  it('runs monthly every 3 months from January 1970 and skips months without the day', () => {
    const quarterly: Schedule = { frequency: 'monthly', interval: 3, at: { hour: 0, minute: 0 }, daysOfMonth: [1], timezone: 'UTC' };
    expect(iso(nextRuns(quarterly, new Date('2026-02-10T00:00:00Z'), 2))).toEqual([
      '2026-04-01T00:00:00.000Z',
      '2026-07-01T00:00:00.000Z',
    ]);
    const lastDays: Schedule = { frequency: 'monthly', interval: 1, at: { hour: 0, minute: 0 }, daysOfMonth: [31], timezone: 'UTC' };
    expect(iso(nextRuns(lastDays, new Date('2026-01-01T00:00:00Z'), 3))).toEqual([
      '2026-01-31T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
      '2026-05-31T00:00:00.000Z',
    ]);
  });

  it('returns nothing for count 0 and refuses a bad count', () => {
    expect(nextRuns(daily(1, 0), new Date(), 0)).toEqual([]);
    expect(errorsOf(() => nextRuns(daily(1, 0), new Date(), 1.5))).toEqual([{ field: 'count', message: expect.any(String) }]);
    expect(errorsOf(() => nextRuns(daily(1, 0), new Date(), 1001))).toEqual([{ field: 'count', message: expect.any(String) }]);
    expect(errorsOf(() => nextRuns(daily(1, 0), new Date('nope'), 1))).toEqual([{ field: 'after', message: expect.any(String) }]);
  });
});

describe('convertTimezone', () => {
  const winter = new Date('2026-01-15T12:00:00Z');
  const summer = new Date('2026-07-15T12:00:00Z');
  const weekly = (hour: number, minute: number, daysOfWeek: Schedule['daysOfWeek'], timezone: string, interval = 1): Schedule => ({
    frequency: 'weekly',
    interval,
    at: { hour, minute },
    daysOfWeek,
    timezone,
  });
  const monthly = (hour: number, daysOfMonth: number[], timezone: string): Schedule => ({
    frequency: 'monthly',
    interval: 1,
    at: { hour, minute: 0 },
    daysOfMonth,
    timezone,
  });

  it('moves weekdays back when Berlin times fall on the previous UTC day, and flags the DST drift', () => {
    expect(convertTimezone(weekly(0, 30, ['MO', 'SA'], 'Europe/Berlin'), 'UTC', winter)).toEqual({
      schedule: weekly(23, 30, ['FR', 'SU'], 'UTC'),
      exact: false,
    });
    expect(convertTimezone(weekly(1, 0, ['MO'], 'Europe/Berlin'), 'UTC', winter).schedule).toEqual(weekly(0, 0, ['MO'], 'UTC'));
    expect(convertTimezone(weekly(1, 0, ['MO'], 'Europe/Berlin'), 'UTC', summer).schedule).toEqual(weekly(23, 0, ['SU'], 'UTC'));
  });

  it('is exact between zones whose offset never changes, including half-hour offsets', () => {
    expect(convertTimezone(daily(20, 0), 'Asia/Tokyo', winter)).toEqual({ schedule: daily(5, 0, 'Asia/Tokyo'), exact: true });
    expect(convertTimezone(weekly(2, 15, ['MO', 'TH'], 'Asia/Kolkata'), 'UTC', summer)).toEqual({
      schedule: weekly(20, 45, ['WE', 'SU'], 'UTC'),
      exact: true,
    });
  });

  it('flags drift between two DST zones that switch on different dates', () => {
    const result = convertTimezone(daily(8, 0, 'America/New_York'), 'Europe/Berlin', winter);
    expect(result).toEqual({ schedule: daily(14, 0, 'Europe/Berlin'), exact: false });
  });

  it('returns the same schedule, exact, for the same zone', () => {
    const schedule = weekly(3, 0, ['TU'], 'Europe/Berlin', 2);
    expect(convertTimezone(schedule, 'Europe/Berlin', summer)).toEqual({ schedule, exact: true });
  });

  it('shifts month days, and approximates a day 1 that moves to the previous month', () => {
    expect(convertTimezone(monthly(3, [1, 15], 'Asia/Tokyo'), 'UTC', winter)).toEqual({
      schedule: { ...monthly(18, [1, 14], 'UTC') },
      exact: false, // day 1 03:00 Tokyo is the last day of the previous month in UTC
    });
    expect(convertTimezone(monthly(10, [2, 15], 'Asia/Tokyo'), 'UTC', winter)).toEqual({
      schedule: monthly(1, [2, 15], 'UTC'),
      exact: true,
    });
    expect(convertTimezone(monthly(3, [2, 16], 'Asia/Tokyo'), 'UTC', winter)).toEqual({
      schedule: monthly(18, [1, 15], 'UTC'),
      exact: true,
    });
    // Day 29 skips February in common years; day 28 would not.
    expect(convertTimezone(monthly(3, [29], 'Asia/Tokyo'), 'UTC', winter).exact).toBe(false);
    // Day 28 moving to 29 would skip February in common years.
    expect(convertTimezone(monthly(20, [28], 'UTC'), 'Asia/Tokyo', winter)).toEqual({
      schedule: monthly(5, [29], 'Asia/Tokyo'),
      exact: false,
    });
  });

  it('re-anchors hourly runs on the earliest shifted run of the day', () => {
    const hourly = (interval: number, hour: number, timezone: string): Schedule => ({
      frequency: 'hourly',
      interval,
      at: { hour, minute: 0 },
      timezone,
    });
    // 02, 08, 14, 20 UTC are 11, 17, 23, 05 in Tokyo
    expect(convertTimezone(hourly(6, 2, 'UTC'), 'Asia/Tokyo', winter)).toEqual({ schedule: hourly(6, 5, 'Asia/Tokyo'), exact: true });
    // 14, 20 UTC are 23, 05 in Tokyo: not one run list from 05 every 6 hours
    expect(convertTimezone(hourly(6, 14, 'UTC'), 'Asia/Tokyo', winter)).toEqual({ schedule: hourly(6, 5, 'Asia/Tokyo'), exact: false });
  });

  it('is inexact when a day shift moves an every-n-days or every-n-weeks phase', () => {
    expect(convertTimezone({ ...daily(20, 0), interval: 2 }, 'Asia/Tokyo', winter).exact).toBe(false);
    expect(convertTimezone({ ...daily(10, 0), interval: 2 }, 'Asia/Tokyo', winter).exact).toBe(true);
    expect(convertTimezone(weekly(20, 0, ['SU'], 'UTC', 2), 'Asia/Tokyo', winter)).toEqual({
      schedule: weekly(5, 0, ['MO'], 'Asia/Tokyo', 2),
      exact: false, // Sunday of one week becomes Monday of the next
    });
    expect(convertTimezone(weekly(20, 0, ['TU'], 'UTC', 2), 'Asia/Tokyo', winter)).toEqual({
      schedule: weekly(5, 0, ['WE'], 'Asia/Tokyo', 2),
      exact: true,
    });
  });

  it('refuses an unknown target zone', () => {
    expect(errorsOf(() => convertTimezone(daily(1, 0), 'Atlantis/Capital', winter))).toEqual([
      { field: 'timezone', message: expect.stringMatching(/IANA/) },
    ]);
  });
});
