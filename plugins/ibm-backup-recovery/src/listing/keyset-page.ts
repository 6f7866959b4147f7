import type { OrderBy } from '@backbridge/core';
import { orderKeyOf, type Page } from '@backbridge/plugin-sdk';
import { decodeCursor, encodeCursor, type ListPosition } from './list-cursor';

const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** The gateway's order: the sort value in `direction`, then nativeId ascending (plain string comparison). */
export function compareByOrder(direction: OrderBy['direction'], a: ListPosition, b: ListPosition): number {
  return (direction === 'asc' ? 1 : -1) * cmp(a.value, b.value) || cmp(a.nativeId, b.nativeId);
}

/** Whether `item` comes after `position` in that order. */
export function isAfter(direction: OrderBy['direction'], position: ListPosition | undefined, item: ListPosition): boolean {
  return position === undefined || compareByOrder(direction, position, item) < 0;
}

/**
 * One page of a list read whole: sorted here (orderBy, then nativeId), cut after the cursor's
 * position. A keyset rather than an offset, so that items added or removed between pages shift
 * nothing. `items` must not repeat a nativeId.
 */
export function keysetPage<T extends { nativeId: string }>(items: T[], sortValue: (item: T) => string, req: { pageSize: number; cursor?: string; orderBy: OrderBy }): Page<T> {
  const order = orderKeyOf(req.orderBy);
  const after = decodeCursor(req.cursor, order)?.after;
  const { direction } = req.orderBy;
  const keyed = items.map((item) => ({ item, key: { value: sortValue(item), nativeId: item.nativeId } }));
  const sorted = keyed.filter(({ key }) => isAfter(direction, after, key)).sort((a, b) => compareByOrder(direction, a.key, b.key));
  const page = sorted.slice(0, req.pageSize);
  const last = page.at(-1);
  return {
    items: page.map(({ item }) => item),
    ...(sorted.length > page.length && last && { cursor: encodeCursor({ order, after: last.key, done: [], windows: {} }) }),
  };
}
