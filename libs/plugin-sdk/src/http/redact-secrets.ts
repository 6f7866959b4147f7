export const REDACTED = '[REDACTED]';

const SECRET_KEY =
  /pass(word)?|secret|token|api[-_]?key|authorization|credential|signature|cookie|x-auth-token|x-subject-token/i;

/** `Bearer abc`, `Basic abc`: keep the scheme so logs still say what kind of credential it was. */
const AUTH_SCHEME_VALUE = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
/** Three base64url parts starting with an encoded `{"`: a JWT, wherever it appears. */
const JWT = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const SECRET_WORD = String.raw`[\w-]*(?:pass(?:word)?|secret|token|api[-_]?key|credential|signature)[\w-]*`;
/** `password=x`, `Signature=x` (query strings, signature headers) inside free text. */
const SECRET_PAIR = new RegExp(String.raw`\b(${SECRET_WORD})=[^\s"',;&]+`, 'gi');
/** `"token": "x"` (JSON echoed inside a message). A bare `password: too short` stays readable. */
const SECRET_JSON_MEMBER = new RegExp(String.raw`"(${SECRET_WORD})"(\s*:\s*)"[^"]*"`, 'gi');

/** Masks credentials that appear inside a string (bearer tokens, JWTs, `secret=...` pairs). */
export function redactText(text: string): string {
  return text
    .replace(JWT, REDACTED)
    .replace(AUTH_SCHEME_VALUE, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(SECRET_PAIR, (_match, key: string) => `${key}=${REDACTED}`)
    .replace(SECRET_JSON_MEMBER, (_match, key: string, colon: string) => `"${key}"${colon}"${REDACTED}"`);
}

/**
 * A deep copy of `value` fit for logs and error messages: values under secret-looking keys become
 * '[REDACTED]', and credentials inside strings are masked. `extraKeys` are more key names
 * (case-insensitive, exact) to redact.
 */
export function redactSecrets(value: unknown, extraKeys: string[] = []): unknown {
  const extra = new Set(extraKeys.map((key) => key.toLowerCase()));
  const isSecretKey = (key: string) => SECRET_KEY.test(key) || extra.has(key.toLowerCase());
  return copyRedacted(value, isSecretKey, new WeakSet());
}

function copyRedacted(value: unknown, isSecretKey: (key: string) => boolean, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime());
  // Bytes are never worth logging and may be a signed payload.
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  // `seen` holds the objects on the current path only, so shared (non-circular) objects are copied twice.
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => copyRedacted(item, isSecretKey, seen));
    const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
    const copy: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      copy[String(key)] = isSecretKey(String(key)) ? REDACTED : copyRedacted(item, isSecretKey, seen);
    }
    return copy;
  } finally {
    seen.delete(value);
  }
}
