import type { OrderBy } from '@backbridge/core';
import type { ListRequest, Page } from '@backbridge/plugin-sdk';

/**
 * The orders CPM's own `ordering` cannot serve (a recovery point's resource name, a job id across
 * backups and recoveries, resources assembled from every policy's targets): the list is read whole
 * from CPM (page by page), filtered and sorted here, and cut. The cursor is the offset into that sorted list.
 */
export function pageOf<T extends { nativeId: string }>(items: T[], req: ListRequest<unknown>, sortValue: (item: T, field: OrderBy['field']) => string): Page<T> {
  const direction = req.orderBy.direction === 'asc' ? 1 : -1;
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const sorted = [...items].sort(
    (a, b) => direction * cmp(sortValue(a, req.orderBy.field), sortValue(b, req.orderBy.field)) || cmp(a.nativeId, b.nativeId),
  );
  const offset = req.cursor !== undefined && /^\d+$/.test(req.cursor) ? Number(req.cursor) : 0;
  const end = offset + req.pageSize;
  return { items: sorted.slice(offset, end), ...(end < sorted.length && { cursor: String(end) }) };
}

/**
 * `fn` over every item, `width` at a time, results in item order: a whole-list read fans out to
 * one call per item (or seven, per family), which must stay within the HTTP client's bulkhead queue.
 */
export async function mapInBatches<T, U>(items: T[], width: number, fn: (item: T) => Promise<U>): Promise<U[]> {
  const results: U[] = [];
  for (let i = 0; i < items.length; i += width) results.push(...(await Promise.all(items.slice(i, i + width).map(fn))));
  return results;
}
