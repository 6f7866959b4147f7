import { ValidationFailedError, type OrderBy } from '@backbridge/core';
import type { Page } from '@backbridge/plugin-sdk';

/**
 * IBM sorts nothing the gateway can ask for, so lists are fetched whole, sorted here (orderBy, then
 * nativeId) and cut by offset. The cursor is that offset.
 */
export function sortedPage<T extends { nativeId: string }>(items: T[], sortValue: (item: T) => string, req: { pageSize: number; cursor?: string; orderBy: OrderBy }): Page<T> {
  const offset = req.cursor === undefined ? 0 : Number(req.cursor);
  if (!Number.isInteger(offset) || offset < 0) throw ValidationFailedError.field('cursor', 'is not a cursor of this plugin');
  const sign = req.orderBy.direction === 'asc' ? 1 : -1;
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const sorted = [...items].sort((a, b) => sign * cmp(sortValue(a), sortValue(b)) || cmp(a.nativeId, b.nativeId));
  const page = sorted.slice(offset, offset + req.pageSize);
  const next = offset + req.pageSize;
  return { items: page, ...(next < sorted.length && { cursor: String(next) }) };
}
