import { ValidationFailedError, type OrderBy } from '@backbridge/core';
import type { ListRequest, Page } from '@backbridge/plugin-sdk';

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The gateway's order: the sort value in the requested direction, ties by nativeId ascending (plain `<`, no locale). */
export function sortRecords<T extends { nativeId: string }>(items: T[], orderBy: OrderBy, value: (item: T) => string): T[] {
  const direction = orderBy.direction === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => direction * compareText(value(a), value(b)) || compareText(a.nativeId, b.nativeId));
}

/** The cursor is an offset (into the vendor's list or the plugin's sorted one). */
export function offsetOf(req: ListRequest<unknown>): number {
  if (req.cursor === undefined) return 0;
  const offset = Number(req.cursor);
  if (!Number.isInteger(offset) || offset < 0) throw ValidationFailedError.field('cursor', 'is not a cursor of this plugin.');
  return offset;
}

/** One page of a list the plugin sorted itself. */
export function pageOfSorted<T>(sorted: T[], req: ListRequest<unknown>): Page<T> {
  const offset = offsetOf(req);
  const items = sorted.slice(offset, offset + req.pageSize);
  const next = offset + req.pageSize;
  return next < sorted.length ? { items, cursor: String(next) } : { items };
}
