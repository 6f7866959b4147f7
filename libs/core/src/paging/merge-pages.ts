/**
 * K-way merge of several paged sources (one per connection) into one ordered page, resumable
 * exactly where it stopped. Each source's position is the cursor that fetched its current page
 * plus how many items of that page were consumed, so a resumed walk re-reads one page and skips:
 * no duplicates, no gaps, and memory bounded by one page per source.
 */

export interface SourcePosition {
  /** The cursor that fetched the current page; absent for the first page. */
  c?: string;
  /** Items of that page already consumed (emitted or filtered out). */
  k: number;
  /** The page size used for that source, so the same page comes back. */
  n: number;
  /** Pages in a row on which this source failed; at MAX_FAILED_PAGES the walk goes on without it. */
  f?: number;
}

/**
 * A source that fails on this many pages in a row is left out of the rest of the walk (each of
 * those pages names it in `failures`), so a walk over a connection that stays down still ends.
 */
export const MAX_FAILED_PAGES = 3;

/** Per source key: its position, or 0 once it is exhausted. */
export type MergeState = Record<string, SourcePosition | 0>;

export interface MergeSource<T> {
  key: string;
  fetch(cursor: string | undefined, pageSize: number): Promise<{ items: T[]; cursor?: string }>;
  /** This source's gateway-side filter (what it did not push down); default `options.accept`. */
  accept?(item: T): boolean;
}

export interface MergeOptions<T> {
  pageSize: number;
  /** A total order consistent with the order each source returns. */
  compare(a: T, b: T): number;
  /** Filters applied in the gateway (a source may have pushed some down already). */
  accept?(item: T): boolean;
  /** From the page token; undefined for the first page. */
  state?: MergeState;
  /** Bounds the vendor calls one request may make per source (sparse filters). */
  maxFetchesPerSource?: number;
}

export interface MergedItem<T> {
  source: string;
  item: T;
}

export interface MergeResult<T> {
  items: MergedItem<T>[];
  /** Undefined when every source is exhausted. */
  state?: MergeState;
  /** `abandoned`: the source failed MAX_FAILED_PAGES pages in a row; the walk continues without it. */
  failures: { source: string; error: unknown; abandoned: boolean }[];
}

interface Cursor<T> {
  source: MergeSource<T>;
  start: SourcePosition | 0;
  pageCursor?: string;
  page: T[];
  next?: string;
  index: number;
  size: number;
  fetches: number;
  exhausted: boolean;
  /** Out of fetch budget with no known head: nothing may be emitted past this point. */
  paused: boolean;
  failed: boolean;
}

export async function mergePages<T>(sources: MergeSource<T>[], options: MergeOptions<T>): Promise<MergeResult<T>> {
  const acceptAll = () => true;
  const acceptOf = (cursor: Cursor<T>) => cursor.source.accept ?? options.accept ?? acceptAll;
  const budget = options.maxFetchesPerSource ?? 10;
  const failures: { source: string; error: unknown; abandoned: boolean }[] = [];
  const failedPages = (cursor: Cursor<T>) => (cursor.start === 0 ? 0 : (cursor.start.f ?? 0)) + 1;
  const fail = (cursor: Cursor<T>, error: unknown) => {
    cursor.failed = true;
    failures.push({ source: cursor.source.key, error, abandoned: failedPages(cursor) >= MAX_FAILED_PAGES });
  };

  const cursors: Cursor<T>[] = sources.map((source) => {
    // A connection that joined after the walk started is not part of this walk.
    const start: SourcePosition | 0 = options.state ? (options.state[source.key] ?? 0) : { k: 0, n: options.pageSize };
    return {
      source,
      start,
      pageCursor: start === 0 ? undefined : start.c,
      page: [],
      index: start === 0 ? 0 : start.k,
      size: start === 0 ? options.pageSize : start.n,
      fetches: 0,
      exhausted: start === 0,
      paused: false,
      failed: false,
    };
  });

  const load = async (cursor: Cursor<T>, pageCursor: string | undefined): Promise<void> => {
    cursor.fetches += 1;
    const page = await cursor.source.fetch(pageCursor, cursor.size);
    cursor.pageCursor = pageCursor;
    cursor.page = page.items;
    cursor.next = page.cursor;
  };

  /** Moves past filtered-out items, fetching further pages within the budget. */
  const ensureHead = async (cursor: Cursor<T>): Promise<void> => {
    for (;;) {
      const accept = acceptOf(cursor);
      while (cursor.index < cursor.page.length && !accept(cursor.page[cursor.index])) {
        cursor.index += 1;
      }
      if (cursor.index < cursor.page.length) {
        return;
      }
      if (cursor.next === undefined) {
        cursor.exhausted = true;
        return;
      }
      if (cursor.fetches >= budget) {
        cursor.paused = true;
        return;
      }
      await load(cursor, cursor.next);
      cursor.index = 0;
    }
  };

  const live = () => cursors.filter((c) => !c.exhausted && !c.failed);

  await Promise.all(
    live().map(async (cursor) => {
      try {
        await load(cursor, cursor.pageCursor);
        await ensureHead(cursor);
      } catch (error) {
        fail(cursor, error);
      }
    }),
  );

  const items: MergedItem<T>[] = [];
  while (items.length < options.pageSize) {
    const active = live();
    if (active.length === 0 || active.some((c) => c.paused)) {
      break;
    }
    let best = active[0];
    for (const cursor of active.slice(1)) {
      const order = options.compare(cursor.page[cursor.index], best.page[best.index]);
      if (order < 0 || (order === 0 && cursor.source.key < best.source.key)) {
        best = cursor;
      }
    }
    items.push({ source: best.source.key, item: best.page[best.index] });
    best.index += 1;
    if (items.length < options.pageSize) {
      try {
        await ensureHead(best);
      } catch (error) {
        fail(best, error);
      }
    }
  }

  // Skip filtered-out leftovers of the current pages, so an exhausted walk says so now.
  for (const cursor of live()) {
    const accept = acceptOf(cursor);
    while (cursor.index < cursor.page.length && !accept(cursor.page[cursor.index])) {
      cursor.index += 1;
    }
    if (cursor.index >= cursor.page.length && cursor.next === undefined) {
      cursor.exhausted = true;
    }
  }

  const state: MergeState = {};
  let more = false;
  for (const cursor of cursors) {
    if (cursor.failed) {
      // Resume right after the last item given out (the page it came from is read again), so an
      // item is never given twice, even when the source failed in the middle of this page.
      const abandoned = failedPages(cursor) >= MAX_FAILED_PAGES;
      state[cursor.source.key] = abandoned ? 0 : { c: cursor.pageCursor, k: cursor.index, n: cursor.size, f: failedPages(cursor) };
      more ||= !abandoned;
    } else if (cursor.exhausted) {
      state[cursor.source.key] = 0;
    } else {
      state[cursor.source.key] = { c: cursor.pageCursor, k: cursor.index, n: cursor.size };
      more = true;
    }
  }
  return { items, state: more ? state : undefined, failures };
}
