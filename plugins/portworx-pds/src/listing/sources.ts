import type { PdsPaginatedResult } from '../dto/common.dto';
import type { Direction } from './sort-key';
import type { StreamedSource, WholeSource } from './merged-page';

/** A PDS `sort_by` value: the attribute, with the `-` prefix PDS clients use for descending. */
export function sortBy(attribute: string, direction: Direction): string {
  return direction === 'desc' ? `-${attribute}` : attribute;
}

/**
 * A paginated PDS list as a streamed source: `read` asks one page (`limit` is a string in PDS),
 * `toRecords` turns its rows into records (with whatever context they need, for this page only).
 */
export function vendorStream<R, T>(
  read: (query: { limit: string; continuation?: string }) => Promise<PdsPaginatedResult<R>>,
  toRecords: (rows: R[]) => Promise<T[]>,
): StreamedSource<T> {
  return {
    kind: 'streamed',
    async read(continuation, limit) {
      const page = await read({ limit: String(limit), ...(continuation !== undefined && { continuation }) });
      return { items: await toRecords(page.data ?? []), next: page.pagination?.continuation || undefined };
    },
  };
}

export function wholeList<T>(readAll: () => Promise<T[]>): WholeSource<T> {
  return { kind: 'whole', readAll };
}

/** Runs `fn` over `items` with at most `limit` calls at a time (the vendor client queues the rest). */
export async function mapLimit<I, O>(items: readonly I[], limit: number, fn: (item: I) => Promise<O>): Promise<O[]> {
  const results = new Array<O>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
