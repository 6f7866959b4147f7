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
 * A PDS list: exact-match filters named after fields, `sort_by` with an optional `-` for descending
 * (ties by id), `limit` as a string, and an opaque `continuation` token.
 */
export function paginate<T extends { id: string }>(items: T[], request: EmulatorRequest, spec: ListSpec): PaginatedResult<T> {
  const query = request.query;
  let rows = items.filter((item) =>
    spec.filters.every((name) => {
      const wanted = query.get(name);
      return wanted === null || String((item as Record<string, unknown>)[name]) === wanted;
    }),
  );
  const sortBy = query.get('sort_by');
  const field = sortBy?.replace(/^-/, '') ?? 'created_at';
  if (sortBy !== null && !spec.sortBy.includes(field)) {
    throw new EmulatorReply(pdsError(400, `Invalid sort_by "${sortBy}": must be one of ${spec.sortBy.join(', ')}`));
  }
  const descending = sortBy?.startsWith('-') ?? false;
  rows = [...rows].sort((a, b) => {
    const x = String((a as Record<string, unknown>)[field] ?? '');
    const y = String((b as Record<string, unknown>)[field] ?? '');
    const order = x < y ? -1 : x > y ? 1 : 0;
    return (descending ? -order : order) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
  const limit = parseLimit(query.get('limit'));
  const offset = parseContinuation(query.get('continuation'));
  const data = rows.slice(offset, offset + limit);
  const next = offset + limit;
  return { data, pagination: next < rows.length ? { continuation: Buffer.from(JSON.stringify({ o: next })).toString('base64url') } : null };
}

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
