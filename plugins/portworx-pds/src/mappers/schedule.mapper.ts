import { convertTimezone, parseSchedule, toCron, ValidationFailedError, type Schedule } from '@backbridge/core';

/**
 * PDS takes a 5-field CRON expression with no time zone; the Backup CR runs in the target cluster,
 * read here as UTC. A schedule in another zone is converted (with a warning when DST makes it drift).
 */
export function toPdsCron(schedule: Schedule, field: string, reference: Date): { cron: string; warnings: string[] } {
  const warnings: string[] = [];
  let utc = schedule;
  if (schedule.timezone !== 'UTC') {
    const converted = convertTimezone(schedule, 'UTC', reference);
    utc = converted.schedule;
    if (!converted.exact) warnings.push(`${field}: PDS schedules are in UTC; ${schedule.timezone} times shift by an hour across DST changes.`);
  }
  const cron = toCron(utc);
  if (cron === undefined) {
    throw ValidationFailedError.field(`${field}.interval`, 'PDS schedules are cron expressions, which cannot skip days, weeks or months; use interval 1.');
  }
  return { cron, warnings };
}

/** A PDS cron back to the structured form (UTC); undefined when it is not one unified schedule. */
export function fromPdsCron(cron: string): Schedule | undefined {
  try {
    return parseSchedule({ cron, timezone: 'UTC' });
  } catch {
    return undefined;
  }
}
