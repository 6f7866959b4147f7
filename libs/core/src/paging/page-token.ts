import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationFailedError } from '../errors/problem-error';

/**
 * Opaque, tamper-evident page tokens: base64url(JSON) + '.' + HMAC-SHA256. The payload is bound
 * to a digest of the query it belongs to, so a token cannot be replayed against other filters.
 */
export class PageTokenCodec {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) {
      throw new Error('page token key must have at least 32 bytes');
    }
  }

  /** A short digest of everything that shapes a list (filters, order, scope). */
  static queryDigest(query: unknown): string {
    return createHash('sha256').update(stableStringify(query)).digest('base64url').slice(0, 22);
  }

  encode<T>(state: T, queryDigest: string): string {
    const body = Buffer.from(JSON.stringify({ q: queryDigest, s: state }), 'utf8').toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  decode<T>(token: string, queryDigest: string, field = 'pageToken'): T {
    const invalid = (why: string) => ValidationFailedError.field(field, why);
    if (typeof token !== 'string' || token.length > 16384) {
      throw invalid('is not a valid page token');
    }
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) {
      throw invalid('is not a valid page token');
    }
    const expected = Buffer.from(this.sign(body), 'utf8');
    const given = Buffer.from(mac, 'utf8');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw invalid('is not a valid page token (altered or issued by another server)');
    }
    let payload: { q?: string; s?: T };
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw invalid('is not a valid page token');
    }
    if (payload.q !== queryDigest) {
      throw invalid('belongs to a list with other filters or order; start again without a page token');
    }
    return payload.s as T;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

/** JSON with sorted object keys, so equal queries digest equally. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(stableStringify).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
