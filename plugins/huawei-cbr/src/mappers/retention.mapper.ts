import { ValidationFailedError, type FieldError, type Retention } from '@backbridge/core';
import type { CbrOperationDefinition } from '../dto/policy.dto';

const MAX_COUNT = 99_999;
const MAX_LONG_TERM = 100;

/** Minutes east of UTC of `timezone` at `reference`. */
function offsetMinutes(timezone: string, reference: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' }).formatToParts(reference);
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

/** `UTC+08:00`: CBR wants whole hours for the long-term retention's time zone. */
export function cbrTimezone(timezone: string, reference: Date): { value: string; exact: boolean } {
  const minutes = offsetMinutes(timezone, reference);
  const hours = Math.round(minutes / 60);
  const sign = hours < 0 ? '-' : '+';
  return { value: `UTC${sign}${String(Math.abs(hours)).padStart(2, '0')}:00`, exact: hours * 60 === minutes };
}

/**
 * Unified retention to CBR's operation_definition (always sent whole: a PUT replaces it).
 * keepLast → max_backups, keepDays → retention_duration_days, gfs → day/week/month/year_backups
 * with the time zone they are counted in.
 */
export function toOperationDefinition(retention: Retention, timezone: string, reference: Date): { definition: CbrOperationDefinition; warnings: string[] } {
  const errors: FieldError[] = [];
  const warnings: string[] = [];
  const definition: CbrOperationDefinition = {};
  const count = (field: string, value: number | undefined, max: number) => {
    if (value !== undefined && value > max) errors.push({ field, message: `CBR accepts at most ${max}.` });
    return value;
  };
  if (retention.keepLast !== undefined) definition.max_backups = count('retention.keepLast', retention.keepLast, MAX_COUNT);
  if (retention.keepDays !== undefined) definition.retention_duration_days = count('retention.keepDays', retention.keepDays, MAX_COUNT);
  if (retention.gfs) {
    const { daily, weekly, monthly, yearly } = retention.gfs;
    definition.day_backups = count('retention.gfs.daily', daily ?? 0, MAX_LONG_TERM);
    definition.week_backups = count('retention.gfs.weekly', weekly ?? 0, MAX_LONG_TERM);
    definition.month_backups = count('retention.gfs.monthly', monthly ?? 0, MAX_LONG_TERM);
    definition.year_backups = count('retention.gfs.yearly', yearly ?? 0, MAX_LONG_TERM);
    const zone = cbrTimezone(timezone, reference);
    definition.timezone = zone.value;
    if (!zone.exact) warnings.push(`CBR counts long-term backups in whole-hour zones; ${timezone} is rounded to ${zone.value}.`);
  }
  if (errors.length > 0) throw new ValidationFailedError(errors.map((e) => `${e.field}: ${e.message}`).join(' '), errors);
  return { definition, warnings };
}

/** CBR's operation_definition to unified retention; -1, 0 and absent mean "not set". */
export function fromOperationDefinition(definition: CbrOperationDefinition | null | undefined): { retention: Retention; warnings: string[] } {
  const d = definition ?? {};
  const positive = (value: number | undefined) => (typeof value === 'number' && value > 0 ? value : undefined);
  const retention: Retention = {};
  const keepLast = positive(d.max_backups);
  const keepDays = positive(d.retention_duration_days);
  if (keepLast !== undefined) retention.keepLast = keepLast;
  if (keepDays !== undefined) retention.keepDays = keepDays;
  const gfs = {
    daily: positive(d.day_backups),
    weekly: positive(d.week_backups),
    monthly: positive(d.month_backups),
    yearly: positive(d.year_backups),
  };
  const gfsSet = Object.fromEntries(Object.entries(gfs).filter(([, v]) => v !== undefined));
  if (Object.keys(gfsSet).length > 0) retention.gfs = gfsSet;
  const warnings: string[] = [];
  if (Object.keys(retention).length === 0) warnings.push('CBR keeps these backups permanently (no retention rule is set).');
  if (retention.gfs && d.timezone) warnings.push(`CBR counts the long-term backups in ${d.timezone}.`);
  return { retention, warnings };
}
