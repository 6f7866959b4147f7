import { ValidationFailedError, type Schedule, type Weekday } from '@backbridge/core';
import type { IbmIncrementalSchedule, IbmTimeOfDay, IbmWeekday } from '../dto/ibm.dto';

/** IBM's default when a group has no time zone; the plugin always sends one. */
export const IBM_DEFAULT_TIME_ZONE = 'America/Los_Angeles';

const TO_IBM_DAY: Record<Weekday, IbmWeekday> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
const FROM_IBM_DAY = Object.fromEntries(Object.entries(TO_IBM_DAY).map(([k, v]) => [v, k])) as Record<IbmWeekday, Weekday>;

/** The policy half (frequency) and the group half (time of day, zone) of one unified schedule. */
export interface IbmScheduleParts {
  schedule: IbmIncrementalSchedule;
  startTime: IbmTimeOfDay;
}

export function toIbmSchedule(schedule: Schedule, field = 'schedules[0]'): IbmScheduleParts {
  const startTime = { hour: schedule.at.hour, minute: schedule.at.minute, timeZone: schedule.timezone };
  switch (schedule.frequency) {
    case 'hourly':
      return { schedule: { unit: 'Hours', hourSchedule: { frequency: schedule.interval } }, startTime };
    case 'daily':
      return { schedule: { unit: 'Days', daySchedule: { frequency: schedule.interval } }, startTime };
    case 'weekly': {
      if (schedule.interval !== 1) throw ValidationFailedError.field(`${field}.interval`, 'IBM Backup and Recovery runs weekly schedules every week only (interval 1)');
      if (!schedule.daysOfWeek?.length) throw ValidationFailedError.field(`${field}.daysOfWeek`, 'IBM Backup and Recovery needs the days of the week');
      return { schedule: { unit: 'Weeks', weekSchedule: { dayOfWeek: schedule.daysOfWeek.map((d) => TO_IBM_DAY[d]) } }, startTime };
    }
    case 'monthly': {
      if (schedule.interval !== 1) throw ValidationFailedError.field(`${field}.interval`, 'IBM Backup and Recovery runs monthly schedules every month only (interval 1)');
      if (schedule.daysOfMonth?.length !== 1) throw ValidationFailedError.field(`${field}.daysOfMonth`, 'IBM Backup and Recovery takes exactly one day of the month');
      return { schedule: { unit: 'Months', monthSchedule: { dayOfMonth: schedule.daysOfMonth[0] } }, startTime };
    }
  }
}

/** The unified schedule of a policy's incremental schedule and its group's start time. */
export function fromIbmSchedule(schedule: IbmIncrementalSchedule, startTime: IbmTimeOfDay | undefined, warnings: string[]): Schedule {
  const at = { hour: startTime?.hour ?? 0, minute: startTime?.minute ?? 0 };
  const timezone = startTime?.timeZone ?? IBM_DEFAULT_TIME_ZONE;
  const base = { at, timezone };
  switch (schedule.unit) {
    case 'Hours':
      return { ...base, frequency: 'hourly', interval: schedule.hourSchedule?.frequency ?? 1 };
    case 'Days':
      return { ...base, frequency: 'daily', interval: schedule.daySchedule?.frequency ?? 1 };
    case 'Weeks':
      return { ...base, frequency: 'weekly', interval: 1, daysOfWeek: (schedule.weekSchedule?.dayOfWeek ?? []).map((d) => FROM_IBM_DAY[d]).filter(Boolean) };
    case 'Months':
      if (schedule.monthSchedule?.dayOfMonth !== undefined) {
        return { ...base, frequency: 'monthly', interval: 1, daysOfMonth: [schedule.monthSchedule.dayOfMonth] };
      }
      warnings.push(`monthly on ${schedule.monthSchedule?.weekOfMonth ?? ''} ${(schedule.monthSchedule?.dayOfWeek ?? []).join(',')} is shown as the 1st of the month`);
      return { ...base, frequency: 'monthly', interval: 1, daysOfMonth: [1] };
    case 'Minutes':
      warnings.push(`every ${schedule.minuteSchedule?.frequency ?? 1} minutes is shown as hourly`);
      return { ...base, frequency: 'hourly', interval: 1 };
    default:
      warnings.push(`the IBM schedule unit '${schedule.unit}' is shown as monthly`);
      return { ...base, frequency: 'monthly', interval: 1, daysOfMonth: [1] };
  }
}

/** Days between two runs of a schedule, to turn a count of points into a time. */
export function periodDays(schedule: Schedule): number {
  switch (schedule.frequency) {
    case 'hourly':
      return schedule.interval / 24;
    case 'daily':
      return schedule.interval;
    case 'weekly':
      return (7 * schedule.interval) / Math.max(1, schedule.daysOfWeek?.length ?? 1);
    case 'monthly':
      return 30 / Math.max(1, schedule.daysOfMonth?.length ?? 1);
  }
}
