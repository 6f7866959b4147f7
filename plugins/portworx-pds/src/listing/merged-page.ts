import { ValidationFailedError, VendorUnavailableError } from '@backbridge/core';
import type { Page, PluginLogger } from '@backbridge/plugin-sdk';
import { compareKeys, compareValues, type Direction, type SortKey } from './sort-key';

/** One vendor page, its rows already turned into records. `next` is absent on the last page. */
export interface SourcePage<T> {
  items: T[];
  next?: string;
}

/**
 * A vendor list that PDS sorts in the list's order itself (ties in any order), read one page at a
 * time: `read(undefined)` is the first page, `read(next)` the one after.
 */
export interface StreamedSource<T> {
  kind: 'streamed';
  read(continuation: string | undefined, limit: number): Promise<SourcePage<T>>;
}

/** A list read whole and sorted here: PDS cannot sort it this way, or has no list of it at all. */
export interface WholeSource<T> {
  kind: 'whole';
  readAll(): Promise<T[]>;
}

export type ListSource<T> = StreamedSource<T> | WholeSource<T>;

export interface MergedPageRequest<T> {
  /** The vendor lists merged into this one (one position each in the cursor); always the same for one walk. */
  sources: ListSource<T>[];
  pageSize: number;
  cursor?: string;
  direction: Direction;
  keyOf(item: T): SortKey;
  /** The filters pushed down to the plugin, applied to every row read. */
  accept(item: T): boolean;
  /** True when neither this item nor any after it can pass `accept` (a bound on the sort value): the list ends there. */
  beyond?(item: T): boolean;
  /** Completes the items handed out (what neither the order nor the filters need, looked up for them only). */
  finish?(items: T[]): Promise<T[]>;
  log: PluginLogger;
}

/** Rows asked per vendor page: about one list page, at least 50, at most what PDS clients ask (1000). */
export function vendorLimit(pageSize: number): number {
  return Math.min(MAX_VENDOR_LIMIT, Math.max(MIN_VENDOR_LIMIT, pageSize));
}

const MIN_VENDOR_LIMIT = 50;
const MAX_VENDOR_LIMIT = 1000;
/** Vendor pages one list page may read beyond the first of each source, once it has moved on. */
const MAX_FURTHER_READS = 8;
/** A runaway guard for lists read whole. */
const MAX_WHOLE_PAGES = 1000;

/**
 * Per source: 0 once exhausted, `null` to start from its first page, `{ c }` from the page that
 * continuation names, `'w'` to read it whole.
 */
type Position = 0 | null | { c: string } | 'w';

interface CursorState {
  /** Sort value and nativeId of the last row handed out or filtered out; undefined before the first. */
  a?: [string, string];
  p: Position[];
}

interface Row<T> {
  item: T;
  key: SortKey;
}

interface LoadedPage<T> {
  /** The continuation that reads this page again (undefined: the first page). */
  continuation?: string;
  rows: Row<T>[];
}

/**
 * One page of a list merged from several vendor lists, in bounded memory.
 *
 * Every source is read in the list's order, but PDS documents no tie order, so rows with the same
 * sort value may come in any order and across page boundaries. A row is handed out only once it is
 * *safe*: its sort value comes strictly before the last value read from every source that still has
 * pages (nothing unread can come before it), or every source is read to its end. Safe rows are sorted
 * by (value, nativeId), so a run of equal values is always read to its end and handed out in
 * nativeId order.
 *
 * The cursor keeps the key of the last row handed out or filtered out (everything up to it is done)
 * and, per source, the continuation of the first vendor page that still holds a row after that key.
 * The next page reads from there again and skips what the key says is done: at most one vendor page
 * per source is read twice, and rows that reappear after the vendor shifted are not handed out twice.
 *
 * If a source comes back out of order (its order is not ours, e.g. another collation of names), the
 * plugin says so in the log and reads that source whole, sorted here, for the rest of the walk.
 */
export async function readMergedPage<T>(request: MergedPageRequest<T>): Promise<Page<T>> {
  const { direction, pageSize } = request;
  const state = decodeCursor(request.cursor, request.sources.length);
  let after: SortKey | undefined = state?.a && { v: state.a[0], id: state.a[1] };
  const readers = request.sources.map((source, i) => new SourceReader(source, state ? state.p[i] : null, request));
  await Promise.all(readers.map((reader) => reader.open()));

  const finished = async (page: T[]) => (request.finish && page.length > 0 ? request.finish(page) : page);
  const items: T[] = [];
  let further = 0;
  let moved = false;
  for (;;) {
    const reading = readers.filter((reader) => !reader.complete);
    const bound = safeBound(reading, direction);
    if (bound !== null) {
      const safe = readers
        .flatMap((reader) => reader.unprocessed(after))
        .filter((row) => bound === undefined || compareValues(row.key.v, bound, direction) < 0)
        .sort((x, y) => compareKeys(x.key, y.key, direction));
      for (const row of safe) {
        if (request.beyond?.(row.item)) return { items: await finished(items) };
        after = row.key;
        moved = true;
        if (request.accept(row.item)) items.push(row.item);
        if (items.length >= pageSize) break;
      }
    }
    if (items.length >= pageSize || reading.length === 0) break;
    // A sparse filter may leave a page short; the cursor still moves on, so the walk ends.
    if (moved && further >= MAX_FURTHER_READS) break;
    // Only a run of equal values, or PDS answering empty pages that still continue, gets here.
    if (further >= MAX_WHOLE_PAGES) throw new VendorUnavailableError(`PDS gave ${further} pages in a row without a row the list could hand out.`);
    await slowest(reading, bound).readMore();
    further += 1;
  }

  const positions = readers.map((reader) => reader.position(after));
  if (positions.every((position) => position === 0)) return { items: await finished(items) };
  return { items: await finished(items), cursor: encodeCursor({ ...(after && { a: [after.v, after.id] }), p: positions }) };
}

/**
 * Rows strictly before this value are safe. Undefined: every source is read to its end, all rows
 * are safe. Null: a source has not shown a row yet, nothing is safe.
 */
function safeBound<T>(reading: SourceReader<T>[], direction: Direction): string | undefined | null {
  let bound: string | undefined;
  for (const reader of reading) {
    if (reader.lastValue === undefined) return null;
    if (bound === undefined || compareValues(reader.lastValue, bound, direction) < 0) bound = reader.lastValue;
  }
  return bound;
}

/** The source that holds the others back: one that showed no row yet, else the one read least far. */
function slowest<T>(reading: SourceReader<T>[], bound: string | undefined | null): SourceReader<T> {
  return reading.find((reader) => reader.lastValue === undefined) ?? reading.find((reader) => reader.lastValue === bound) ?? reading[0];
}

class SourceReader<T> {
  /** Every row of the source is loaded: no vendor page after the last one read. */
  complete = false;
  /** Sort value of the last row loaded, in vendor order. */
  lastValue?: string;
  private pages: LoadedPage<T>[] = [];
  private next?: string;
  private whole = false;

  constructor(
    private readonly source: ListSource<T>,
    private readonly start: Position,
    private readonly request: MergedPageRequest<T>,
  ) {}

  async open(): Promise<void> {
    if (this.start === 0) {
      this.complete = true;
      return;
    }
    if (this.source.kind === 'whole' || this.start === 'w') return this.readWhole();
    await this.load(this.start === null ? undefined : this.start.c);
  }

  readMore(): Promise<void> {
    return this.load(this.next);
  }

  /** Loaded rows after `after` in list order: not handed out or filtered out yet. */
  unprocessed(after: SortKey | undefined): Row<T>[] {
    const rows = this.pages.flatMap((page) => page.rows);
    return after === undefined ? rows : rows.filter((row) => compareKeys(row.key, after, this.request.direction) > 0);
  }

  /** Where the next page starts reading this source. */
  position(after: SortKey | undefined): Position {
    const open = (row: Row<T>) => after === undefined || compareKeys(row.key, after, this.request.direction) > 0;
    if (this.whole) return this.pages.some((page) => page.rows.some(open)) ? 'w' : 0;
    const first = this.pages.find((page) => page.rows.some(open));
    if (first) return first.continuation === undefined ? null : { c: first.continuation };
    return this.complete || this.next === undefined ? 0 : { c: this.next };
  }

  private async load(continuation: string | undefined): Promise<void> {
    const source = this.source as StreamedSource<T>;
    const page = await source.read(continuation, vendorLimit(this.request.pageSize));
    const rows = page.items.map((item) => ({ item, key: this.request.keyOf(item) }));
    for (const row of rows) {
      if (this.lastValue !== undefined && compareValues(row.key.v, this.lastValue, this.request.direction) < 0) {
        this.request.log.warn('PDS listed rows out of the requested order; this list is read whole from here on', {
          previous: this.lastValue,
          value: row.key.v,
          nativeId: row.key.id,
        });
        return this.readWhole();
      }
      this.lastValue = row.key.v;
    }
    this.pages.push({ continuation, rows });
    this.next = page.next || undefined;
    this.complete = this.next === undefined;
  }

  private async readWhole(): Promise<void> {
    const items = this.source.kind === 'whole' ? await this.source.readAll() : await readEveryPage(this.source, this.request.log);
    const rows = items.map((item) => ({ item, key: this.request.keyOf(item) }));
    rows.sort((x, y) => compareKeys(x.key, y.key, this.request.direction));
    this.pages = [{ rows }];
    this.whole = true;
    this.complete = true;
    this.next = undefined;
  }
}

async function readEveryPage<T>(source: StreamedSource<T>, log: PluginLogger): Promise<T[]> {
  const items: T[] = [];
  let continuation: string | undefined;
  for (let page = 0; page < MAX_WHOLE_PAGES; page++) {
    const read = await source.read(continuation, MAX_VENDOR_LIMIT);
    items.push(...read.items);
    continuation = read.next || undefined;
    if (!continuation) return items;
  }
  log.warn('PDS list cut after too many pages', { pages: MAX_WHOLE_PAGES });
  return items;
}

function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

function decodeCursor(cursor: string | undefined, sources: number): CursorState | undefined {
  if (cursor === undefined) return undefined;
  try {
    const state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorState>;
    const keyOk = state.a === undefined || (Array.isArray(state.a) && state.a.length === 2 && state.a.every((part) => typeof part === 'string'));
    if (keyOk && Array.isArray(state.p) && state.p.length === sources && state.p.every(isPosition)) return { a: state.a, p: state.p };
  } catch {
    /* answered below */
  }
  throw ValidationFailedError.field('pageToken', 'is not a cursor of this list');
}

function isPosition(value: unknown): value is Position {
  if (value === 0 || value === null || value === 'w') return true;
  return typeof value === 'object' && typeof (value as { c?: unknown }).c === 'string';
}
