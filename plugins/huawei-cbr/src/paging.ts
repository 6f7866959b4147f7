import { ValidationFailedError, type OrderBy } from '@backbridge/core';
import type { ListRequest, Page } from '@backbridge/plugin-sdk';

/** Plain code-unit comparison, as the gateway compares sort values and nativeIds (no locale). */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A place in a list in the gateway's order: the sort value and nativeId of the last item passed. */
export interface Keyset {
  value: string;
  nativeId: string;
}

/** The gateway's order on keysets: the sort value in the requested direction, ties by nativeId ascending. */
export function keysetOrder(direction: OrderBy['direction']): (a: Keyset, b: Keyset) => number {
  const sign = direction === 'asc' ? 1 : -1;
  return (a, b) => sign * compareText(a.value, b.value) || compareText(a.nativeId, b.nativeId);
}

/**
 * What a cursor of this plugin holds. `after`: the keyset of the last item passed (given out or
 * filtered out); everything at or before it in the order is done. `marker`: for the backup stream,
 * the CBR backup id to read on from (`marker=`); `byTime`: read on from `after`'s time instead
 * (`start_time`/`end_time`); neither: from the head of the list. `skip`: how many vendor items
 * after the position are already done (a hint for the page size to ask for).
 */
export interface CbrCursor {
  after?: Keyset;
  marker?: string;
  byTime?: true;
  skip?: number;
}

const isText = (value: unknown): value is string => typeof value === 'string';

/** JSON in base64url: opaque to the gateway, which wraps it in its signed page token anyway. */
export function encodeCursor(cursor: CbrCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeCursor(req: ListRequest<unknown>): CbrCursor {
  if (req.cursor === undefined) return {};
  const refuse = () => ValidationFailedError.field('cursor', 'is not a cursor of this plugin.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(req.cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw refuse();
  const { after, marker, byTime, skip } = parsed as Record<string, unknown>;
  const afterOk = after === undefined || (typeof after === 'object' && after !== null && isText((after as Keyset).value) && isText((after as Keyset).nativeId));
  const skipOk = skip === undefined || (Number.isInteger(skip) && (skip as number) >= 0);
  if (!afterOk || !(marker === undefined || isText(marker)) || !(byTime === undefined || byTime === true) || !skipOk) throw refuse();
  return parsed as CbrCursor;
}

/**
 * One page of a list read whole and sorted here. The cursor is the keyset of the last item given,
 * so items added or removed between pages neither repeat nor hide the others.
 */
export function pageOfSorted<T extends { nativeId: string }>(records: T[], req: ListRequest<unknown>, value: (record: T) => string): Page<T> {
  const order = keysetOrder(req.orderBy.direction);
  const keyOf = (record: T): Keyset => ({ value: value(record), nativeId: record.nativeId });
  const sorted = records.map((record) => ({ record, key: keyOf(record) })).sort((a, b) => order(a.key, b.key));
  const { after } = decodeCursor(req);
  const start = after === undefined ? 0 : firstIndexAfter(sorted, (entry) => order(entry.key, after) > 0);
  const page = sorted.slice(start, start + req.pageSize);
  const last = page.at(-1);
  return start + req.pageSize < sorted.length && last ? { items: page.map((e) => e.record), cursor: encodeCursor({ after: last.key }) } : { items: page.map((e) => e.record) };
}

/** The first index whose entry is past the position (entries are sorted, so binary search). */
function firstIndexAfter<T>(sorted: T[], isPast: (entry: T) => boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isPast(sorted[middle])) high = middle;
    else low = middle + 1;
  }
  return low;
}
