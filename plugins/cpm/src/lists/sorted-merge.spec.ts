import { mergeSorted, type MergeCursor, type SortedSource } from './sorted-merge';

interface Item {
  id: number;
  at: string;
  /** How many records the item yields (like a backup record's snapshot records). */
  records: number;
}

interface Rec {
  nativeId: string;
  at: string;
}

/** A vendor list sorted by `at` only (equal times in id order, as CPM might), read by page number. */
function vendorList(items: Item[], direction: 'asc' | 'desc') {
  const calls = { reads: 0, expansions: 0 };
  const sorted = () => [...items].sort((a, b) => (direction === 'asc' ? 1 : -1) * (a.at < b.at ? -1 : a.at > b.at ? 1 : 0) || a.id - b.id);
  const source: SortedSource<Item, Rec> = {
    readPage: async (page, size) => {
      calls.reads += 1;
      const all = sorted();
      return { items: all.slice((page - 1) * size, page * size), more: page * size < all.length };
    },
    key: (item) => item.at,
    block: (item) => ({ first: `${item.id}/`, last: `${item.id}/\uffff` }),
    mayMatch: () => true,
    beyond: () => false,
    expand: async (item) => {
      calls.expansions += 1;
      return Array.from({ length: item.records }, (_, i) => ({ nativeId: `${item.id}/r/${i}`, at: item.at }));
    },
    expandCalls: () => 7,
  };
  return { source, calls };
}

const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute)).toISOString();

/** Items 1..n, every third pair at the same time, some without records. */
function items(n: number): Item[] {
  return Array.from({ length: n }, (_, i) => ({ id: i + 1, at: at(Math.floor(i / 3)), records: i % 5 === 4 ? 0 : 1 + (i % 3) }));
}

async function walk(source: SortedSource<Item, Rec>, pageSize: number, direction: 'asc' | 'desc', between?: (page: number) => void) {
  const seen: string[] = [];
  let cursor: MergeCursor | undefined;
  for (let page = 0; page < 1000; page++) {
    const result = await mergeSorted([source], cursor, { pageSize, direction, readSize: 4, accept: () => true, maxCalls: 30 });
    seen.push(...result.items.map((r) => r.nativeId));
    if (!result.cursor) return seen;
    cursor = JSON.parse(JSON.stringify(result.cursor)) as MergeCursor;
    between?.(page);
  }
  throw new Error('the walk did not end');
}

/** What the gateway expects: by time, then nativeId ascending (plain string order). */
function expected(list: Item[], direction: 'asc' | 'desc'): string[] {
  const records = list.flatMap((item) => Array.from({ length: item.records }, (_, i) => ({ nativeId: `${item.id}/r/${i}`, at: item.at })));
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return records.sort((a, b) => (direction === 'asc' ? 1 : -1) * cmp(a.at, b.at) || cmp(a.nativeId, b.nativeId)).map((r) => r.nativeId);
}

describe(mergeSorted.name, () => {
  it.each(['asc', 'desc'] as const)('walks every record once, %s by time and then by nativeId, whatever the page size', async (direction) => {
    const list = items(40);
    for (const pageSize of [1, 3, 7, 100]) {
      const { source } = vendorList(list, direction);
      expect(await walk(source, pageSize, direction)).toEqual(expected(list, direction));
    }
  });

  it('orders equal times by nativeId as strings (10/ before 9/), not by the vendor’s id order', async () => {
    const list = [9, 10, 11].map((id) => ({ id, at: at(0), records: 2 }));
    const { source } = vendorList(list, 'desc');
    expect(await walk(source, 2, 'desc')).toEqual(['10/r/0', '10/r/1', '11/r/0', '11/r/1', '9/r/0', '9/r/1']);
  });

  it('reads one vendor page and expands only what a page shows', async () => {
    const list = items(400);
    const { source, calls } = vendorList(list, 'desc');
    const first = await mergeSorted([source], undefined, { pageSize: 5, direction: 'desc', readSize: 50, accept: () => true, maxCalls: 1000 });
    expect(first.items).toHaveLength(5);
    expect(calls.reads).toBe(1);
    expect(calls.expansions).toBeLessThanOrEqual(6);
  });

  it('ends a page short when its call budget is spent, and goes on from there', async () => {
    const list = items(30).map((item) => ({ ...item, records: 1 }));
    const { source, calls } = vendorList(list, 'asc');
    const page = await mergeSorted([source], undefined, { pageSize: 20, direction: 'asc', readSize: 50, accept: () => true, maxCalls: 1 + 3 * 7 });
    expect(page.items).toHaveLength(3);
    expect(calls.expansions).toBe(3);
    const next = await mergeSorted([source], page.cursor, { pageSize: 20, direction: 'asc', readSize: 50, accept: () => true, maxCalls: 1000 });
    expect([...page.items, ...next.items].map((r) => r.nativeId)).toEqual(expected(list, 'asc').slice(0, 23));
  });

  it('neither repeats nor misses items when the vendor adds newer items ahead of a newest-first walk', async () => {
    const list = items(30);
    const { source } = vendorList(list, 'desc');
    const original = expected(list, 'desc');
    let next = 1000;
    const seen = await walk(source, 4, 'desc', () => list.push({ id: next++, at: at(500), records: 1 }));
    expect(seen).toEqual(original);
  });

  it('misses nothing when the vendor removes a few items ahead of the walk (behind it in the list)', async () => {
    const list = items(60);
    const { source } = vendorList(list, 'asc');
    const seen = await walk(source, 4, 'asc', (page) => {
      // After the second page, the two oldest items go (e.g. their records were cleaned up).
      if (page === 1) list.splice(0, 2);
    });
    const removed = new Set(['1/', '2/']);
    const rest = expected(list, 'asc');
    expect(seen.filter((id) => ![...removed].some((prefix) => id.startsWith(prefix)))).toEqual(rest);
  });

  it('skips items that cannot match without expanding them, and filters every record', async () => {
    const list = items(20);
    const { source, calls } = vendorList(list, 'asc');
    const odd = { ...source, mayMatch: (item: Item) => item.id % 2 === 1 };
    const page = await mergeSorted([odd], undefined, { pageSize: 100, direction: 'asc', readSize: 50, accept: (r) => !r.nativeId.endsWith('/1'), maxCalls: 1000 });
    expect(page.cursor).toBeUndefined();
    expect(page.items.map((r) => r.nativeId)).toEqual(expected(list, 'asc').filter((id) => Number(id.split('/')[0]) % 2 === 1 && !id.endsWith('/1')));
    expect(calls.expansions).toBe(10);
  });

  it('merges two lists by time with one position each', async () => {
    const a = vendorList(items(25), 'desc');
    const bItems = items(25).map((item) => ({ ...item, id: item.id + 100, at: at(Math.floor(item.id / 2)) }));
    const b = vendorList(bItems, 'desc');
    const all = [...items(25), ...bItems];
    const seen: string[] = [];
    let cursor: MergeCursor | undefined;
    do {
      const page = await mergeSorted<Item, Rec>([a.source, b.source], cursor, { pageSize: 3, direction: 'desc', readSize: 4, accept: () => true, maxCalls: 100 });
      seen.push(...page.items.map((r) => r.nativeId));
      cursor = page.cursor;
    } while (cursor);
    expect(seen).toEqual(expected(all, 'desc'));
  });
});
