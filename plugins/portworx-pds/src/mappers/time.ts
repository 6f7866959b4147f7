/** PDS timestamps are untyped strings (RFC 3339 with microseconds); "" or unreadable means none. */
export function isoTime(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
