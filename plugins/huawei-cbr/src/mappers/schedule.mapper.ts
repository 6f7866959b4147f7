import { ValidationFailedError, WEEKDAYS, convertTimezone, type FieldError, type Schedule, type Weekday } from '@backbridge/core';

/** CBR accepts at most 24 patterns per policy (seed §4.6.1). */
export const MAX_PATTERNS = 24;

const pad = (n: number) => String(n).padStart(2, '0');

export interface PatternTranslation {
  patterns: string[];
  warnings: string[];
}

/**
 * Unified schedules to CBR trigger patterns. CBR patterns are RRULEs in UTC with FREQ=DAILY or
 * WEEKLY only, so every schedule is moved to UTC (a zone with daylight saving time drifts: warned),
 * hourly schedules become one DAILY pattern per run hour, and monthly ones are refused.
 */
export function toCbrPatterns(schedules: Schedule[], reference: Date): PatternTranslation {
  const patterns: string[] = [];
  const warnings: string[] = [];
  const errors: FieldError[] = [];
  schedules.forEach((schedule, i) => {
    const field = `schedules[${i}]`;
    if (schedule.frequency === 'monthly') {
      errors.push({ field: `${field}.frequency`, message: 'CBR schedules can only be daily or weekly (FREQ=DAILY or FREQ=WEEKLY).' });
      return;
    }
    if (schedule.frequency === 'weekly' && schedule.interval !== 1) {
      errors.push({ field: `${field}.interval`, message: 'CBR weekly schedules run every week (no INTERVAL with FREQ=WEEKLY).' });
      return;
    }
    if (schedule.frequency === 'hourly' && schedule.interval >= 24) {
      errors.push({ field: `${field}.interval`, message: 'an hourly interval must be below 24 hours for CBR.' });
      return;
    }
    const { schedule: utc, exact } = convertTimezone(schedule, 'UTC', reference);
    if (!exact) warnings.push(`${field}: CBR schedules run in UTC; ${schedule.timezone} changes its offset during the year, so the local time will drift.`);
    const time = `BYHOUR=${pad(utc.at.hour)};BYMINUTE=${pad(utc.at.minute)}`;
    switch (utc.frequency) {
      case 'daily':
        patterns.push(`FREQ=DAILY;INTERVAL=${utc.interval};${time}`);
        break;
      case 'weekly':
        patterns.push(`FREQ=WEEKLY;BYDAY=${orderedDays(utc.daysOfWeek ?? []).join(',')};${time}`);
        break;
      case 'hourly': {
        if (24 % utc.interval !== 0) warnings.push(`${field}: 24 is not a multiple of ${utc.interval}; CBR restarts the hours every day, so the gap over midnight differs.`);
        for (let hour = utc.at.hour; hour < 24; hour += utc.interval) {
          patterns.push(`FREQ=DAILY;INTERVAL=1;BYHOUR=${pad(hour)};BYMINUTE=${pad(utc.at.minute)}`);
        }
        break;
      }
    }
  });
  if (patterns.length > MAX_PATTERNS) {
    errors.push({ field: 'schedules', message: `these schedules need ${patterns.length} CBR patterns; CBR accepts at most ${MAX_PATTERNS}.` });
  }
  const tooClose = closeRuns(patterns);
  if (tooClose) errors.push({ field: 'schedules', message: `CBR runs must be at least an hour apart; ${tooClose}.` });
  if (errors.length > 0) throw new ValidationFailedError(errors.map((e) => `${e.field}: ${e.message}`).join(' '), errors);
  return { patterns, warnings };
}

function orderedDays(days: Weekday[]): Weekday[] {
  return WEEKDAYS.filter((day) => days.includes(day));
}

/** The first pair of runs on the same weekday less than an hour apart, described; undefined when none. */
function closeRuns(patterns: string[]): string | undefined {
  const parsed = patterns.map(parsePattern).filter((p): p is ParsedPattern => p !== undefined);
  for (const day of WEEKDAYS) {
    const minutes = parsed
      .filter((p) => p.freq === 'DAILY' || p.days.includes(day))
      .flatMap((p) => p.hours.map((h) => h * 60 + p.minute))
      .sort((a, b) => a - b);
    for (let i = 1; i < minutes.length; i++) {
      if (minutes[i] - minutes[i - 1] < 60) return `two runs at ${pad(Math.floor(minutes[i - 1] / 60))}:${pad(minutes[i - 1] % 60)} and ${pad(Math.floor(minutes[i] / 60))}:${pad(minutes[i] % 60)} UTC`;
    }
  }
  return undefined;
}

export interface ParsedPattern {
  freq: 'DAILY' | 'WEEKLY';
  interval: number;
  days: Weekday[];
  hours: number[];
  minute: number;
}

/** Parses a CBR pattern (keys in any order, `6` or `06`); undefined when it is not one CBR documents. */
export function parsePattern(pattern: string): ParsedPattern | undefined {
  const parts = new Map(
    pattern
      .replace(/^RRULE:/i, '')
      .split(';')
      .filter((p) => p.includes('='))
      .map((p) => p.split('=', 2).map((s) => s.trim().toUpperCase()) as [string, string]),
  );
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY') return undefined;
  const numbers = (value: string | undefined, min: number, max: number) =>
    (value ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n >= min && n <= max);
  const hours = numbers(parts.get('BYHOUR'), 0, 23);
  const minutes = numbers(parts.get('BYMINUTE') ?? '0', 0, 59);
  const interval = parts.has('INTERVAL') ? Number(parts.get('INTERVAL')) : 1;
  const days = (parts.get('BYDAY') ?? '').split(',').filter((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d));
  if (hours.length === 0 || minutes.length !== 1 || !Number.isInteger(interval) || interval < 1) return undefined;
  if (freq === 'WEEKLY' && days.length === 0) return undefined;
  return { freq, interval, days, hours, minute: minutes[0] };
}

/**
 * CBR patterns to unified schedules, in UTC: one schedule per run time; a full day of evenly spaced
 * DAILY runs (what toCbrPatterns makes of an hourly schedule) folds back into one hourly schedule.
 */
export function fromCbrPatterns(patterns: string[]): { schedules: Schedule[]; warnings: string[] } {
  const warnings: string[] = [];
  const parsed: ParsedPattern[] = [];
  for (const pattern of patterns) {
    const p = parsePattern(pattern);
    if (p) parsed.push(p);
    else warnings.push(`CBR pattern '${pattern}' is not one the plugin understands; left out of schedules.`);
  }
  const schedules: Schedule[] = [];
  const dailyOnes = parsed.filter((p) => p.freq === 'DAILY' && p.interval === 1);
  const folded = foldHourly(dailyOnes);
  if (folded) schedules.push(folded);
  for (const p of parsed) {
    if (folded && dailyOnes.includes(p)) continue;
    for (const hour of p.hours) {
      schedules.push(
        p.freq === 'DAILY'
          ? { frequency: 'daily', interval: p.interval, at: { hour, minute: p.minute }, timezone: 'UTC' }
          : { frequency: 'weekly', interval: 1, at: { hour, minute: p.minute }, daysOfWeek: p.days, timezone: 'UTC' },
      );
    }
  }
  return { schedules, warnings };
}

function foldHourly(daily: ParsedPattern[]): Schedule | undefined {
  if (daily.length < 2) return undefined;
  const minute = daily[0].minute;
  if (daily.some((p) => p.minute !== minute)) return undefined;
  const hours = [...new Set(daily.flatMap((p) => p.hours))].sort((a, b) => a - b);
  if (hours.length !== daily.flatMap((p) => p.hours).length || hours.length < 2) return undefined;
  const step = hours[1] - hours[0];
  const even = hours.every((h, i) => i === 0 || h - hours[i - 1] === step);
  // Runs that reach the end of the day from the first one, every `step` hours.
  if (!even || hours[hours.length - 1] + step < 24) return undefined;
  return { frequency: 'hourly', interval: step, at: { hour: hours[0], minute }, timezone: 'UTC' };
}
