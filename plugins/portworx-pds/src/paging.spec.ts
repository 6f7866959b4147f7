import type { OrderBy } from '@backbridge/core';
import { byNameOrCreated, pageSorted } from './paging';

type Item = { nativeId: string; name: string; createdAt?: string };
const item = (nativeId: string, name: string, createdAt?: string): Item => ({ nativeId, name, createdAt });
const byName: OrderBy = { field: 'name', direction: 'asc' };

describe(pageSorted.name, () => {
  it('sorts by the requested key with ties by nativeId ascending, also when descending', () => {
    const items = [item('b', 'x', '2024-01-01T00:00:00.000Z'), item('a', 'x', '2024-01-01T00:00:00.000Z'), item('c', 'w', '2024-02-01T00:00:00.000Z')];
    expect(pageSorted(items, { pageSize: 10, orderBy: byName, filter: {} }, byNameOrCreated).items.map((i) => i.nativeId)).toEqual(['c', 'a', 'b']);
    const desc = pageSorted(items, { pageSize: 10, orderBy: { field: 'createdAt', direction: 'desc' }, filter: {} }, byNameOrCreated);
    expect(desc.items.map((i) => i.nativeId)).toEqual(['c', 'a', 'b']);
    expect(desc.cursor).toBeUndefined();
  });

  it('resumes right after the last item handed out, even when an item was added before it meanwhile', () => {
    const items = [item('1', 'a'), item('2', 'b'), item('3', 'c'), item('4', 'd')];
    const first = pageSorted(items, { pageSize: 2, orderBy: byName, filter: {} }, byNameOrCreated);
    expect(first.items.map((i) => i.name)).toEqual(['a', 'b']);
    const second = pageSorted([item('0', 'aa'), ...items], { pageSize: 2, cursor: first.cursor, orderBy: byName, filter: {} }, byNameOrCreated);
    expect(second.items.map((i) => i.name)).toEqual(['c', 'd']);
    expect(second.cursor).toBeUndefined();
  });

  it('answers an empty list as one page without a cursor and refuses a foreign cursor', () => {
    expect(pageSorted([], { pageSize: 5, orderBy: byName, filter: {} }, byNameOrCreated)).toEqual({ items: [] });
    expect(() => pageSorted([], { pageSize: 5, cursor: 'garbage', orderBy: byName, filter: {} }, byNameOrCreated)).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });
});
