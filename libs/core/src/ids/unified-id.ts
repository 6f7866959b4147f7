import { ValidationFailedError } from '../errors/problem-error';

/** The kinds of vendor objects the gateway names; the prefix makes a misplaced id obvious. */
export const ID_KINDS = {
  resource: 'res',
  policy: 'pol',
  recoveryPoint: 'rp',
  job: 'job',
  vault: 'vlt',
} as const;
export type IdKind = keyof typeof ID_KINDS;

export interface UnifiedIdParts {
  kind: IdKind;
  connectionId: string;
  nativeId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function uuidToBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}

function bytesToUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * `<prefix>_<base64url(16-byte connection uuid + utf-8 native id)>`: opaque, URL-safe, stable
 * (the same object always gets the same id) and reversible without a lookup table.
 */
export function encodeUnifiedId(kind: IdKind, connectionId: string, nativeId: string): string {
  if (!UUID.test(connectionId)) {
    throw new Error(`connection id must be a lowercase uuid, got '${connectionId}'`);
  }
  const body = Buffer.concat([uuidToBytes(connectionId), Buffer.from(nativeId, 'utf8')]);
  return `${ID_KINDS[kind]}_${body.toString('base64url')}`;
}

/** Decodes an id of the expected kind, or throws `validation_failed` naming `field`. */
export function decodeUnifiedId(id: string, kind: IdKind, field = 'id'): UnifiedIdParts {
  const prefix = `${ID_KINDS[kind]}_`;
  const invalid = (why: string) => ValidationFailedError.field(field, why);
  if (typeof id !== 'string' || id.length > 2048) {
    throw invalid('is not a valid id');
  }
  if (!id.startsWith(prefix)) {
    throw invalid(`is not a ${kind} id (expected the '${prefix}' prefix)`);
  }
  const text = id.slice(prefix.length);
  if (!BASE64URL.test(text)) {
    throw invalid('is not a valid id');
  }
  const body = Buffer.from(text, 'base64url');
  // Base64 decoding is lenient; only the canonical spelling of an id is accepted.
  if (body.length <= 16 || body.toString('base64url') !== text) {
    throw invalid('is not a valid id');
  }
  const nativeId = body.subarray(16).toString('utf8');
  if (Buffer.from(nativeId, 'utf8').length !== body.length - 16) {
    throw invalid('is not a valid id');
  }
  return { kind, connectionId: bytesToUuid(body.subarray(0, 16)), nativeId };
}
