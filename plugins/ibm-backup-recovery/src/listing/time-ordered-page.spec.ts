import type { OrderBy } from '@backbridge/core';
import type { Page } from '@backbridge/plugin-sdk';
import { TimePagedSource, TimeWindowSource, type NewestFirstSource, type TimedItem } from './newest-first';
import { timeOrderedPage, timeRangeOf, type SourcePlan } from './time-ordered-page';

/** A vendor item: when it started (µs) and the record the plugin makes of it. */
interface Row {
  list: string;
  usecs: number;
  nativeId: string;
  rank: string;
}

const iso = (usecs: number) => new Date(Math.floor(usecs / 1000)).toISOString();
const item = (row: Row): TimedItem<Row> => ({ record: row, key: { value: iso(row.usecs), nativeId: row.nativeId }, rank: row.rank });
const BASE = Date.parse('2026-03-01T00:00:00Z') * 1000;

/**
 * Three vendor lists. Times are chosen so that IBM's order (µs, newest first) and the gateway's
 * (ms, then nativeId) disagree: equal microseconds across lists, different microseconds within one
 * millisecond with the later one holding the higher id, and one nativeId in two lists (lowest rank wins).
 */
function rows(): Row[] {
  const out: Row[] = [];
  for (let i = 0; i < 40; i += 1) {
    const t = BASE - i * 3_600_000_000;
    out.push({ list: 'a', usecs: t, nativeId: `a${String(i).padStart(2, '0')}`, rank: 'r' });
    if (i % 3 === 0) out.push({ list: 'b', usecs: t, nativeId: `b${String(i).padStart(2, '0')}`, rank: 'r' });
    if (i % 3 === 1) out.push({ list: 'b', usecs: t + 417, nativeId: `0b${i}`, rank: 'r' });
    if (i % 5 === 0) out.push({ list: 'c', usecs: t + 10, nativeId: `a${String(i).padStart(2, '0')}`, rank: i % 2 === 0 ? 'a' : 'z' });
  }
  // Several items of one list in one microsecond, more than a small vendor page holds.
  for (let k = 0; k < 5; k += 1) out.push({ list: 'a', usecs: BASE - 5 * 3_600_000_000 + 1, nativeId: `s${k}`, rank: 'r' });
  return out;
}

/** The expected walk: one item per nativeId (lowest rank), by ms descending then nativeId. */
function expected(all: Row[], accept: (row: Row) => boolean = () => true): string[] {
  const best = new Map<string, Row>();
  for (const row of all) {
    const seen = best.get(row.nativeId);
    // Same id, same millisecond here: the lowest rank is listed.
    if (!seen || row.rank < seen.rank) best.set(row.nativeId, row);
  }
  return [...best.values()]
    .filter(accept)
    .sort((x, y) => (iso(y.usecs) < iso(x.usecs) ? -1 : iso(y.usecs) > iso(x.usecs) ? 1 : x.nativeId < y.nativeId ? -1 : x.nativeId > y.nativeId ? 1 : 0))
    .map((r) => r.nativeId);
}

/** Lists 'a' and 'b' page by time (size a page), 'c' is unpaged with a time range. */
function sourcesOver(all: Row[], loads: string[]): (plan: SourcePlan) => Promise<NewestFirstSource<Row>[]> {
  const byTime = (list: string) => all.filter((r) => r.list === list).sort((x, y) => y.usecs - x.usecs);
  const paged = (list: string, plan: SourcePlan) =>
    new TimePagedSource<Row, Row>(list, {
      fetch: async (until, size) => {
        loads.push(list);
        return byTime(list)
          .filter((r) => r.usecs >= plan.range.lower && (until === undefined || r.usecs <= until))
          .slice(0, size);
      },
      timeOf: (r) => r.usecs,
      idOf: (r) => `${r.nativeId}/${r.rank}`,
      toItems: (r) => [item(r)],
      size: plan.whole ? 100 : Math.min(3, plan.want),
      until: plan.range.upper,
    });
  const windowed = (plan: SourcePlan) =>
    new TimeWindowSource<Row, Row>('c', {
      fetch: async (from, to) => {
        loads.push('c');
        return byTime('c').filter((r) => r.usecs >= from && (to === undefined || r.usecs <= to));
      },
      toItems: (r) => [item(r)],
      want: plan.want,
      until: plan.range.upper,
      lower: plan.range.lower,
      nowUsecs: BASE + 1,
      window: plan.whole ? Infinity : (plan.windows.c ?? 3_600_000_000),
    });
  return async (plan) => [paged('a', plan), paged('b', plan), windowed(plan)].filter((s) => !plan.done.has(s.key));
}

async function walkRows(all: Row[], pageSize: number, orderBy: OrderBy, options: { accept?: (row: Row) => boolean; after?: string; loadsPerPage?: number[] } = {}): Promise<Row[]> {
  const walked: Row[] = [];
  let cursor: string | undefined;
  do {
    const loads: string[] = [];
    const page: Page<Row> = await timeOrderedPage(
      { pageSize, cursor, orderBy },
      {
        range: timeRangeOf(options.after, undefined),
        sortValue: (r) => (orderBy.field === 'name' ? r.nativeId : iso(r.usecs)),
        accept: options.accept ?? (() => true),
        sources: sourcesOver(all, loads),
      },
    );
    options.loadsPerPage?.push(loads.length);
    expect(page.items.length).toBeLessThanOrEqual(pageSize);
    walked.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return walked;
}

const walk = async (...args: Parameters<typeof walkRows>) => (await walkRows(...args)).map((r) => r.nativeId);

const NEWEST_FIRST: OrderBy = { field: 'createdAt', direction: 'desc' };

describe('timeOrderedPage', () => {
  it('walks newest first in the gateway order (ms, then nativeId) for every page size, each item once', async () => {
    const all = rows();
    const want = expected(all);
    for (const pageSize of [1, 2, 7, 100]) {
      expect(await walk(all, pageSize, NEWEST_FIRST)).toEqual(want);
    }
    // The cases the data is built for are all in it.
    expect(want).toEqual(expect.arrayContaining(['a00', 'b00', '0b1', 's4']));
  });

  it('puts items of one millisecond in nativeId order though IBM returns them by microsecond', async () => {
    const all = rows();
    const walked = await walk(all, 2, NEWEST_FIRST);
    // 0b1 started 417 µs after a01, in the same millisecond: '0b1' < 'a01'.
    expect(walked.indexOf('0b1')).toBe(walked.indexOf('a01') - 1);
  });

  it('lists a nativeId found in two vendor lists once, the lowest rank', async () => {
    const all = rows();
    const walked = await walkRows(all, 3, NEWEST_FIRST);
    // a10 is in lists a (rank r) and c (rank a); a05 in a (rank r) and c (rank z).
    expect(walked.filter((r) => r.nativeId === 'a10').map((r) => r.list)).toEqual(['c']);
    expect(walked.filter((r) => r.nativeId === 'a05').map((r) => r.list)).toEqual(['a']);
  });

  it('applies filters on the way and pushes the time bound to the vendor lists', async () => {
    const all = rows();
    const after = iso(BASE - 20 * 3_600_000_000);
    const accept = (r: Row) => r.nativeId.includes('b');
    const want = expected(all, (r) => accept(r) && iso(r.usecs) >= after);
    expect(await walk(all, 2, NEWEST_FIRST, { accept, after })).toEqual(want);
  });

  it('reads about one vendor page per list per page, however deep the walk', async () => {
    const loadsPerPage: number[] = [];
    await walk(rows(), 2, NEWEST_FIRST, { loadsPerPage });
    expect(Math.max(...loadsPerPage)).toBeLessThanOrEqual(8);
  });

  it('serves the other orders from the whole list, with the same items', async () => {
    const all = rows();
    const newest = await walk(all, 5, NEWEST_FIRST);
    for (const orderBy of [
      { field: 'createdAt', direction: 'asc' },
      { field: 'name', direction: 'asc' },
      { field: 'name', direction: 'desc' },
    ] as OrderBy[]) {
      const walked = await walk(all, 4, orderBy);
      expect([...walked].sort()).toEqual([...newest].sort());
    }
    expect(await walk(all, 4, { field: 'name', direction: 'asc' })).toEqual([...newest].sort());
  });

  it('refuses a cursor of another order', async () => {
    const all = rows();
    const first = await timeOrderedPage(
      { pageSize: 2, orderBy: NEWEST_FIRST },
      { range: timeRangeOf(undefined, undefined), sortValue: (r) => iso(r.usecs), accept: () => true, sources: sourcesOver(all, []) },
    );
    const other = timeOrderedPage(
      { pageSize: 2, cursor: first.cursor, orderBy: { field: 'name', direction: 'asc' } },
      { range: timeRangeOf(undefined, undefined), sortValue: (r) => r.nativeId, accept: () => true, sources: sourcesOver(all, []) },
    );
    await expect(other).rejects.toMatchObject({ code: 'validation_failed' });
  });
});

describe('timeRangeOf', () => {
  it('turns createdAfter (inclusive) and createdBefore (exclusive) milliseconds into inclusive µs', () => {
    expect(timeRangeOf('2026-03-01T00:00:00.005Z', '2026-03-01T00:00:01Z')).toEqual({
      lower: Date.parse('2026-03-01T00:00:00.005Z') * 1000,
      upper: Date.parse('2026-03-01T00:00:01Z') * 1000 - 1,
    });
    expect(timeRangeOf(undefined, undefined)).toEqual({ lower: 1 });
    expect(timeRangeOf('2026-03-02T00:00:00Z', '2026-03-01T00:00:00Z')).toBeUndefined();
  });
});
