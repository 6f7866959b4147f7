import type { OrderBy } from '@backbridge/core';
import { orderKeyOf, type Page } from '@backbridge/plugin-sdk';
import { EPOCH_START_USECS } from '../client/ibm-client';
import { keysetPage } from './keyset-page';
import { decodeCursor, encodeCursor, type ListPosition } from './list-cursor';
import { mergeNewestFirst, readAll, type NewestFirstSource } from './newest-first';

/** Inclusive bounds in µs of the times IBM filters by. */
export interface TimeRange {
  lower: number;
  upper?: number;
}


/**
 * The µs range matching the unified `createdAfter` (at or after) and `createdBefore` (before)
 * filters, which compare ISO times to the millisecond; undefined when nothing can match.
 */
export function timeRangeOf(after: string | undefined, before: string | undefined): TimeRange | undefined {
  const lower = after === undefined ? EPOCH_START_USECS : Math.max(EPOCH_START_USECS, Date.parse(after) * 1000);
  const upper = before === undefined ? undefined : Date.parse(before) * 1000 - 1;
  if (Number.isNaN(lower) || (upper !== undefined && (Number.isNaN(upper) || upper < lower))) return undefined;
  return { lower, ...(upper !== undefined && { upper }) };
}

/** The range narrowed to what lies at or before a position's millisecond (the rest of a newest-first walk). */
function below(range: TimeRange, position: ListPosition | undefined): TimeRange | undefined {
  if (position === undefined) return range;
  const top = position.value === '' ? -Infinity : Date.parse(position.value) * 1000 + 999;
  const upper = Math.min(range.upper ?? Infinity, top);
  return upper < range.lower ? undefined : { lower: range.lower, upper };
}

/** How the vendor lists of one page are to be read. */
export interface SourcePlan {
  range: TimeRange;
  /** Items the page wants (the page size, plus one to know whether more follow). */
  want: number;
  /** Read to the end (orders IBM cannot serve), rather than a vendor page at a time. */
  whole: boolean;
  /** Vendor lists the walk has finished with. */
  done: ReadonlySet<string>;
  /** Windows of time-window lists, from the cursor. */
  windows: Readonly<Record<string, number>>;
}

export const STREAMED_ORDER = 'createdAt desc';
/** Vendor pages one page may read past the first of each vendor list before it answers with what it has. */
const MAX_EXTRA_LOADS = 40;

/**
 * A page of a list made of IBM lists that are read by time (runs, recoveries, snapshots): newest
 * first it is merged a vendor page at a time (the cursor keeps the last position, the vendor lists
 * done with and the windows); other orders read every vendor list to its end and sort here.
 */
export async function timeOrderedPage<R extends { nativeId: string }>(
  req: { pageSize: number; cursor?: string; orderBy: OrderBy },
  list: {
    range: TimeRange | undefined;
    sortValue(record: R): string;
    accept(record: R): boolean;
    sources(plan: SourcePlan): Promise<NewestFirstSource<R>[]>;
  },
): Promise<Page<R>> {
  const order = orderKeyOf(req.orderBy);
  if (order !== STREAMED_ORDER) {
    decodeCursor(req.cursor, order);
    const sources = list.range ? await list.sources({ range: list.range, want: Infinity, whole: true, done: new Set(), windows: {} }) : [];
    const records = (await readAll(sources)).map((item) => item.record).filter((record) => list.accept(record));
    return keysetPage(records, list.sortValue, req);
  }
  const cursor = decodeCursor(req.cursor, order);
  const range = list.range && below(list.range, cursor?.after);
  if (!range) return { items: [] };
  const done = new Set(cursor?.done ?? []);
  const sources = (await list.sources({ range, want: req.pageSize + 1, whole: false, done, windows: cursor?.windows ?? {} })).filter((s) => !done.has(s.key));
  const merged = await mergeNewestFirst(sources, { pageSize: req.pageSize, after: cursor?.after, accept: list.accept, maxExtraLoads: MAX_EXTRA_LOADS });
  if (!merged.after) return { items: merged.items };
  const next = encodeCursor({ order, after: merged.after, done: [...new Set([...done, ...merged.done])], windows: merged.windows });
  return { items: merged.items, cursor: next };
}
