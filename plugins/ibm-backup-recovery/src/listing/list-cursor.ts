import { ValidationFailedError } from '@backbridge/core';
import { ORDER_KEYS, type OrderKey } from '@backbridge/plugin-sdk';

/** A place in a list: the sort value and nativeId of the last item a walk went past. */
export interface ListPosition {
  value: string;
  nativeId: string;
}

/**
 * What the plugin keeps between pages, as base64url JSON (opaque to the gateway, which signs it).
 * IBM has no page tokens of its own: its positions are times, derived from `after`.
 */
export interface ListCursor {
  order: OrderKey;
  after: ListPosition;
  /** Vendor lists (by source key) that hold nothing after `after`: not asked again. */
  done: string[];
  /** Time-window vendor lists (by source key): the window, in µs, to ask for next. */
  windows: Record<string, number>;
}

interface CursorJson {
  o: OrderKey;
  v: string;
  i: string;
  d?: string[];
  w?: Record<string, number>;
}

export function encodeCursor(cursor: ListCursor): string {
  const json: CursorJson = {
    o: cursor.order,
    v: cursor.after.value,
    i: cursor.after.nativeId,
    ...(cursor.done.length > 0 && { d: cursor.done }),
    ...(Object.keys(cursor.windows).length > 0 && { w: cursor.windows }),
  };
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
}

const invalid = () => ValidationFailedError.field('cursor', 'is not a cursor of this plugin for this order');
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');
const isWindowMap = (value: unknown): value is Record<string, number> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => Number.isSafeInteger(v) && (v as number) > 0);

/** Undefined for the first page; a cursor of another order or another plugin is refused. */
export function decodeCursor(text: string | undefined, order: OrderKey): ListCursor | undefined {
  if (text === undefined) return undefined;
  let json: Partial<CursorJson>;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<CursorJson>;
  } catch {
    throw invalid();
  }
  const ok =
    typeof json === 'object' &&
    json !== null &&
    ORDER_KEYS.includes(json.o as OrderKey) &&
    json.o === order &&
    typeof json.v === 'string' &&
    typeof json.i === 'string' &&
    (json.d === undefined || isStringArray(json.d)) &&
    (json.w === undefined || isWindowMap(json.w));
  if (!ok) throw invalid();
  return { order, after: { value: json.v!, nativeId: json.i! }, done: json.d ?? [], windows: json.w ?? {} };
}
