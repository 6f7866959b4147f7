import { MAX_FAILED_PAGES, mergePages, type MergeSource, type MergeState } from '@backbridge/core';

interface Item {
  at: number;
  id: string;
}

/** A source that pages an in-memory sorted list with numeric-offset cursors, counting fetches. */
function source(key: string, items: Item[], fail = false): MergeSource<Item> & { fetches: number } {
  const sorted = [...items].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  const s = {
    key,
    fetches: 0,
    async fetch(cursor: string | undefined, pageSize: number) {
      s.fetches += 1;
      if (fail) throw new Error(`${key} is down`);
      const offset = cursor ? Number(cursor) : 0;
      const page = sorted.slice(offset, offset + pageSize);
      const next = offset + pageSize < sorted.length ? String(offset + pageSize) : undefined;
      return { items: page, cursor: next };
    },
  };
  return s;
}

const compare = (a: Item, b: Item) => a.at - b.at || a.id.localeCompare(b.id);

function items(prefix: string, ats: number[]): Item[] {
  return ats.map((at, i) => ({ at, id: `${prefix}${i}` }));
}

async function walk(sources: MergeSource<Item>[], pageSize: number, accept?: (i: Item) => boolean) {
  const seen: string[] = [];
  let state: MergeState | undefined;
  let pages = 0;
  do {
    const page = await mergePages(sources, { pageSize, compare, accept, state: pages === 0 ? undefined : state });
    seen.push(...page.items.map((i) => i.item.id));
    state = page.state;
    pages += 1;
    if (pages > 1000) throw new Error('walk did not end');
  } while (state);
  return { seen, pages };
}

describe('mergePages', () => {
  const a = items('a', [1, 4, 4, 7, 9, 12, 15]);
  const b = items('b', [2, 3, 4, 10]);
  const c = items('c', [5, 6, 8, 11, 13, 14, 16, 17, 18]);
  const expected = [...a, ...b, ...c].sort(compare).map((i) => i.id);

  it.each([1, 2, 3, 5, 7, 50])('walks three differently sized sources with pageSize %i: every item once, in order', async (pageSize) => {
    const { seen } = await walk([source('A', a), source('B', b), source('C', c)], pageSize);
    expect(seen).toEqual(expected);
  });

  it('ends with no state on the last page', async () => {
    const page = await mergePages([source('A', a), source('B', b)], { pageSize: 100, compare });
    expect(page.items).toHaveLength(a.length + b.length);
    expect(page.state).toBeUndefined();
  });

  it('applies the gateway-side filter without gaps', async () => {
    const even = (i: Item) => i.at % 2 === 0;
    const { seen } = await walk([source('A', a), source('B', b), source('C', c)], 2, even);
    expect(seen).toEqual([...a, ...b, ...c].filter(even).sort(compare).map((i) => i.id));
  });

  it("applies each source's own filter (what it did not push down) instead of the common one", async () => {
    const even = (i: Item) => i.at % 2 === 0;
    // B filters itself (say, pushed down to its vendor): the gateway must not filter it again.
    const filteredB = { ...source('B', b.filter(even)), accept: () => true };
    const odd = { ...source('C', c), accept: (i: Item) => i.at % 2 === 1 };
    const { seen } = await walk([source('A', a), filteredB, odd], 3, even);
    const expected = [...a.filter(even), ...b.filter(even), ...c.filter((i) => i.at % 2 === 1)].sort(compare).map((i) => i.id);
    expect(seen).toEqual(expected);
  });

  it('names a failing source, keeps its position and still answers from the others', async () => {
    const down = source('B', b, true);
    const page = await mergePages([source('A', a), down], { pageSize: 3, compare });
    expect(page.items.map((i) => i.item.id)).toEqual(['a0', 'a1', 'a2']);
    expect(page.failures).toEqual([{ source: 'B', error: expect.any(Error), abandoned: false }]);
    expect(page.state?.B).toEqual({ k: 0, n: 3, f: 1 });
  });

  it('resumes a source that failed in the middle of a page after the last item it gave: nothing twice', async () => {
    const flaky = source('A', a);
    const fetch = flaky.fetch.bind(flaky);
    let failOnFetch = -1;
    flaky.fetch = async (cursor, size) => {
      if (flaky.fetches + 1 === failOnFetch) {
        flaky.fetches += 1;
        throw new Error('A blinked');
      }
      return fetch(cursor, size);
    };
    const first = await mergePages([flaky], { pageSize: 2, compare });
    expect(first.items.map((i) => i.item.id)).toEqual(['a0', 'a1']);
    // The next page re-reads vendor page 1, reads page 2 (a2, a3), gives both, then page 3 fails.
    failOnFetch = flaky.fetches + 3;
    const second = await mergePages([flaky], { pageSize: 3, compare, state: first.state });
    expect(second.items.map((i) => i.item.id)).toEqual(['a2', 'a3']);
    expect(second.failures).toEqual([{ source: 'A', error: expect.any(Error), abandoned: false }]);
    const resumed: string[] = [];
    let state = second.state;
    while (state) {
      const page = await mergePages([flaky], { pageSize: 3, compare, state });
      resumed.push(...page.items.map((i) => i.item.id));
      state = page.state;
    }
    expect([...first.items, ...second.items].map((i) => i.item.id).concat(resumed)).toEqual(a.map((i) => i.id));
  });

  it('goes on without a source that failed on MAX_FAILED_PAGES pages in a row, so the walk ends', async () => {
    const down = source('B', b, true);
    const failures: boolean[] = [];
    const seen: string[] = [];
    let state: MergeState | undefined;
    let pages = 0;
    do {
      const page = await mergePages([source('A', a), down], { pageSize: 2, compare, state: pages === 0 ? undefined : state });
      seen.push(...page.items.map((i) => i.item.id));
      failures.push(...page.failures.map((f) => f.abandoned));
      state = page.state;
      pages += 1;
    } while (state && pages < 100);
    expect(failures).toEqual([false, false, true]);
    expect(state).toBeUndefined();
    expect(seen).toEqual(a.map((i) => i.id));
    expect(down.fetches).toBe(MAX_FAILED_PAGES);
  });

  it('bounds the vendor calls of one request when a filter matches little', async () => {
    const many = source('A', items('a', Array.from({ length: 100 }, (_, i) => i)));
    const page = await mergePages([many], { pageSize: 5, compare, accept: (i) => i.at >= 95, maxFetchesPerSource: 4 });
    expect(many.fetches).toBe(4);
    expect(page.items).toEqual([]);
    expect(page.state).toBeDefined();
  });

  it('leaves out a source that joined after the walk started', async () => {
    const first = await mergePages([source('A', a)], { pageSize: 2, compare });
    const second = await mergePages([source('A', a), source('N', b)], { pageSize: 2, compare, state: first.state });
    expect(second.items.map((i) => i.source)).toEqual(['A', 'A']);
  });
});
