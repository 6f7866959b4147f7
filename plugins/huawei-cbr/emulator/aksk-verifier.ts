import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { EmulatorRequest } from '@backbridge/emulator-kit';

/**
 * Verifies SDK-HMAC-SHA256 signatures the way Huawei's API gateway does: recompute the canonical
 * request from what arrived (method, path with a trailing '/', sorted RFC 3986 query, the headers
 * named in SignedHeaders, the SHA-256 of the body bytes), then the HMAC with the AK's secret.
 * Written independently of the plugin's signer: the emulator only knows the published algorithm.
 */
const MAX_SKEW_MS = 15 * 60_000;

export type AkSkVerdict = { ok: true; ak: string } | { ok: false; reason: string };

const encode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function canonicalRequest(request: EmulatorRequest, signedHeaders: string[]): string | undefined {
  const uri = request.path.split('/').map((s) => encode(safeDecode(s))).join('/');
  const pairs = [...request.query.entries()].map(([k, v]) => [encode(k), encode(v)]);
  pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const headerLines: string[] = [];
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) return undefined;
    headerLines.push(`${name}:${value.trim()}\n`);
  }
  return [
    request.method,
    uri.endsWith('/') ? uri : `${uri}/`,
    pairs.map(([k, v]) => `${k}=${v}`).join('&'),
    headerLines.join(''),
    signedHeaders.join(';'),
    createHash('sha256').update(request.rawBody).digest('hex'),
  ].join('\n');
}

/** `20191115T033655Z` → epoch ms. */
function parseSdkDate(value: string | undefined): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : undefined;
}

export function verifyAkSk(request: EmulatorRequest, secretOf: (ak: string) => string | undefined, now: number): AkSkVerdict {
  const header = request.headers.authorization ?? '';
  const m = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)$/.exec(header);
  if (!m) return { ok: false, reason: 'verify aksk signature fail' };
  const [, ak, signedList, signature] = m;
  const secret = secretOf(ak);
  if (secret === undefined) return { ok: false, reason: 'Get secretKey failed' };
  const signedHeaders = signedList.split(';');
  if (!signedHeaders.includes('x-sdk-date') || !signedHeaders.includes('host')) return { ok: false, reason: 'verify aksk signature fail' };
  const date = parseSdkDate(request.headers['x-sdk-date']);
  if (date === undefined || Math.abs(now - date) > MAX_SKEW_MS) return { ok: false, reason: 'verify aksk signature fail' };
  const canonical = canonicalRequest(request, signedHeaders);
  if (canonical === undefined) return { ok: false, reason: 'verify aksk signature fail' };
  const stringToSign = ['SDK-HMAC-SHA256', request.headers['x-sdk-date'], createHash('sha256').update(canonical).digest('hex')].join('\n');
  const expected = Buffer.from(createHmac('sha256', secret).update(stringToSign).digest('hex'));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'verify aksk signature fail' };
  return { ok: true, ak };
}
