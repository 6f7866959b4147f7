import type { OrderBy } from '@backbridge/core';

/**
 * Pages of one unified list made from one or more CPM lists, each read a vendor page at a time in
 * the order CPM sorts it (`ordering=start_time` and the like), so that a page never reads a whole list.
 *
 * Every vendor item (a backup record, a recovery) is a *block*: it yields records whose nativeIds
 * share a prefix no other item's nativeIds have (`"12/"` for the snapshot records of backup 12,
 * `"backup-12"` for the job it is), and all its records share its sort value. CPM cannot order equal
 * sort values by id, so items with the same value (a *run*) are read whole and their blocks sorted
 * by prefix, which is the nativeId order the gateway wants. A block is expanded (its snapshot
 * records read) only when the page reaches it.
 *
 * The cursor keeps the walk's position, the sort value and nativeId of the last record passed (kept
 * or filtered out), and per vendor list the offset to read from next time with the id of the item
 * just before it. Items before the position are skipped when read again, so items CPM adds ahead of
 * the walk cause no duplicates; when the item before the offset is not where it was (CPM removed
 * items ahead of the walk), one vendor page more is read.
 */

/** The sort value and nativeId of the last record the walk passed. */
export interface MergePosition {
  k: string;
  n: string;
}

/** Where to read one vendor list next time: offset `o`, the item before it `a` (its block's first id); `x` once the list is done. */
export interface SourcePosition {
  o: number;
  a?: string;
  x?: 1;
}

export interface MergeCursor {
  p?: MergePosition;
  s: SourcePosition[];
}

/** One vendor list, in CPM's order for the requested direction. */
export interface SortedSource<V, R extends { nativeId: string }> {
  /** Vendor page `page` (from 1) of `size` items; `more` is false on the last page. */
  readPage(page: number, size: number): Promise<{ items: V[]; more: boolean }>;
  /** The unified sort value of every record of the item (its own order in CPM). */
  key(item: V): string;
  /** The least nativeId the item's records can have, and the greatest (a bound no other item's ids fall within). */
  block(item: V): { first: string; last: string };
  /** False when no record of the item can pass the filter, so it need not be expanded. */
  mayMatch(item: V): boolean;
  /** True when the item, and so every later one, lies past the filter's range. */
  beyond(key: string): boolean;
  /** The item's records (any order). */
  expand(item: V): Promise<R[]>;
  /** About how many vendor calls `expand` makes for the item (0 when the item already is its record). */
  expandCalls(item: V): number;
}

export interface MergeOptions<R> {
  pageSize: number;
  direction: OrderBy['direction'];
  /** Vendor items per list read. */
  readSize: number;
  /** The unified filter, applied to every record. */
  accept(record: R): boolean;
  /** Vendor calls a page may make before it ends short (it always passes at least one item). */
  maxCalls: number;
}

interface Placed<V> {
  item: V;
  offset: number;
}

interface Run<V> {
  key: string;
  /** Every item of the run in vendor order, done or not, and the item just before it. */
  all: Placed<V>[];
  before?: Placed<V>;
  /** The items still to pass, by block. */
  blocks: Placed<V>[];
  next: number;
}

/** Reads one vendor list page by page from an offset. */
class Reader<V> {
  private buffer: V[] = [];
  private start = 0;
  private index = 0;
  private nextPage = 1;
  private more = true;
  reads = 0;
  /** The item most recently passed. */
  passed?: Placed<V>;

  constructor(
    private readonly source: SortedSource<V, { nativeId: string }>,
    private readonly size: number,
  ) {}

  /** Positions the reader at or before `at`, reading the page that holds the item before it. */
  async open(at: SourcePosition): Promise<void> {
    if (at.o <= 0) return;
    const page = Math.floor((at.o - 1) / this.size) + 1;
    await this.load(page);
    if (at.a === undefined || page === 1) return;
    const anchored = this.buffer.some((item) => this.source.block(item).first === at.a);
    // The item before the offset moved: CPM removed items ahead of the walk; read the page before too.
    if (!anchored) await this.load(page - 1);
  }

  async peek(): Promise<Placed<V> | undefined> {
    while (this.index >= this.buffer.length) {
      if (!this.more) return undefined;
      await this.load(this.nextPage);
    }
    return { item: this.buffer[this.index], offset: this.start + this.index };
  }

  advance(placed: Placed<V>): void {
    this.index += 1;
    this.passed = placed;
  }

  /** Nothing is left to read, without another call. */
  get drained(): boolean {
    return this.index >= this.buffer.length && !this.more;
  }

  get offset(): number {
    return this.start + this.index;
  }

  private async load(page: number): Promise<void> {
    this.reads += 1;
    const { items, more } = await this.source.readPage(page, this.size);
    this.buffer = items;
    this.start = (page - 1) * this.size;
    this.index = 0;
    this.nextPage = page + 1;
    this.more = more && items.length > 0;
  }
}

type Head<V, R> = { key: string; id: string } & ({ record: R } | { block: Placed<V> });

/** One vendor list in the merge: its reader, the run it is in and the records of the block it expanded. */
class Lane<V, R extends { nativeId: string }> {
  readonly reader: Reader<V>;
  run?: Run<V>;
  queue: R[] = [];
  exhausted: boolean;

  constructor(
    readonly source: SortedSource<V, R>,
    size: number,
    private readonly at: SourcePosition,
    private readonly isDone: (key: string, id: string) => boolean,
  ) {
    this.reader = new Reader(source, size);
    this.exhausted = at.x === 1;
  }

  async open(): Promise<void> {
    if (!this.exhausted) await this.reader.open(this.at);
  }

  /** The next record or unexpanded block, loading the next run when this one is done. */
  async head(): Promise<Head<V, R> | undefined> {
    if (this.exhausted) return undefined;
    if (this.queue.length > 0) return { key: this.run!.key, id: this.queue[0].nativeId, record: this.queue[0] };
    if (!this.run || this.run.next >= this.run.blocks.length) await this.loadRun();
    if (!this.run) return undefined;
    const block = this.run.blocks[this.run.next];
    return { key: this.run.key, id: this.source.block(block.item).first, block };
  }

  /** Reads the next run of items that share a sort value, skipping items the walk has passed. */
  private async loadRun(): Promise<void> {
    const run: Run<V> = { key: '', all: [], blocks: [], next: 0 };
    let key: string | undefined;
    for (;;) {
      const placed = await this.reader.peek();
      if (!placed) break;
      const itemKey = this.source.key(placed.item);
      if (key === undefined && this.source.beyond(itemKey)) break;
      if (key !== undefined && itemKey !== key) break;
      const done = this.isDone(itemKey, this.source.block(placed.item).last);
      if (key === undefined && done) {
        this.reader.advance(placed);
        continue;
      }
      if (key === undefined) {
        key = itemKey;
        run.key = key;
        run.before = this.reader.passed;
      }
      run.all.push(placed);
      if (!done) run.blocks.push(placed);
      this.reader.advance(placed);
    }
    if (key === undefined) {
      this.run = undefined;
      this.exhausted = true;
      return;
    }
    const first = (placed: Placed<V>) => this.source.block(placed.item).first;
    run.blocks.sort((a, b) => (first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0));
    this.run = run;
  }

  /** The block at the head is passed (expanded and emptied, or skipped). */
  passBlock(): void {
    this.run!.next += 1;
  }

  /** The next head needs a vendor read. */
  get mustRead(): boolean {
    return !this.exhausted && this.queue.length === 0 && (!this.run || this.run.next >= this.run.blocks.length);
  }

  /** Where to read next time. */
  position(): SourcePosition {
    if (this.exhausted && this.queue.length === 0) return { o: 0, x: 1 };
    const run = this.run;
    if (!run || (run.next >= run.blocks.length && this.queue.length === 0)) {
      if (this.reader.reads === 0) return this.at;
      if (this.reader.drained) return { o: 0, x: 1 };
      const passed = this.reader.passed;
      return { o: this.reader.offset, ...(passed && { a: this.source.block(passed.item).first }) };
    }
    // The least offset among the blocks still to pass (the one being expanded included).
    const from = Math.min(...run.blocks.slice(run.next).map((b) => b.offset));
    const before = run.all.find((p) => p.offset === from - 1) ?? (run.before?.offset === from - 1 ? run.before : undefined);
    return { o: from, ...(before && { a: this.source.block(before.item).first }) };
  }

  /** Nothing more can come from this lane without reading further. */
  get finished(): boolean {
    if (this.exhausted) return this.queue.length === 0;
    const run = this.run;
    return this.queue.length === 0 && (!run || run.next >= run.blocks.length) && this.reader.drained;
  }
}

/**
 * One page of the merged list. `cursor` is the previous page's (undefined for the first page) and
 * must come from the same sources in the same order.
 */
export async function mergeSorted<V, R extends { nativeId: string }>(
  sources: SortedSource<V, R>[],
  cursor: MergeCursor | undefined,
  options: MergeOptions<R>,
): Promise<{ items: R[]; cursor?: MergeCursor }> {
  const before = (a: string, b: string) => (options.direction === 'asc' ? a < b : a > b);
  let position = cursor?.p;
  const isDone = (key: string, id: string) => position !== undefined && (before(key, position.k) || (key === position.k && id <= position.n));
  const lanes = sources.map((source, i) => new Lane(source, options.readSize, cursor?.s[i] ?? { o: 0 }, (key, id) => isDone(key, id)));
  await Promise.all(lanes.map((lane) => lane.open()));

  const calls = () => lanes.reduce((sum, lane) => sum + lane.reader.reads, 0) + expansions;
  let expansions = 0;
  let passedAny = false;
  const items: R[] = [];
  const pass = (key: string, id: string) => {
    position = { k: key, n: id };
    passedAny = true;
  };

  while (items.length < options.pageSize) {
    if (passedAny && calls() >= options.maxCalls && lanes.some((lane) => lane.mustRead)) break;
    const heads = await Promise.all(lanes.map((lane) => lane.head()));
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i];
      if (!head) continue;
      const current = heads[best];
      if (!current || before(head.key, current.key) || (head.key === current.key && head.id < current.id)) best = i;
    }
    if (best < 0) break;
    const lane = lanes[best];
    const head = heads[best]!;
    if ('record' in head) {
      lane.queue.shift();
      pass(head.key, head.id);
      if (options.accept(head.record)) items.push(head.record);
      if (lane.queue.length === 0) {
        pass(head.key, lane.source.block(lane.run!.blocks[lane.run!.next].item).last);
        lane.passBlock();
      }
      continue;
    }
    const item = head.block.item;
    const last = lane.source.block(item).last;
    if (!lane.source.mayMatch(item)) {
      pass(head.key, last);
      lane.passBlock();
      continue;
    }
    const cost = lane.source.expandCalls(item);
    if (passedAny && cost > 0 && calls() + cost > options.maxCalls) break;
    expansions += cost;
    const records = (await lane.source.expand(item))
      .filter((record) => !isDone(head.key, record.nativeId))
      .sort((a, b) => (a.nativeId < b.nativeId ? -1 : a.nativeId > b.nativeId ? 1 : 0));
    if (records.length === 0) {
      pass(head.key, last);
      lane.passBlock();
    } else {
      lane.queue = records;
    }
  }

  const finished = lanes.every((lane) => lane.finished);
  if (finished) return { items };
  return { items, cursor: { ...(position && { p: position }), s: lanes.map((lane) => lane.position()) } };
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** Whether a decoded cursor has the shape `mergeSorted` writes, for `sources` lists. */
export function isMergeCursor(state: Record<string, unknown>, sources: number): boolean {
  const p = state.p as Record<string, unknown> | undefined;
  if (p !== undefined && (p === null || typeof p !== 'object' || !isString(p.k) || !isString(p.n))) return false;
  const s = state.s;
  if (!Array.isArray(s) || s.length !== sources) return false;
  return s.every(
    (at: Record<string, unknown> | null) =>
      at !== null && typeof at === 'object' && Number.isSafeInteger(at.o) && (at.o as number) >= 0 && (at.a === undefined || isString(at.a)) && (at.x === undefined || at.x === 1),
  );
}
