/** CPM times are GMT strings with or without microseconds ("2018-08-01T12:00:00.000000Z", "2018-08-20T12:50:00Z"). */
export function isoOf(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** CPM writes its UTC zone as GMT (the first value of the schedule `timezone` enum). */
export function toCpmTimezone(timezone: string): string {
  return timezone === 'UTC' || timezone === 'Etc/UTC' ? 'GMT' : timezone;
}

export function fromCpmTimezone(timezone: string): string {
  return timezone === 'GMT' || timezone === 'Etc/GMT' ? 'UTC' : timezone;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday */
  weekday: number;
}

const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The wall-clock time of an instant in an IANA zone. */
export function wallClockOf(ms: number, timezone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
  }).formatToParts(new Date(ms));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  return {
    year: Number(part('year')),
    month: Number(part('month')),
    day: Number(part('day')),
    hour: Number(part('hour')),
    minute: Number(part('minute')),
    weekday: WEEKDAY_INDEX[part('weekday')] ?? 0,
  };
}

/** The instant at which a zone's clocks show this wall-clock time (the earlier one in a DST overlap). */
export function instantOf(wall: Omit<WallClock, 'weekday'>, timezone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const seen = wallClockOf(guess, timezone);
    const seenAsUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute);
    guess += asUtc - seenAsUtc;
  }
  return guess;
}
