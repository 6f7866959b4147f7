import { ValidationFailedError } from '@backbridge/core';

/**
 * A list cursor is JSON in base64url, tagged with the list and order it belongs to, so that a cursor
 * is never read as another list's. The gateway keeps it inside its signed page token.
 */
export function encodeCursor(tag: string, state: object): string {
  return Buffer.from(JSON.stringify({ t: tag, ...state }), 'utf8').toString('base64url');
}

export function decodeCursor<T extends object>(tag: string, cursor: string | undefined, valid: (state: Record<string, unknown>) => boolean): T | undefined {
  if (cursor === undefined) return undefined;
  let state: unknown;
  try {
    state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    state = undefined;
  }
  if (state === null || typeof state !== 'object' || (state as { t?: unknown }).t !== tag || !valid(state as Record<string, unknown>)) {
    throw ValidationFailedError.field('cursor', 'is not a cursor of this CPM list and order.');
  }
  return state as T;
}
