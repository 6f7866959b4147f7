export const FREQUENCIES = ['hourly', 'daily', 'weekly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * The structured schedule every plugin receives. `at` is the wall-clock time in `timezone`
 * (for hourly schedules: the first run of the day; runs repeat every `interval` hours).
 */
export interface Schedule {
  frequency: Frequency;
  interval: number;
  at: { hour: number; minute: number };
  daysOfWeek?: Weekday[];
  daysOfMonth?: number[];
  /** IANA time zone name. */
  timezone: string;
}

/** What a client may send: the structured form, or an RRULE or cron string (with an optional time zone). */
export type ScheduleInput =
  | Schedule
  | { rrule: string; timezone?: string }
  | { cron: string; timezone?: string };

/** What every response carries: the structured form plus its rrule, and cron where cron can say it. */
export interface ScheduleView extends Schedule {
  rrule: string;
  cron?: string;
}
