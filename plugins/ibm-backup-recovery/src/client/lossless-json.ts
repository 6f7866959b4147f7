import { stringify } from 'lossless-json';

/**
 * Whether the text may hold a JSON number JSON.parse would round: an integer token of 17 or more
 * digits, or of 16 starting with 9 (2^53 is 9007199254740992). Digits inside strings (run ids end in
 * 16-digit µs times) are followed by a quote, not by `,`, `}` or `]`, and do not count.
 */
const UNSAFE_INTEGER_TOKEN = /[:,[]\s*-?(?:\d{17,}|9\d{15})\s*[,}\]]/;

/** JSON.parse's reviver with the source text of each value (V8's JSON.parse source text access). */
const unsafeIntegersAsDigits = (_key: string, value: unknown, context?: { source?: string }): unknown =>
  typeof value === 'number' && !Number.isSafeInteger(value) && context?.source !== undefined && /^-?\d+$/.test(context.source) ? context.source : value;

/**
 * Integers JSON.parse would round (int64 ids beyond 2^53) stay as their digits, in a string. Only a
 * payload that may hold one pays for the reviver; a JavaScript JSON parser such as lossless-json
 * would cost several times JSON.parse on every page of runs.
 */
export function parseIbmJson(text: string): unknown {
  return UNSAFE_INTEGER_TOKEN.test(text) ? JSON.parse(text, unsafeIntegersAsDigits) : JSON.parse(text);
}

export function stringifyIbmJson(value: unknown): string {
  return stringify(value) ?? 'null';
}
