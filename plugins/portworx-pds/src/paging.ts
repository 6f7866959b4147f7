import { ValidationFailedError, type OrderBy } from '@backbridge/core';
import type { ListRequest, Page } from '@backbridge/plugin-sdk';

/** The value a record sorts by for `orderBy` (the gateway's own sort values per kind). */
export type SortValue<T> = (item: T, field: OrderBy['field']) => string;

interface Cursor {
  /** Sort value and nativeId of the last item handed out. */
  v: string;
  id: string;
}

/**
 * PDS sorts by its own field names only (no sort on a deployment's name for jobs, no tie order
 * documented), so the plugin reads the whole list, sorts it the gateway's way (ties by nativeId) and
 * pages with a keyset cursor: the next page starts strictly after the last item handed out, so it
 * resumes exactly even when items were added or removed in between.
 */
export function pageSorted<T extends { nativeId: string }>(items: T[], request: ListRequest<unknown>, sortValue: SortValue<T>): Page<T> {
  const { field, direction } = request.orderBy;
  const sign = direction === 'asc' ? 1 : -1;
  const compare = (a: { v: string; id: string }, b: { v: string; id: string }) =>
    (a.v < b.v ? -1 : a.v > b.v ? 1 : 0) * sign || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const keyed = items.map((item) => ({ item, key: { v: sortValue(item, field), id: item.nativeId } }));
  keyed.sort((a, b) => compare(a.key, b.key));
  const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
  const start = after === undefined ? 0 : keyed.findIndex(({ key }) => compare(key, after) > 0);
  const rest = start < 0 ? [] : keyed.slice(start);
  const page = rest.slice(0, request.pageSize);
  const last = page.at(-1);
  return {
    items: page.map(({ item }) => item),
    ...(rest.length > request.pageSize && last && { cursor: Buffer.from(JSON.stringify(last.key)).toString('base64url') }),
  };
}

function decodeCursor(cursor: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof parsed.v === 'string' && typeof parsed.id === 'string') return { v: parsed.v, id: parsed.id };
  } catch {
    /* answered below */
  }
  throw ValidationFailedError.field('pageToken', 'is not a cursor of this list');
}

/** name / createdAt, for records with both. */
export const byNameOrCreated: SortValue<{ name: string; createdAt?: string }> = (item, field) => (field === 'name' ? item.name : (item.createdAt ?? ''));
