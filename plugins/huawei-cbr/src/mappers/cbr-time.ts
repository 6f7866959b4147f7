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

const SECOND = 1000;

/**
 * A lower bound for CBR's `start_time`, from an exact one: the filters take whole seconds and the
 * seed does not say whether they include the bound, so the bound moves out to the whole second
 * before; the caller applies the exact bound itself.
 */
export function cbrLowerBound(iso: string): string {
  return toCbrQueryTime(new Date((Math.floor(Date.parse(iso) / SECOND) - 1) * SECOND).toISOString());
}

/** An upper bound for CBR's `end_time`, widened the same way: the whole second after. */
export function cbrUpperBound(iso: string): string {
  return toCbrQueryTime(new Date((Math.floor(Date.parse(iso) / SECOND) + 1) * SECOND).toISOString());
}

/** The narrower of two lower (or, with `latest = false`, upper) query bounds; both are `…Z` seconds, so text order is time order. */
export function narrowerBound(a: string | undefined, b: string | undefined, latest: boolean): string | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return (a > b) === latest ? a : b;
}
