import { silentLogger } from '@backbridge/plugin-sdk';
import { readMergedPage, type MergedPageRequest, type StreamedSource } from './merged-page';
import { compareKeys, type Direction } from './sort-key';

interface Item {
  nativeId: string;
  v: string;
}

/** Deterministic items with many equal values (runs of up to ~8), ids not in value order. */
function items(count: number, seed = 7): Item[] {
  let state = seed;
  const random = () => ((state = (state * 48_271) % 2_147_483_647) / 2_147_483_647);
  return Array.from({ length: count }, (_, i) => ({ nativeId: `id-${Math.floor(random() * 1e9).toString(36)}-${i}`, v: `2024-01-${String(1 + Math.floor(random() * (count / 5))).padStart(3, '0')}` }));
}

const ours = (list: Item[], direction: Direction) => [...list].sort((a, b) => compareKeys({ v: a.v, id: a.nativeId }, { v: b.v, id: b.nativeId }, direction));

/**
 * A vendor list sorted by value only, ties by nativeId *descending* (the opposite of the gateway's
 * tie-break), paged by offset. Counts its reads.
 */
function vendor(list: Item[], direction: Direction): StreamedSource<Item> & { reads: number } {
  const sign = direction === 'asc' ? 1 : -1;
  const sorted = [...list].sort((a, b) => (a.v < b.v ? -sign : a.v > b.v ? sign : a.nativeId < b.nativeId ? 1 : -1));
  const source = {
    kind: 'streamed' as const,
    reads: 0,
    async read(continuation: string | undefined, limit: number) {
      source.reads += 1;
      const offset = continuation === undefined ? 0 : Number(continuation);
      const next = offset + limit;
      return { items: sorted.slice(offset, next), ...(next < sorted.length && { next: String(next) }) };
    },
  };
  return source;
}

function request(over: Partial<MergedPageRequest<Item>> & Pick<MergedPageRequest<Item>, 'sources' | 'pageSize'>): MergedPageRequest<Item> {
  return { direction: 'asc', keyOf: (item) => ({ v: item.v, id: item.nativeId }), accept: () => true, log: silentLogger, ...over };
}

async function walk(make: (cursor: string | undefined) => MergedPageRequest<Item>): Promise<{ items: Item[]; pages: number }> {
  const seen: Item[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await readMergedPage(make(cursor));
    seen.push(...page.items);
    cursor = page.cursor;
    pages += 1;
    if (pages > 10_000) throw new Error('the walk did not end');
  } while (cursor !== undefined);
  return { items: seen, pages };
}

describe(readMergedPage.name, () => {
  const list = items(400);

  it.each([
    ['asc', 1],
    ['asc', 7],
    ['asc', 50],
    ['asc', 60],
    ['desc', 1],
    ['desc', 7],
    ['desc', 500],
  ] as const)('hands out a vendor list whose ties come the other way in (value, nativeId) order, %s, page size %d', async (direction, pageSize) => {
    const source = vendor(list, direction);
    const { items: walked } = await walk((cursor) => request({ sources: [source], pageSize, cursor, direction }));
    expect(walked.map((i) => i.nativeId)).toEqual(ours(list, direction).map((i) => i.nativeId));
  });

  it('merges a streamed source with one read whole, in one order, each item once', async () => {
    const restores = items(30, 99).map((item) => ({ ...item, nativeId: `r-${item.nativeId}` }));
    for (const direction of ['asc', 'desc'] as const) {
      const source = vendor(list, direction);
      const { items: walked } = await walk((cursor) => request({ sources: [source, { kind: 'whole', readAll: async () => restores }], pageSize: 7, cursor, direction }));
      expect(walked.map((i) => i.nativeId)).toEqual(ours([...list, ...restores], direction).map((i) => i.nativeId));
    }
  });

  it('reads a bounded number of vendor pages per page, however deep', async () => {
    const long = items(5_000, 3);
    const source = vendor(long, 'desc');
    const reads: number[] = [];
    await walk((cursor) => {
      reads.push(source.reads);
      return request({ sources: [source], pageSize: 50, cursor, direction: 'desc' });
    });
    const perPage = reads.slice(1).map((total, i) => total - reads[i]);
    expect(Math.max(...perPage)).toBeLessThanOrEqual(3);
  });

  it('applies the filter to each vendor page and moves on through pages it empties', async () => {
    const source = vendor(list, 'asc');
    const wanted = (item: Item) => item.nativeId.endsWith('7');
    const { items: walked } = await walk((cursor) => request({ sources: [source], pageSize: 5, cursor, accept: wanted }));
    expect(walked.map((i) => i.nativeId)).toEqual(ours(list, 'asc').filter(wanted).map((i) => i.nativeId));
  });

  it('ends the list at the first item beyond a bound, without a cursor', async () => {
    const bound = ours(list, 'asc')[120].v;
    const source = vendor(list, 'asc');
    const { items: walked, pages } = await walk((cursor) => request({ sources: [source], pageSize: 40, cursor, beyond: (item) => item.v >= bound }));
    expect(walked.map((i) => i.nativeId)).toEqual(ours(list, 'asc').filter((i) => i.v < bound).map((i) => i.nativeId));
    expect(pages).toBeLessThanOrEqual(4);
  });

  it('reads a source whole once it comes back out of order, and says so', async () => {
    const shuffled = [...list].reverse(); // "ascending" pages that go down: another collation, say
    const warnings: string[] = [];
    const log = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
    const source: StreamedSource<Item> = {
      kind: 'streamed',
      async read(continuation, limit) {
        const offset = continuation === undefined ? 0 : Number(continuation);
        return { items: shuffled.slice(offset, offset + limit), ...(offset + limit < shuffled.length && { next: String(offset + limit) }) };
      },
    };
    const { items: walked } = await walk((cursor) => request({ sources: [source], pageSize: 7, cursor, log }));
    expect(walked.map((i) => i.nativeId)).toEqual(ours(list, 'asc').map((i) => i.nativeId));
    expect(warnings[0]).toMatch(/out of the requested order/);
  });

  it('answers an empty list as one page without a cursor and refuses a foreign cursor', async () => {
    expect(await readMergedPage(request({ sources: [vendor([], 'asc')], pageSize: 5 }))).toEqual({ items: [] });
    await expect(readMergedPage(request({ sources: [vendor(list, 'asc')], pageSize: 5, cursor: 'garbage' }))).rejects.toMatchObject({ code: 'validation_failed' });
    const { cursor } = await readMergedPage(request({ sources: [vendor(list, 'asc')], pageSize: 5 }));
    await expect(readMergedPage(request({ sources: [vendor(list, 'asc'), vendor(list, 'asc')], pageSize: 5, cursor }))).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
