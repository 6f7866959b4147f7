import type { QueryArrayFormat, VendorQuery } from './vendor-http-types';

/** baseURL + path + query string, the URL that is both signed and sent. */
export function buildUrl(
  baseURL: string,
  path: string,
  query: VendorQuery | undefined,
  arrayFormat: QueryArrayFormat,
): string {
  const joined = path === '' ? baseURL : `${baseURL.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  const queryString = encodeQuery(query, arrayFormat);
  if (queryString === '') return joined;
  return `${joined}${joined.includes('?') ? '&' : '?'}${queryString}`;
}

/** Undefined, null and empty arrays are left out; array items are encoded one by one so the commas stay literal. */
export function encodeQuery(query: VendorQuery | undefined, arrayFormat: QueryArrayFormat): string {
  if (!query) return '';
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const name = encodeURIComponent(key);
    if (!Array.isArray(value)) {
      pairs.push(`${name}=${encodeURIComponent(String(value))}`);
    } else if (value.length > 0 && arrayFormat === 'comma') {
      pairs.push(`${name}=${value.map((item) => encodeURIComponent(String(item))).join(',')}`);
    } else {
      for (const item of value) pairs.push(`${name}=${encodeURIComponent(String(item))}`);
    }
  }
  return pairs.join('&');
}

export interface EncodedBody {
  /** Exactly what goes on the wire. */
  body: string | Uint8Array | undefined;
  /** Set when the client chose the encoding (JSON, form); undefined for caller-provided strings and bytes. */
  contentType?: string;
}

/** Serializes the body once, so that the bytes a signer sees are the bytes that are sent. */
export function encodeBody(body: unknown, stringifyJson: (value: unknown) => string): EncodedBody {
  if (body === undefined) return { body: undefined };
  if (typeof body === 'string' || body instanceof Uint8Array) return { body };
  if (body instanceof URLSearchParams) {
    return { body: body.toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  return { body: stringifyJson(body), contentType: 'application/json' };
}
