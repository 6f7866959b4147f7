import { CronExpressionParser, type CronFieldCollection } from 'cron-parser';
import { RRule, type Options as RRuleOptions, type Weekday as RRuleWeekday } from 'rrule';
import { type FieldError, ValidationFailedError } from '../errors/problem-error';
import { FREQUENCIES, type Frequency, type Schedule, type ScheduleView, WEEKDAYS, type Weekday } from './schedule.types';

/*
 * Semantics (everything is wall-clock time in `schedule.timezone`):
 *
 * - Hourly: `at` is the first run of every day; runs repeat every `interval` hours up to 23:59 and the
 *   next day starts again at `at`. Interval 6 at 02:15 runs 02:15, 08:15, 14:15, 20:15; interval 5 at
 *   00:00 runs 00, 05, 10, 15, 20 (a 4-hour gap over midnight).
 *   Canonical RRULE: `FREQ=HOURLY;INTERVAL=n;BYMINUTE=m` when the day starts at hour 0 and n divides 24
 *   (a plain every-n-hours rule); otherwise `FREQ=HOURLY;INTERVAL=n;BYHOUR=<every run hour>;BYMINUTE=m`,
 *   where the BYHOUR list is authoritative.
 *   Canonical cron: `m * * * *`, `m *\/n * * *` (start 0, n divides 24), `m h-23 * * *` (interval 1),
 *   else the hour list `m h1,h2,... * * *` (exact because the day restarts at `at`).
 * - Intervals > 1 for daily/weekly/monthly count periods from the Unix epoch (days from 1970-01-01, weeks
 *   from Monday 1970-01-05, months from January 1970), so the run days do not depend on who asks. Cron has
 *   no such anchor, so those schedules have no cron form.
 * - Monthly days that a month lacks (31 in April) are skipped, as in RFC 5545.
 * - DST: a wall time that does not exist (spring forward) runs as many minutes after the gap as it was
 *   into it (02:30 -> 03:30); a wall time that occurs twice (fall back) runs once, at the first.
 */

const MAX_INTERVAL: Record<Frequency, number> = { hourly: 23, daily: 365, weekly: 52, monthly: 12 };
const STRUCTURED_KEYS = ['frequency', 'interval', 'at', 'daysOfWeek', 'daysOfMonth', 'timezone'];
const TIMEZONE_MESSAGE = 'must be an IANA time zone name such as UTC or Europe/Berlin';
const STRUCTURED_HINT = 'send the structured form { frequency, interval, at, daysOfWeek | daysOfMonth, timezone }';
const DAY_MS = 86_400_000;
const EPOCH_MONDAY = 4; // 1970-01-05, in days since the epoch
const FAR_FUTURE = new Date(Date.UTC(9999, 0, 1));

/** A problem found in a schedule; `path` is relative to the schedule (e.g. `at.hour`). */
interface Issue {
  path: string;
  message: string;
}

type Raw = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------- parse

export function parseSchedule(input: unknown, field = 'schedule'): Schedule {
  if (!isRecord(input)) {
    fail([{ field, message: 'must be an object' }]);
  }
  if ('rrule' in input || 'cron' in input) {
    return parseText(input, field);
  }
  return build(input, ({ path, message }) => ({ field: `${field}.${path}`, message }));
}

/** `{ rrule, timezone? }` or `{ cron, timezone? }`: translate to the structured form, then validate that. */
function parseText(input: Raw, field: string): Schedule {
  if ('rrule' in input && 'cron' in input) {
    fail([{ field, message: 'give either rrule or cron, not both' }]);
  }
  const kind = 'rrule' in input ? 'rrule' : 'cron';
  const extra = Object.keys(input).filter((key) => key !== kind && key !== 'timezone');
  if (extra.length > 0) {
    fail(extra.map((key) => ({ field: `${field}.${key}`, message: `cannot be combined with ${kind}` })));
  }
  const text = input[kind];
  const textField = `${field}.${kind}`;
  if (typeof text !== 'string' || text.trim() === '') {
    fail([{ field: textField, message: 'must be a non-empty string' }]);
  }
  const raw = kind === 'rrule' ? rruleToRaw(text, textField) : cronToRaw(text, textField);
  raw.timezone = input.timezone;
  const labels = kind === 'rrule' ? RRULE_LABELS : CRON_LABELS;
  return build(raw, ({ path, message }) =>
    path === 'timezone'
      ? { field: `${field}.timezone`, message }
      : { field: textField, message: `${labels[path] ?? path}: ${message}` },
  );
}

const RRULE_LABELS: Record<string, string> = {
  frequency: 'FREQ',
  interval: 'INTERVAL',
  'at.hour': 'BYHOUR',
  'at.minute': 'BYMINUTE',
  daysOfWeek: 'BYDAY',
  daysOfMonth: 'BYMONTHDAY',
};
const CRON_LABELS: Record<string, string> = {
  'at.hour': 'hour',
  'at.minute': 'minute',
  daysOfWeek: 'day-of-week',
  daysOfMonth: 'day-of-month',
};

function build(raw: Raw, toError: (issue: Issue) => FieldError): Schedule {
  const { schedule, issues } = validate(raw);
  if (issues.length > 0) {
    fail(issues.map(toError));
  }
  return schedule;
}

/** Checks every field of the structured form and collects all problems at once. */
function validate(raw: Raw): { schedule: Schedule; issues: Issue[] } {
  const issues: Issue[] = [];
  const problem = (path: string, message: string) => issues.push({ path, message });

  for (const key of Object.keys(raw).filter((k) => !STRUCTURED_KEYS.includes(k))) {
    problem(key, 'is not a known field');
  }
  const frequency = raw.frequency as Frequency;
  const known = FREQUENCIES.includes(frequency);
  if (!known) {
    problem('frequency', `must be one of ${FREQUENCIES.join(', ')}`);
  }
  const interval = raw.interval ?? 1;
  const maxInterval = known ? MAX_INTERVAL[frequency] : 365;
  if (!isIntIn(interval, 1, maxInterval)) {
    problem('interval', `must be an integer from 1 to ${maxInterval}`);
  }
  const at = raw.at;
  if (!isRecord(at)) {
    problem('at', 'must be an object { hour, minute }');
  } else {
    Object.keys(at)
      .filter((k) => k !== 'hour' && k !== 'minute')
      .forEach((k) => problem(`at.${k}`, 'is not a known field'));
    if (!isIntIn(at.hour, 0, 23)) problem('at.hour', 'must be an integer from 0 to 23');
    if (!isIntIn(at.minute, 0, 59)) problem('at.minute', 'must be an integer from 0 to 59');
  }
  const daysOfWeek = checkDays(raw.daysOfWeek, 'daysOfWeek', known ? frequency === 'weekly' : undefined, problem, {
    frequency: 'weekly',
    allowed: WEEKDAYS,
    describe: 'weekday codes MO, TU, WE, TH, FR, SA, SU',
  });
  const daysOfMonth = checkDays(raw.daysOfMonth, 'daysOfMonth', known ? frequency === 'monthly' : undefined, problem, {
    frequency: 'monthly',
    allowed: Array.from({ length: 31 }, (_, i) => i + 1),
    describe: 'integers from 1 to 31',
  });
  const timezone = raw.timezone ?? 'UTC';
  if (!isTimeZone(timezone)) {
    problem('timezone', TIMEZONE_MESSAGE);
  }
  const schedule: Schedule = {
    frequency,
    interval: interval as number,
    at: isRecord(at) ? { hour: at.hour as number, minute: at.minute as number } : { hour: 0, minute: 0 },
    ...(daysOfWeek && { daysOfWeek: daysOfWeek as Weekday[] }),
    ...(daysOfMonth && { daysOfMonth: daysOfMonth as number[] }),
    timezone: timezone as string,
  };
  return { schedule, issues };
}

/**
 * A day list that must be present (required=true), absent (false) or either (undefined: frequency invalid).
 * Returns the values in `allowed` order.
 */
function checkDays<T>(
  value: unknown,
  path: string,
  required: boolean | undefined,
  problem: (path: string, message: string) => void,
  rule: { frequency: string; allowed: readonly T[]; describe: string },
): T[] | undefined {
  if (value === undefined) {
    if (required) problem(path, `is required when frequency is ${rule.frequency}`);
    return undefined;
  }
  if (required === false) {
    problem(path, `is only allowed when frequency is ${rule.frequency}`);
    return undefined;
  }
  if (!Array.isArray(value) || value.length === 0) {
    problem(path, `must be a non-empty list of ${rule.describe}`);
  } else if (!value.every((v) => rule.allowed.includes(v))) {
    problem(path, `must contain only ${rule.describe}`);
  } else if (new Set(value).size !== value.length) {
    problem(path, 'must not repeat a value');
  } else {
    return rule.allowed.filter((v) => value.includes(v));
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------- RRULE

const RRULE_KEYS = ['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'BYHOUR', 'BYMINUTE'];
const RRULE_FREQUENCIES: Record<string, Frequency> = {
  HOURLY: 'hourly',
  DAILY: 'daily',
  WEEKLY: 'weekly',
  MONTHLY: 'monthly',
};

/** Translates an RRULE into a (not yet validated) structured form; syntax and unsupported parts fail here. */
function rruleToRaw(text: string, field: string): Raw {
  const bad = (message: string): never => fail([{ field, message }]);
  const body = text
    .trim()
    .replace(/^RRULE:/i, '')
    .replace(/\s*([;=,])\s*/g, '$1')
    .toUpperCase();
  if (/\s/.test(body)) {
    bad('must be one RRULE line such as FREQ=DAILY;BYHOUR=2;BYMINUTE=30 (DTSTART and other lines are not supported)');
  }
  const parts = body.split(';');
  const malformed = parts.find((part) => !/^[A-Z]+=[^=]+$/.test(part));
  if (malformed !== undefined) bad(`"${malformed}" is not NAME=VALUE`);
  const names = parts.map((part) => part.split('=')[0]);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated) bad(`${repeated} is given more than once`);
  const unsupported = names.filter((name) => !RRULE_KEYS.includes(name));
  if (unsupported.length > 0) {
    const verb = unsupported.length > 1 ? 'are' : 'is';
    bad(`${unsupported.join(', ')} ${verb} not supported; use only ${RRULE_KEYS.join(', ')}`);
  }
  const freqName = parts.find((part) => part.startsWith('FREQ='))?.slice(5);
  if (freqName === undefined) bad('FREQ is required');
  const frequency = RRULE_FREQUENCIES[freqName as string];
  if (!frequency) bad(`FREQ=${freqName} is not supported; use HOURLY, DAILY, WEEKLY or MONTHLY`);

  let options: Partial<RRuleOptions>;
  try {
    options = RRule.parseString(body);
  } catch (error) {
    return bad(`is not a valid RRULE: ${(error as Error).message}`);
  }
  if (options.byminute === undefined) bad('BYMINUTE is required');
  if (Array.isArray(options.byminute)) bad('BYMINUTE must be one minute; several runs an hour are not supported');
  let { interval, byhour: hour } = options as Raw;
  if (frequency === 'hourly') {
    ({ interval, hour } = hourlyFromByHour(hour, interval, bad));
  } else {
    if (hour === undefined) bad('BYHOUR is required');
    if (Array.isArray(hour)) bad(`BYHOUR must be one hour for FREQ=${freqName}; use FREQ=HOURLY for several runs a day`);
  }
  const raw: Raw = { frequency, interval, at: { hour, minute: options.byminute } };
  if (options.byweekday !== undefined) raw.daysOfWeek = weekdaysFromByDay(options.byweekday, bad);
  if (options.bymonthday !== undefined) raw.daysOfMonth = [options.bymonthday].flat();
  return raw;
}

/** FREQ=HOURLY: BYHOUR absent means the day starts at 00; a list must name every run hour of the day. */
function hourlyFromByHour(
  byhour: unknown,
  givenInterval: unknown,
  bad: (message: string) => never,
): { interval: unknown; hour: unknown } {
  if (byhour === undefined) return { interval: givenInterval, hour: 0 };
  const hours = [byhour].flat() as number[];
  if (!hours.every((h) => isIntIn(h, 0, 23)) || new Set(hours).size !== hours.length) {
    bad('BYHOUR must list distinct hours from 0 to 23');
  }
  hours.sort((a, b) => a - b);
  // INTERVAL=1 filtered by an evenly spaced hour list means every (spacing) hours.
  const interval = (givenInterval ?? 1) === 1 && hours.length > 1 ? hours[1] - hours[0] : givenInterval;
  const expected = runHours(isIntIn(interval, 1, 23) ? interval : 1, hours[0]);
  if (isIntIn(interval ?? 1, 1, 23) && !sameList(hours, expected)) {
    bad(`BYHOUR must list every run hour of the day: ${expected.join(',')}`);
  }
  return { interval, hour: hours[0] };
}

function weekdaysFromByDay(byday: unknown, bad: (message: string) => never): Weekday[] {
  const days = [byday].flat() as (RRuleWeekday | undefined)[];
  if (days.some((day) => day === undefined)) bad('BYDAY must list weekday codes MO, TU, WE, TH, FR, SA, SU');
  if (days.some((day) => day?.n !== undefined)) {
    bad('BYDAY ordinals such as 1MO or -1FR are not supported; use plain weekday codes');
  }
  return days.map((day) => WEEKDAYS[day!.weekday]); // rrule numbers MO=0 .. SU=6, like WEEKDAYS
}

export function toRRule(schedule: Schedule): string {
  const { frequency, interval, at } = schedule;
  const parts = [`FREQ=${frequency.toUpperCase()}`, `INTERVAL=${interval}`];
  if (schedule.daysOfWeek) parts.push(`BYDAY=${schedule.daysOfWeek.join(',')}`);
  if (schedule.daysOfMonth) parts.push(`BYMONTHDAY=${schedule.daysOfMonth.join(',')}`);
  if (frequency !== 'hourly') {
    parts.push(`BYHOUR=${at.hour}`);
  } else if (!coversWholeDay(schedule)) {
    parts.push(`BYHOUR=${runHours(interval, at.hour).join(',')}`);
  }
  parts.push(`BYMINUTE=${at.minute}`);
  return parts.join(';');
}

// ----------------------------------------------------------------------------------------------- cron

/** Translates a 5-field cron into a structured form, or explains why it is not one schedule. */
function cronToRaw(text: string, field: string): Raw {
  const bad = (message: string): never => fail([{ field, message }]);
  const unmappable = (why: string): never => bad(`cannot be mapped to one schedule (${why}); ${STRUCTURED_HINT}`);
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 5) bad('must have 5 fields: minute hour day-of-month month day-of-week');
  if (parts.some((part) => part.split(',').some((item) => /^H(\(|\/|$)/i.test(item)))) {
    unmappable('hashed H values are not supported');
  }
  let fields: CronFieldCollection;
  try {
    fields = CronExpressionParser.parse(parts.join(' ')).fields;
  } catch (error) {
    return bad(`is not a valid cron expression: ${(error as Error).message}`);
  }
  const { minute, hour, dayOfMonth, month, dayOfWeek } = fields;
  const all = [minute, hour, dayOfMonth, month, dayOfWeek].flatMap((f) => f.values as unknown[]);
  if (all.some((v) => typeof v !== 'number') || dayOfWeek.nthDay !== 0) unmappable('L and # are not supported');
  if (month.values.length !== 12) unmappable('it runs in specific months only');
  if (minute.values.length !== 1) unmappable('it runs at several minutes of the hour');
  if (!dayOfMonth.isWildcard && !dayOfWeek.isWildcard) unmappable('it restricts both day-of-month and day-of-week');
  const hours = hour.values as number[];
  const at = { hour: hours[0], minute: minute.values[0] };
  if (hours.length > 1) {
    if (!dayOfMonth.isWildcard || !dayOfWeek.isWildcard) unmappable('several runs a day on some days only');
    const interval = hours[1] - hours[0];
    if (!sameList(hours, runHours(interval, hours[0]))) {
      unmappable('its hours are not evenly spaced up to the end of the day');
    }
    return { frequency: 'hourly', interval, at };
  }
  if (!dayOfWeek.isWildcard) {
    // cron numbers SU=0 (or 7), MO=1 .. SA=6
    const days = new Set((dayOfWeek.values as number[]).map((d) => WEEKDAYS[(d + 6) % 7]));
    return { frequency: 'weekly', interval: 1, at, daysOfWeek: [...days] };
  }
  if (!dayOfMonth.isWildcard) {
    return { frequency: 'monthly', interval: 1, at, daysOfMonth: dayOfMonth.values };
  }
  return { frequency: 'daily', interval: 1, at };
}

export function toCron(schedule: Schedule): string | undefined {
  const { frequency, interval, at } = schedule;
  if (frequency === 'hourly') return `${at.minute} ${cronHours(interval, at.hour)} * * *`;
  if (interval !== 1) return undefined; // cron cannot skip days, weeks or months from an anchor
  if (frequency === 'daily') return `${at.minute} ${at.hour} * * *`;
  if (frequency === 'weekly') {
    const days = schedule.daysOfWeek!.map((day) => (WEEKDAYS.indexOf(day) + 1) % 7).sort((a, b) => a - b);
    return `${at.minute} ${at.hour} * * ${days.join(',')}`;
  }
  return `${at.minute} ${at.hour} ${schedule.daysOfMonth!.join(',')} * *`;
}

function cronHours(interval: number, first: number): string {
  if (first === 0 && interval === 1) return '*';
  if (first === 0 && 24 % interval === 0) return `*/${interval}`;
  if (interval === 1 && first < 23) return `${first}-23`;
  return runHours(interval, first).join(',');
}

export function viewSchedule(schedule: Schedule): ScheduleView {
  const cron = toCron(schedule);
  return {
    frequency: schedule.frequency,
    interval: schedule.interval,
    at: { hour: schedule.at.hour, minute: schedule.at.minute },
    ...(schedule.daysOfWeek && { daysOfWeek: [...schedule.daysOfWeek] }),
    ...(schedule.daysOfMonth && { daysOfMonth: [...schedule.daysOfMonth] }),
    timezone: schedule.timezone,
    rrule: toRRule(schedule),
    ...(cron !== undefined && { cron }),
  };
}

// ------------------------------------------------------------------------------------------ next runs

/** The next `count` runs strictly after `after`, as UTC instants. */
export function nextRuns(schedule: Schedule, after: Date, count: number): Date[] {
  if (!Number.isInteger(count) || count < 0 || count > 1000) {
    fail([{ field: 'count', message: 'must be an integer from 0 to 1000' }]);
  }
  if (Number.isNaN(after.getTime())) fail([{ field: 'after', message: 'must be a valid date' }]);
  const runs: Date[] = [];
  if (count === 0) return runs;
  // rrule runs on "floating" dates (UTC fields = wall clock), which keeps it independent of the process
  // time zone; each wall time is then placed in the zone here. Start a day early: a DST gap can push a
  // wall time before after's wall clock to an instant after `after`.
  const from = new Date(after.getTime() + offsetMs(schedule.timezone, after.getTime()) - DAY_MS);
  const rule = new RRule({ ...wallClockRule(schedule), dtstart: anchor(schedule, from) }, true);
  rule.between(from, FAR_FUTURE, true, (wall) => {
    const run = toInstant(schedule.timezone, wall.getTime());
    const last = runs.at(-1)?.getTime() ?? -Infinity;
    if (run > after.getTime() && run > last) runs.push(new Date(run)); // `> last` drops gap duplicates
    return runs.length < count;
  });
  return runs;
}

function wallClockRule(schedule: Schedule): Partial<RRuleOptions> {
  const { frequency, interval, at } = schedule;
  const time = { byhour: [at.hour], byminute: [at.minute], bysecond: [0] };
  switch (frequency) {
    case 'hourly': // the whole day's run hours, every day
      return { freq: RRule.DAILY, interval: 1, ...time, byhour: runHours(interval, at.hour) };
    case 'daily':
      return { freq: RRule.DAILY, interval, ...time };
    case 'weekly':
      return { freq: RRule.WEEKLY, interval, ...time, wkst: 0, byweekday: daysIndex(schedule.daysOfWeek!) };
    case 'monthly':
      return { freq: RRule.MONTHLY, interval, ...time, bymonthday: schedule.daysOfMonth! };
  }
}

/** The start of the epoch-aligned period (see the header) that contains wall-clock `from`. */
function anchor(schedule: Schedule, from: Date): Date {
  const day = Math.floor(from.getTime() / DAY_MS);
  const n = schedule.interval;
  switch (schedule.frequency) {
    case 'hourly':
      return new Date(day * DAY_MS);
    case 'daily':
      return new Date((day - mod(day, n)) * DAY_MS);
    case 'weekly': {
      const week = Math.floor((day - EPOCH_MONDAY) / 7);
      return new Date((EPOCH_MONDAY + 7 * (week - mod(week, n))) * DAY_MS);
    }
    case 'monthly': {
      const month = (from.getUTCFullYear() - 1970) * 12 + from.getUTCMonth();
      return new Date(Date.UTC(1970, month - mod(month, n), 1));
    }
  }
}

// ------------------------------------------------------------------------------------------ time zones

/** Another zone's schedule with the same wall-clock intent, as seen around `reference`. */
export function convertTimezone(
  schedule: Schedule,
  timezone: string,
  reference: Date,
): { schedule: Schedule; exact: boolean } {
  if (!isTimeZone(timezone)) fail([{ field: 'timezone', message: TIMEZONE_MESSAGE }]);
  const ref = reference.getTime();
  if (Number.isNaN(ref)) fail([{ field: 'reference', message: 'must be a valid date' }]);
  const shift = (offsetMs(timezone, ref) - offsetMs(schedule.timezone, ref)) / 60_000;
  const steady = !offsetsDrift(schedule.timezone, timezone, ref);
  const { at, dayShift } = shiftTime(schedule.at, shift);
  const converted: Schedule = { ...schedule, at, timezone };

  switch (schedule.frequency) {
    case 'hourly': {
      const hours = runHours(schedule.interval, schedule.at.hour)
        .map((hour) => shiftTime({ hour, minute: schedule.at.minute }, shift).at.hour)
        .sort((a, b) => a - b);
      // The earliest shifted run becomes the first of the day; runs that wrapped past midnight may not fit.
      converted.at = { hour: hours[0], minute: at.minute };
      return { schedule: converted, exact: steady && sameList(hours, runHours(schedule.interval, hours[0])) };
    }
    case 'daily':
      // With interval > 1 a day shift changes which epoch-counted days run.
      return { schedule: converted, exact: steady && (dayShift === 0 || schedule.interval === 1) };
    case 'weekly': {
      const moved = daysIndex(schedule.daysOfWeek!).map((i) => i + dayShift);
      converted.daysOfWeek = WEEKDAYS.filter((_, i) => moved.some((m) => mod(m, 7) === i));
      const sameWeeks = schedule.interval === 1 || moved.every((i) => i >= 0 && i <= 6);
      return { schedule: converted, exact: steady && sameWeeks };
    }
    case 'monthly': {
      const moved = schedule.daysOfMonth!.map((d) => d + dayShift);
      // Best approximation: clamp into 1..31. Exact only when no day crosses a month end, i.e. source and
      // target days both exist in every month (1..28).
      converted.daysOfMonth = [...new Set(moved.map((d) => Math.min(31, Math.max(1, d))))].sort((a, b) => a - b);
      const fits = dayShift === 0 || [...schedule.daysOfMonth!, ...moved].every((d) => d >= 1 && d <= 28);
      return { schedule: converted, exact: steady && fits };
    }
  }
}

function shiftTime(at: Schedule['at'], minutes: number): { at: Schedule['at']; dayShift: number } {
  const total = at.hour * 60 + at.minute + minutes;
  const inDay = mod(total, 1440);
  return { at: { hour: Math.floor(inDay / 60), minute: inDay % 60 }, dayShift: Math.floor(total / 1440) };
}

/** True when the offset between the zones changes within the year after `from` (DST on one side). */
function offsetsDrift(a: string, b: string, from: number): boolean {
  const between = (t: number) => offsetMs(b, t) - offsetMs(a, t);
  const first = between(from);
  for (let day = 1; day <= 366; day++) {
    if (between(from + day * DAY_MS) !== first) return true;
  }
  return false;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset at an instant, in ms (local wall clock minus UTC). */
function offsetMs(timeZone: string, instant: number): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return local - Math.floor(instant / 1000) * 1000;
}

/** The instant of a wall-clock time (floating ms) in a zone, resolving DST gaps and overlaps as documented. */
function toInstant(timeZone: string, wall: number): number {
  const before = offsetMs(timeZone, wall - DAY_MS);
  const after = offsetMs(timeZone, wall + DAY_MS);
  const valid = [wall - before, wall - after].filter((t) => t + offsetMs(timeZone, t) === wall);
  return valid.length > 0 ? Math.min(...valid) : wall - before; // overlap: the first; gap: shifted forward
}

// -------------------------------------------------------------------------------------------- helpers

/** Run hours of an hourly schedule: first, first+interval, ... up to 23. */
function runHours(interval: number, first: number): number[] {
  const hours: number[] = [];
  for (let hour = first; hour <= 23; hour += interval) hours.push(hour);
  return hours;
}

/** Hourly runs from midnight evenly around the clock: no BYHOUR needed. */
function coversWholeDay({ interval, at }: Schedule): boolean {
  return at.hour === 0 && 24 % interval === 0;
}

function daysIndex(days: Weekday[]): number[] {
  return days.map((day) => WEEKDAYS.indexOf(day));
}

function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIntIn(value: unknown, min: number, max: number): value is number {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

function fail(errors: FieldError[]): never {
  throw new ValidationFailedError(errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}
