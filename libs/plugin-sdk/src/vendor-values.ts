import type { PluginLogger } from './logger';

/**
 * Looks a vendor field's value up in that field's own table. A value the table does not know
 * (a vendor added one) gives `fallback` and a warning naming the field, never a silent success:
 * plugins choose fallbacks that are not final (`running`, `creating`) so work keeps being followed.
 */
export function mapVendorValue<K extends string, V>(
  table: Readonly<Record<K, V>>,
  value: unknown,
  options: { fallback: V; field: string; logger: PluginLogger },
): V {
  if (typeof value === 'string' && Object.hasOwn(table, value)) return table[value as K];
  options.logger.warn(`unknown vendor value for ${options.field}; using the fallback`, { field: options.field, value, fallback: options.fallback });
  return options.fallback;
}

/** The vendor values a table maps to `unified`, for pushing a unified filter down to the vendor. */
export function vendorValuesOf<K extends string, V>(table: Readonly<Record<K, V>>, unified: V): K[] {
  return (Object.entries(table) as [K, V][]).filter(([, mapped]) => mapped === unified).map(([vendor]) => vendor);
}
