import { createHash, createHmac } from 'node:crypto';

/**
 * Huawei Cloud SDK-HMAC-SHA256 request signing ("API Request Signing Guide"): a canonical request
 * over method, path (always ending in '/'), sorted query, signed headers and the body hash,
 * hashed into a string to sign, HMAC'd with the secret key. No key derivation (unlike AWS SigV4).
 */
export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';

export interface RequestToSign {
  method: string;
  /** Absolute URL, query included, exactly as sent. */
  url: string;
  /** The headers to sign (names in any case); must include Host and X-Sdk-Date. */
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
}

export interface Signature {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  signedHeaders: string;
  authorization: string;
}

/** RFC 3986 unreserved characters stay; everything else is %XY with upper-case hex. */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Each segment re-encoded; the signed URI always ends in '/' even when the request does not. */
export function canonicalUri(pathname: string): string {
  const encoded = pathname.split('/').map((segment) => rfc3986(decode(segment))).join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

/** name=value pairs, both encoded, sorted by name then value (code point order), joined with '&'. */
export function canonicalQuery(search: string): string {
  const raw = search.startsWith('?') ? search.slice(1) : search;
  if (raw === '') return '';
  const pairs = raw
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const at = part.indexOf('=');
      const name = at < 0 ? part : part.slice(0, at);
      const value = at < 0 ? '' : part.slice(at + 1);
      return [rfc3986(decode(name)), rfc3986(decode(value))] as const;
    });
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function sign(request: RequestToSign, accessKey: string, secretKey: string): Signature {
  const url = new URL(request.url);
  const headers = Object.entries(request.headers)
    .map(([name, value]) => [name.toLowerCase(), value.trim()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const date = headers.find(([name]) => name === 'x-sdk-date')?.[1];
  if (!date) throw new Error('X-Sdk-Date must be set before signing');
  const signedHeaders = headers.map(([name]) => name).join(';');
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.search),
    headers.map(([name, value]) => `${name}:${value}\n`).join(''),
    signedHeaders,
    sha256Hex(request.body ?? ''),
  ].join('\n');
  const stringToSign = [SIGNING_ALGORITHM, date, sha256Hex(canonicalRequest)].join('\n');
  const signature = createHmac('sha256', secretKey).update(stringToSign).digest('hex');
  return {
    canonicalRequest,
    stringToSign,
    signature,
    signedHeaders,
    authorization: `${SIGNING_ALGORITHM} Access=${accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

/** `20191115T033655Z`. */
export function sdkDate(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
