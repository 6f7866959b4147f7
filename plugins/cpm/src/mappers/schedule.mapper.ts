import { ValidationFailedError, WEEKDAYS, type Schedule, type Weekday } from '@backbridge/core';
import type { PluginLogger } from '@backbridge/plugin-sdk';
import { CPM_WEEKDAYS, type CpmAllowOn, type CpmSchedule, type CpmScheduleWrite } from '../dto/cpm-dto';
import { fromCpmTimezone, instantOf, toCpmTimezone, wallClockOf } from './cpm-time';

/** Unified weekday codes in CPM's allow_on_* order (Monday first). */
const UNIFIED_BY_CPM_DAY = Object.fromEntries(CPM_WEEKDAYS.map((day, i) => [day, WEEKDAYS[i]])) as Record<(typeof CPM_WEEKDAYS)[number], Weekday>;
/** wallClock weekday (0 = Sunday) to unified code. */
const UNIFIED_BY_JS_DAY: Weekday[] = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** CPM has no time-of-day field: the time (and, for W and O units, the day) comes from start_date. A fixed January 2026 anchor keeps translations repeatable. */
const ANCHOR = { year: 2026, month: 1 };
/** 2026-01-05 is a Monday. */
const FIRST_MONDAY = 5;

export interface ScheduleReading {
  schedule: Schedule;
  warnings: string[];
}

/** A CPM schedule (§22) as a unified schedule, with what the unified form cannot say as warnings. */
export function fromCpmSchedule(cpm: CpmSchedule, log: PluginLogger): ScheduleReading {
  const warnings: string[] = [];
  const label = `CPM schedule '${cpm.name ?? cpm.id}'`;
  let timezone = 'UTC';
  if (cpm.timezone) timezone = fromCpmTimezone(cpm.timezone);
  else warnings.push(`${label} runs in the CPM server's configured time zone, which the API does not tell; shown as UTC.`);
  const startMs = cpm.start_date ? Date.parse(cpm.start_date) : Number.NaN;
  const start = Number.isNaN(startMs) ? undefined : wallClockOf(startMs, timezone);
  const at = { hour: start?.hour ?? 0, minute: start?.minute ?? 0 };
  const every = Math.max(1, cpm.every_how_many ?? 1);
  const allowed = CPM_WEEKDAYS.filter((day) => cpm[`allow_on_${day}`] !== false).map((day) => UNIFIED_BY_CPM_DAY[day]);
  const base = { at, timezone };
  if (cpm.end_date) warnings.push(`${label} ends on ${cpm.end_date}; the unified schedule has no end date.`);
  if ((cpm.disable_times ?? []).length > 0) warnings.push(`${label} has disable times (blackout windows) that the unified schedule cannot show.`);

  // The 1.4.0 reference's own sample writes the Months unit as the digit "0".
  const unit = cpm.every_unit === '0' ? 'O' : cpm.every_unit;
  switch (unit) {
    case 'M':
      warnings.push(`${label} runs every ${every} minutes; the unified model's finest frequency is hourly, so it is shown as hourly.`);
      return { schedule: { ...base, frequency: 'hourly', interval: 1 }, warnings };
    case 'H':
      if (every > 23) warnings.push(`${label} runs every ${every} hours; shown as every 23 hours.`);
      return { schedule: { ...base, frequency: 'hourly', interval: Math.min(every, 23) }, warnings };
    case 'D':
      if (every === 1 && allowed.length > 0 && allowed.length < 7) {
        return { schedule: { ...base, frequency: 'weekly', interval: 1, daysOfWeek: allowed }, warnings };
      }
      if (allowed.length < 7) warnings.push(`${label} skips some weekdays, which a daily schedule with an interval cannot show.`);
      return { schedule: { ...base, frequency: 'daily', interval: Math.min(every, 365) }, warnings };
    case 'W':
      return { schedule: { ...base, frequency: 'weekly', interval: Math.min(every, 52), daysOfWeek: [UNIFIED_BY_JS_DAY[start?.weekday ?? 1]] }, warnings };
    case 'O':
      return { schedule: { ...base, frequency: 'monthly', interval: Math.min(every, 12), daysOfMonth: [start?.day ?? 1] }, warnings };
    default:
      log.warn('unknown CPM schedule every_unit; reading it as daily', { field: 'schedule.every_unit', value: cpm.every_unit });
      warnings.push(`${label} has an unknown unit '${String(cpm.every_unit)}'; shown as daily.`);
      return { schedule: { ...base, frequency: 'daily', interval: 1 }, warnings };
  }
}

export interface ScheduleTranslation {
  body: CpmScheduleWrite;
  warnings: string[];
}

/**
 * A unified schedule as the body of POST /api/schedules/ (§22.1). Refuses (ValidationFailedError, with
 * the field path) what one CPM schedule cannot express: several weekdays every n > 1 weeks, several
 * days of the month, and days after the 28th.
 */
export function toCpmSchedule(schedule: Schedule, field: string, name: string, user: number): ScheduleTranslation {
  const warnings: string[] = [];
  const allDays = { ...Object.fromEntries(CPM_WEEKDAYS.map((day) => [`allow_on_${day}`, true])) } as CpmAllowOn;
  let unit: CpmScheduleWrite['every_unit'];
  let day = 1;
  let allowOn: CpmAllowOn = allDays;
  switch (schedule.frequency) {
    case 'hourly':
      unit = 'H';
      break;
    case 'daily':
      unit = 'D';
      break;
    case 'weekly': {
      const days = schedule.daysOfWeek ?? [];
      if (schedule.interval === 1) {
        // Every week on some days = every day, allowed only on those days.
        unit = 'D';
        allowOn = Object.fromEntries(CPM_WEEKDAYS.map((cpmDay) => [`allow_on_${cpmDay}`, days.includes(UNIFIED_BY_CPM_DAY[cpmDay])])) as CpmAllowOn;
        break;
      }
      if (days.length !== 1) {
        throw ValidationFailedError.field(`${field}.daysOfWeek`, 'CPM can repeat every n > 1 weeks on one weekday only (its start date); use one schedule per weekday.');
      }
      unit = 'W';
      day = FIRST_MONDAY + WEEKDAYS.indexOf(days[0]);
      break;
    }
    case 'monthly': {
      const days = schedule.daysOfMonth ?? [];
      if (days.length !== 1) throw ValidationFailedError.field(`${field}.daysOfMonth`, 'CPM repeats a monthly schedule on one day of the month (its start date); use one schedule per day.');
      if (days[0] > 28) throw ValidationFailedError.field(`${field}.daysOfMonth`, 'CPM anchors a monthly schedule on its start date, so only days 1 to 28 run in every month.');
      unit = 'O';
      day = days[0];
      break;
    }
  }
  if (schedule.interval > 1 && schedule.frequency !== 'hourly') {
    warnings.push(`${field}: CPM counts every ${schedule.interval} ${schedule.frequency === 'daily' ? 'days' : schedule.frequency === 'weekly' ? 'weeks' : 'months'} from the schedule's start date, not from the Unix epoch, so the run days may differ.`);
  }
  const timezone = toCpmTimezone(schedule.timezone);
  const start = instantOf({ year: ANCHOR.year, month: ANCHOR.month, day, hour: schedule.at.hour, minute: schedule.at.minute }, schedule.timezone);
  return {
    body: { name, user, every_unit: unit, every_how_many: schedule.interval, start_date: new Date(start).toISOString(), timezone, ...allowOn },
    warnings,
  };
}
