import { EmulatorReply, InvalidJson, type EmulatorRequest, type EmulatorResponse } from '@backbridge/emulator-kit';

/** API versions of the reference's version history (§3); another `version=` in Accept is 406. */
export const API_VERSIONS = ['1.0.0', '1.1.0', '1.2.0', '1.3.0', '1.4.0'];
export const CPM_VERSION = '3.0.0';

/** CPM times: GMT with microseconds, as in the reference's samples ("2018-08-01T12:00:00.000000Z"). */
export function cpmTime(ms: number | undefined | null): string | null {
  if (ms === undefined || ms === null) return null;
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** The reference's error envelope (§1.10): an array holding one object keyed by field. */
export function errorBody(field: string, message: string, code: string): unknown {
  return { errors: [{ [field]: [{ message, code }] }] };
}

export function fail(status: number, field: string, message: string, code: string, headers?: Record<string, string>): never {
  throw new EmulatorReply({ status, body: errorBody(field, message, code), headers });
}

export function notFound(): never {
  fail(404, 'detail', 'Not found.', 'not_found');
}

/** 406 for an unknown `version=` media-type parameter (§1.6); no parameter means the latest. */
export function checkAcceptVersion(request: EmulatorRequest): EmulatorResponse | undefined {
  const accept = request.headers.accept ?? '';
  const match = /version\s*=\s*"?([^;,"\s]+)/i.exec(accept);
  if (match && !API_VERSIONS.includes(match[1])) {
    return { status: 406, body: errorBody('detail', `Invalid version in "Accept" header.`, 'not_acceptable') };
  }
  return undefined;
}

/** Path ids are strings of digits; anything else matches no object. */
export function pathId(request: EmulatorRequest, name: string): number {
  const raw = request.params[name];
  if (!/^\d+$/.test(raw ?? '')) notFound();
  return Number(raw);
}

/** A JSON object body, or a form body (the token endpoints' Python sample posts a form). */
export function bodyOf(request: EmulatorRequest): Record<string, unknown> {
  const type = request.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(request.rawBody.toString('utf8')));
  }
  if (request.body === InvalidJson) fail(400, 'detail', 'JSON parse error.', 'parse_error');
  if (request.body === undefined) return {};
  if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
    fail(400, 'non_field_errors', 'Invalid data. Expected a dictionary.', 'invalid');
  }
  return request.body as Record<string, unknown>;
}

/** Collects field errors and answers 400 with all of them at once, as the reference's sample does. */
export class FieldErrors {
  private readonly errors: Record<string, { message: string; code: string }[]> = {};

  add(field: string, message: string, code: string): void {
    (this.errors[field] ??= []).push({ message, code });
  }

  required(body: Record<string, unknown>, field: string): void {
    if (body[field] === undefined || body[field] === null) this.add(field, 'This field is required.', 'required');
  }

  throwIfAny(): void {
    if (Object.keys(this.errors).length > 0) throw new EmulatorReply({ status: 400, body: { errors: [this.errors] } });
  }
}

export function isInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value);
}

/** Names "can only contain alphanumeric characters, underscore and dash". */
export function checkName(errors: FieldErrors, body: Record<string, unknown>, field = 'name'): void {
  const value = body[field];
  if (value === undefined || value === null) return errors.required(body, field);
  if (typeof value !== 'string' || value === '') return errors.add(field, 'This field may not be blank.', 'blank');
  if (!/^[A-Za-z0-9_-]+$/.test(value)) errors.add(field, 'This field contains invalid characters.', 'invalid');
}

/** `ordering=a,-b` over the fields an endpoint lists; unknown fields are ignored. */
export function order<T extends Record<string, unknown>>(items: T[], ordering: string | null, allowed: string[]): T[] {
  return orderBy(items, ordering, Object.fromEntries(allowed.map((field) => [field, (item: T) => item[field]])));
}

type Sortable = string | number | boolean | null | undefined;

/**
 * `ordering=a,-b` over the fields an endpoint lists, each read by its accessor once per item (one
 * sort per request, whatever the list's size); unknown fields are ignored, equal items keep their order.
 */
export function orderBy<T>(items: T[], ordering: string | null, fields: Record<string, (item: T) => unknown>): T[] {
  if (!ordering) return items;
  const keys = ordering
    .split(',')
    .map((k) => k.trim())
    .filter((k) => Object.hasOwn(fields, k.replace(/^-/, '')))
    .map((k) => ({ read: fields[k.replace(/^-/, '')], direction: k.startsWith('-') ? -1 : 1 }));
  if (keys.length === 0) return items;
  const rows = items.map((item) => ({ item, values: keys.map((key) => key.read(item) as Sortable) }));
  rows.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const x = a.values[i];
      const y = b.values[i];
      const direction = keys[i].direction;
      if (x === y) continue;
      if (x === null || x === undefined) return -direction;
      if (y === null || y === undefined) return direction;
      return (x < y ? -1 : 1) * direction;
    }
    return 0;
  });
  return rows.map((row) => row.item);
}

/**
 * Pagination (§1.7): off unless `page_size` is a positive number; then `{count, next, previous, results}`
 * with absolute links built from the request's host. A page past the end is 404 "Invalid page.".
 * `view` renders an item; only the page's items are rendered.
 */
export function paginate<T>(request: EmulatorRequest, items: T[], view: (item: T) => unknown = (item) => item): EmulatorResponse {
  const pageSize = Number(request.query.get('page_size') ?? 0);
  if (!Number.isFinite(pageSize) || pageSize <= 0) return { status: 200, body: items.map(view) };
  const page = Number(request.query.get('page') ?? 1);
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  if (!Number.isInteger(page) || page < 1 || page > pages) fail(404, 'detail', 'Invalid page.', 'not_found');
  const link = (n: number) => {
    const query = new URLSearchParams(request.query);
    query.set('page', String(n));
    return `http://${request.headers.host ?? '127.0.0.1'}${request.path}?${query.toString()}`;
  };
  return {
    status: 200,
    body: {
      count: items.length,
      next: page < pages ? link(page + 1) : null,
      previous: page > 1 ? link(page - 1) : null,
      results: items.slice((page - 1) * pageSize, page * pageSize).map(view),
    },
  };
}
