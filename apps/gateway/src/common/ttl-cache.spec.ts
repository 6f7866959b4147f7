import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  it('answers what was stored until it expires', () => {
    let now = 1_000;
    const cache = new TtlCache<string>(4, 100, () => now);
    cache.set('a', 'page a');
    expect(cache.get('a')).toBe('page a');
    now += 99;
    expect(cache.get('a')).toBe('page a');
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps at most maxEntries, evicting the least recently used', () => {
    const cache = new TtlCache<number>(2, 10_000);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('loads what it does not hold, keeps it, and forgets a deleted key', async () => {
    const cache = new TtlCache<string>(4, 10_000);
    let loads = 0;
    const load = async () => `value ${++loads}`;
    expect(await cache.getOrLoad('k', load)).toBe('value 1');
    expect(await cache.getOrLoad('k', load)).toBe('value 1');
    cache.delete('k');
    expect(await cache.getOrLoad('k', load)).toBe('value 2');
    expect(await cache.getOrLoad('missing', async () => undefined)).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it('stores nothing when sized 0', () => {
    const cache = new TtlCache<number>(0, 10_000);
    cache.set('a', 1);
    expect(cache.get('a')).toBeUndefined();
  });
});
