/**
 * The vendor pages a walk will read again. A page token resumes each connection at the page it
 * was on plus a count of items already given, so the next request of a walk fetches that page
 * again only to skip into it; across four connections that is up to four vendor reads per item.
 * Keeping the last pages for a short while lets a continuing walk take them from memory instead.
 * First pages (requests without a page token) always go to the vendor, so new objects show at once.
 */
export class SourcePageCache<P> {
  private readonly entries = new Map<string, { page: P; expiresAt: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): P | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    // Map order is the eviction order: a hit moves to the back.
    this.entries.set(key, entry);
    return entry.page;
  }

  set(key: string, page: P): void {
    if (this.maxEntries <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { page, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
