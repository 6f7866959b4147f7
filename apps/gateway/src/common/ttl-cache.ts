/**
 * At most `maxEntries` values, each for `ttlMs`, least recently used out first. What an instance
 * may keep of what it read for a moment: vendor pages a walk reads again, rows read on every
 * request (connections, API keys, plugin enablement).
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    // Map order is the eviction order: a hit moves to the back.
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    if (this.maxEntries <= 0 || this.ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  /** The cached value, or what `load` gives (kept when it is not undefined). */
  async getOrLoad(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const kept = this.get(key);
    if (kept !== undefined) return kept;
    const loaded = await load();
    if (loaded !== undefined) this.set(key, loaded);
    return loaded;
  }

  get size(): number {
    return this.entries.size;
  }
}
