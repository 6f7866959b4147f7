import type { OrderBy } from '@backbridge/core';
import type { ListRequest, Page } from '@backbridge/plugin-sdk';

/**
 * CPM's own `ordering` cannot sort by the unified keys (a recovery point's resource name, a job id
 * across backups and recoveries) nor promise the nativeId tie-break, so lists are read whole from
 * CPM (page by page) and sorted and cut here. The cursor is the offset into that sorted list.
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
