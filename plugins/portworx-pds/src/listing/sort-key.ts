import type { OrderBy } from '@backbridge/core';

/** Where an item stands in a list: the gateway's sort value for the order, then its nativeId. */
export interface SortKey {
  v: string;
  id: string;
}

export type Direction = OrderBy['direction'];

/** Sort values in the requested direction (plain JS string comparison, as the gateway does). */
export function compareValues(x: string, y: string, direction: Direction): number {
  const order = x < y ? -1 : x > y ? 1 : 0;
  return direction === 'asc' ? order : -order;
}

/** Keys in list order: the value in the requested direction, ties by nativeId ascending. */
export function compareKeys(a: SortKey, b: SortKey, direction: Direction): number {
  return compareValues(a.v, b.v, direction) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
