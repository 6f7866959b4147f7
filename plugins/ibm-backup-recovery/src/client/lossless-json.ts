import { isSafeNumber, parse, stringify } from 'lossless-json';

/** Numbers JSON.parse would round (int64 ids beyond 2^53) stay as their digits, in a string. */
export function parseIbmJson(text: string): unknown {
  return parse(text, null, (digits) => (isSafeNumber(digits) ? Number(digits) : digits));
}

export function stringifyIbmJson(value: unknown): string {
  return stringify(value) ?? 'null';
}
