import { EmulatorReply, type EmulatorRequest } from '@backbridge/emulator-kit';
import { pdsError } from './errors';

/** `models.PaginatedResult-models_X`: `pagination` is null on the last page. */
export interface PaginatedResult<T> {
  data: T[];
  pagination: { continuation: string } | null;
}

export interface ListSpec {
  /** The attributes `sort_by` accepts for this list ("one of: ..."). */
  sortBy: string[];
  /** Query parameters that filter by the field of the same name (exact match). */
  filters: string[];
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

/**
 * A PDS list: exact-match filters named after fields, `sort_by` with an optional `-` for descending,
 * `limit` as a string, and an opaque `continuation` token. PDS documents no tie order; rows with
 * equal values come in the order they were stored, and in reverse with `-` (as a database reading
 * an index backwards would), so clients cannot count on ties coming by id. One filter pass and one
 * sort per request, whatever the page.
 */
export function paginate<T extends { id: string }>(items: T[], request: EmulatorRequest, spec: ListSpec): PaginatedResult<T> {
  return pageOf(listRows(items, request, spec), request);
}

/** The rows a list request selects, filtered and sorted, before paging. */
export function listRows<T>(items: T[], request: EmulatorRequest, spec: ListSpec): T[] {
  const query = request.query;
  const wanted = spec.filters.flatMap((name) => {
    const value = query.get(name);
    return value === null ? [] : [[name, value] as const];
  });
  const rows = wanted.length === 0 ? items : items.filter((item) => wanted.every(([name, value]) => String((item as Record<string, unknown>)[name]) === value));
  const sortBy = query.get('sort_by');
  const field = sortBy?.replace(/^-/, '') ?? 'created_at';
  if (sortBy !== null && !spec.sortBy.includes(field)) {
    throw new EmulatorReply(pdsError(400, `Invalid sort_by "${sortBy}": must be one of ${spec.sortBy.join(', ')}`));
  }
  // Array.prototype.sort is stable: equal values keep the stored order.
  const keyed = rows.map((item) => ({ item, key: String((item as Record<string, unknown>)[field] ?? '') }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (sortBy?.startsWith('-')) keyed.reverse();
  return keyed.map(({ item }) => item);
}

/** One page of selected rows: `limit` rows from the `continuation` offset. */
export function pageOf<T>(rows: T[], request: EmulatorRequest): PaginatedResult<T> {
  const limit = parseLimit(request.query.get('limit'));
  const offset = parseContinuation(request.query.get('continuation'));
  const next = offset + limit;
  return { data: rows.slice(offset, next), pagination: next < rows.length ? { continuation: Buffer.from(JSON.stringify({ o: next })).toString('base64url') } : null };
}

/**
 * The selected rows of a long list, kept while the list is unchanged, so that walking it costs one
 * sort per distinct query rather than one per page. `version` changes whenever rows come or go.
 */
export class ListViews<T> {
  private readonly views = new Map<string, T[]>();
  private version = -1;

  rows(version: number, request: EmulatorRequest, spec: ListSpec, items: () => T[]): T[] {
    if (version !== this.version) {
      this.views.clear();
      this.version = version;
    }
    const key = JSON.stringify(['sort_by', ...spec.filters].map((name) => request.query.get(name)));
    let rows = this.views.get(key);
    if (rows === undefined) {
      rows = listRows(items(), request, spec);
      if (this.views.size >= MAX_VIEWS) this.views.clear();
      this.views.set(key, rows);
    }
    return rows;
  }
}

const MAX_VIEWS = 32;

function parseLimit(raw: string | null): number {
  if (raw === null || raw === '') return DEFAULT_LIMIT;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new EmulatorReply(pdsError(400, `Invalid limit "${raw}"`));
  return Math.min(Number(raw), MAX_LIMIT);
}

function parseContinuation(raw: string | null): number {
  if (raw === null || raw === '') return 0;
  try {
    const { o } = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
  } catch {
    /* answered below */
  }
  throw new EmulatorReply(pdsError(400, 'Invalid continuation token'));
}
