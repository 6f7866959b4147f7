/**
 * Lists streamed newest first (`createdAt desc`) from IBM lists that can be read by time: runs of a
 * group (`numRuns` + `endTimeUsecs`, IBM's own paging) and the unpaged lists that take a time range
 * (recoveries, one object's snapshots), asked for in windows. Several such lists are merged here,
 * one vendor page at a time, in the gateway's order: sort value descending, then nativeId.
 */
import type { ListPosition } from './list-cursor';
import { compareByOrder, isAfter } from './keyset-page';

/** An item of a vendor list with its place in the order. */
export interface TimedItem<R> {
  record: R;
  /** Its sort value (an ISO time, to the millisecond, of the µs time IBM filters by) and nativeId. */
  key: ListPosition;
  /** Of items sharing a nativeId, the lowest rank is the one listed. */
  rank: string;
}

/** A vendor list read newest first, one vendor page at a time. */
export interface NewestFirstSource<R> {
  /** Names the list in the cursor. */
  readonly key: string;
  /** Every item at or after this time (µs) has been loaded; +Infinity before the first load. */
  readonly loadedDownTo: number;
  readonly exhausted: boolean;
  /** The window (µs) to ask for next, for lists read in time windows. */
  readonly window?: number;
  /** Reads the next vendor page: items older than those loaded so far. */
  load(): Promise<TimedItem<R>[]>;
}

/** One page of a list IBM pages by time: at most `size` items started at or before `until` (µs), newest first. */
export type TimePageFetch<V> = (until: number | undefined, size: number) => Promise<V[]>;

/**
 * A list IBM pages by time, such as a group's runs: `numRuns` newest runs started at or before
 * `endTimeUsecs`. The next page ends at the oldest start time seen (inclusive, in case several
 * runs share that microsecond), and what was seen there is skipped.
 */
export class TimePagedSource<V, R> implements NewestFirstSource<R> {
  loadedDownTo = Infinity;
  exhausted = false;
  private until: number | undefined;
  private size: number;
  private edgeUsecs: number | undefined;
  private readonly edge = new Set<string>();

  constructor(
    readonly key: string,
    private readonly vendor: {
      fetch: TimePageFetch<V>;
      timeOf(item: V): number;
      idOf(item: V): string;
      toItems(item: V): TimedItem<R>[];
      size: number;
      until?: number;
    },
  ) {
    this.size = vendor.size;
    this.until = vendor.until;
  }

  async load(): Promise<TimedItem<R>[]> {
    for (;;) {
      const batch = await this.vendor.fetch(this.until, this.size);
      const fresh = batch.filter((item) => !(this.vendor.timeOf(item) === this.edgeUsecs && this.edge.has(this.vendor.idOf(item))));
      if (batch.length < this.size) {
        this.exhausted = true;
        return fresh.flatMap((item) => this.vendor.toItems(item));
      }
      if (fresh.length === 0) {
        // More items share one microsecond than a page holds: ask for bigger pages.
        this.size *= 2;
        continue;
      }
      const oldest = Math.min(...batch.map((item) => this.vendor.timeOf(item)));
      if (oldest !== this.edgeUsecs) this.edge.clear();
      this.edgeUsecs = oldest;
      for (const item of batch) if (this.vendor.timeOf(item) === oldest) this.edge.add(this.vendor.idOf(item));
      this.until = oldest;
      this.loadedDownTo = oldest + 1;
      return fresh.flatMap((item) => this.vendor.toItems(item));
    }
  }
}

/** An unpaged list that takes a time range: items from `from` to `to` (µs, inclusive; `to` undefined: up to now). */
export type TimeRangeFetch<V> = (from: number, to: number | undefined) => Promise<V[]>;

const MIN_WINDOW_USECS = 1_000_000;
const MAX_WINDOW_USECS = 100 * 365 * 86_400_000_000;

/**
 * An unpaged IBM list with a time range, read in windows back from `until` down to `lower`. A
 * window that brings fewer items than a page wants grows fourfold; one that brings many more
 * shrinks, and the cursor keeps it for the next page.
 */
export class TimeWindowSource<V, R> implements NewestFirstSource<R> {
  loadedDownTo = Infinity;
  exhausted: boolean;
  window: number;
  private until: number | undefined;

  constructor(
    readonly key: string,
    private readonly vendor: {
      fetch: TimeRangeFetch<V>;
      toItems(item: V): TimedItem<R>[];
      /** Items a page wants. */
      want: number;
      /** Inclusive bounds in µs; `until` undefined: up to IBM's now, which `nowUsecs` stands for. */
      until: number | undefined;
      lower: number;
      nowUsecs: number;
      window: number;
    },
  ) {
    this.until = vendor.until;
    this.window = vendor.window;
    this.exhausted = (vendor.until ?? Infinity) < vendor.lower;
  }

  async load(): Promise<TimedItem<R>[]> {
    const top = this.until ?? this.vendor.nowUsecs;
    const from = Math.max(this.vendor.lower, top - this.window + 1);
    const batch = await this.vendor.fetch(from, this.until);
    this.loadedDownTo = from;
    this.until = from - 1;
    this.exhausted = from <= this.vendor.lower;
    if (batch.length < this.vendor.want) this.window = Math.min(MAX_WINDOW_USECS, this.window * 4);
    else if (batch.length > 4 * this.vendor.want) this.window = Math.max(MIN_WINDOW_USECS, Math.floor((this.window * this.vendor.want) / batch.length));
    return batch.flatMap((item) => this.vendor.toItems(item));
  }
}

export interface MergeOptions<R> {
  pageSize: number;
  /** Where the previous page ended. */
  after?: ListPosition;
  /** The filters applied on the way (the pushed filters IBM cannot apply itself). */
  accept(record: R): boolean;
  /** Vendor pages one page of the list may read beyond the first of each vendor list, before it answers with what it has. */
  maxExtraLoads: number;
}

export interface MergeResult<R> {
  items: R[];
  /** Where the next page starts; absent on the last page. */
  after?: ListPosition;
  /** Vendor lists with nothing left after `after`. */
  done: string[];
  /** The windows of time-window lists, for the next page. */
  windows: Record<string, number>;
}

/** A nativeId after every id this plugin makes (base 36, dots): a position past a whole millisecond. */
const PAST_ALL_IDS = '~';

const msOf = (value: string) => (value === '' ? -Infinity : Date.parse(value));
const byRank = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/**
 * One page merged from `sources`, newest first. An item is taken only once every list has loaded
 * all items of its millisecond, so that items of equal time (IBM orders them by microsecond, the
 * gateway by nativeId) come out in the gateway's order whichever list and page they are on. Items
 * a page skips (filtered out, or a second item with a nativeId already listed) move the position too.
 */
export async function mergeNewestFirst<R>(sources: NewestFirstSource<R>[], options: MergeOptions<R>): Promise<MergeResult<R>> {
  const order = (a: TimedItem<R>, b: TimedItem<R>) => compareByOrder('desc', a.key, b.key) || byRank(a.rank, b.rank);
  const buffers = new Map(sources.map((source) => [source, { items: [] as TimedItem<R>[], next: 0 }]));
  const headOf = (source: NewestFirstSource<R>) => {
    const buffer = buffers.get(source)!;
    return buffer.items[buffer.next];
  };
  let extraLoads = 0;
  const load = async (source: NewestFirstSource<R>) => {
    const loaded = await source.load();
    const buffer = buffers.get(source)!;
    buffer.items = [...buffer.items.slice(buffer.next), ...loaded].sort(order);
    buffer.next = 0;
  };
  await Promise.all(sources.filter((s) => !s.exhausted).map(load));

  const items: R[] = [];
  let position = options.after;
  let stoppedEarly = false;
  const pending = () => sources.filter((s) => !s.exhausted);
  /** Everything at or after this time (µs) is loaded in every list. */
  const loadedEverywhere = () => Math.max(-Infinity, ...pending().map((s) => s.loadedDownTo));
  const frontier = (): ListPosition => ({ value: new Date(Math.ceil(loadedEverywhere() / 1000)).toISOString(), nativeId: PAST_ALL_IDS });

  while (items.length < options.pageSize) {
    let best: NewestFirstSource<R> | undefined;
    for (const source of sources) {
      const head = headOf(source);
      if (head && (best === undefined || order(head, headOf(best)) < 0)) best = source;
    }
    const head = best && headOf(best);
    if (head && msOf(head.key.value) * 1000 >= loadedEverywhere()) {
      buffers.get(best!)!.next += 1;
      if (isAfter('desc', position, head.key)) {
        position = head.key;
        if (options.accept(head.record)) items.push(head.record);
      }
      continue;
    }
    const waiting = pending();
    if (waiting.length === 0) break;
    // Out of budget: answer with what there is, once the walk has moved on.
    if (extraLoads >= options.maxExtraLoads && isAfter('desc', options.after, frontier())) {
      stoppedEarly = true;
      break;
    }
    extraLoads += 1;
    await load(waiting.reduce((a, b) => (b.loadedDownTo > a.loadedDownTo ? b : a)));
  }

  const leftAfter = (source: NewestFirstSource<R>, at: ListPosition | undefined) => {
    const buffer = buffers.get(source)!;
    return buffer.items.slice(buffer.next).filter((item) => isAfter('desc', at, item.key));
  };
  let after: ListPosition | undefined;
  if (stoppedEarly) {
    // Everything loaded in every list has been looked at: the next page starts below that.
    after = isAfter('desc', position, frontier()) ? frontier() : position;
  } else if (items.length === options.pageSize) {
    const more = pending().length > 0 || sources.some((s) => leftAfter(s, position).some((item) => options.accept(item.record)));
    if (more) after = position;
  }
  return {
    items,
    ...(after && { after }),
    done: sources.filter((s) => s.exhausted && leftAfter(s, after).length === 0).map((s) => s.key),
    windows: Object.fromEntries(sources.filter((s) => s.window !== undefined && !s.exhausted).map((s) => [s.key, s.window!])),
  };
}

/** Reads every source to its end (for orders IBM cannot serve): the whole list, one item per nativeId. */
export async function readAll<R>(sources: NewestFirstSource<R>[]): Promise<TimedItem<R>[]> {
  const all = await Promise.all(
    sources.map(async (source) => {
      const items: TimedItem<R>[] = [];
      while (!source.exhausted) items.push(...(await source.load()));
      return items;
    }),
  );
  const best = new Map<string, TimedItem<R>>();
  for (const item of all.flat()) {
    const seen = best.get(item.key.nativeId);
    if (!seen || item.rank < seen.rank) best.set(item.key.nativeId, item);
  }
  return [...best.values()];
}
