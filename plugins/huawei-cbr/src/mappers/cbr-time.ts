/**
 * CBR time stamps have no zone (`2020-02-05T10:38:34.209782`, UTC) or a space
 * (`2019-05-08 06:57:05`, policy start_time); the unified model wants ISO 8601 UTC.
 */
export function toIsoUtc(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const normalized = value.trim().replace(' ', 'T');
  const zoned = /([zZ]|[+-]\d{2}:?\d{2})$/.test(normalized) ? normalized : `${normalized}Z`;
  // Microseconds: keep milliseconds, which is what Date and ISO strings carry.
  const parsed = Date.parse(zoned.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString();
}

/** Query filters want `2018-02-01T12:00:00Z`. */
export function toCbrQueryTime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
