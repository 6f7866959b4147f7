import { redactText } from './redact-secrets';

/** Longest vendor message kept in an error; longer ones are cut. */
const MAX_MESSAGE_LENGTH = 500;

const CODE_KEYS = ['code', 'error_code', 'errorCode', 'error_id', 'errorId'];
const MESSAGE_KEYS = [
  'message',
  'error_msg',
  'errorMessage',
  'error_message',
  'error_description',
  'msg',
  'detail',
  'description',
  'title',
];

/**
 * The vendor's own error code and message, from the common body shapes: `{code,message}`,
 * `{error_code,error_msg}`, `{errorCode,message}`, `{error:{code,message}}`, `{error:'x',error_description}`,
 * `{errors:[{code,message}]}`, or a plain-text body (HTML pages are ignored). The message is redacted and shortened.
 */
export function extractVendorErrorDetail(body: unknown): { code?: string; message?: string } {
  // An HTML error page (proxy, load balancer) says nothing a caller can use.
  if (typeof body === 'string') return /^\s*</.test(body) ? {} : definedOnly({ message: body });
  if (!isRecord(body)) return {};

  const nested = firstRecord(body.error) ?? firstRecord(body.errors) ?? firstRecord(body.fault);
  const code = pickText(body, CODE_KEYS) ?? (nested && pickText(nested, CODE_KEYS));
  const message = pickText(body, MESSAGE_KEYS) ?? (nested && pickText(nested, MESSAGE_KEYS));
  // A string `error` is an OAuth-style code next to a description, or the whole message on its own.
  const errorText = textOf(body.error) ?? textOf(body.errors);
  if (errorText !== undefined && message === undefined) return definedOnly({ code, message: errorText });
  return definedOnly({ code: code ?? errorText, message });
}

function definedOnly(detail: { code?: string; message?: string }): { code?: string; message?: string } {
  const code = detail.code === undefined ? undefined : cleanMessage(detail.code);
  const message = detail.message === undefined ? undefined : cleanMessage(detail.message);
  return { ...(code !== undefined && { code }), ...(message !== undefined && { message }) };
}

function cleanMessage(text: string): string | undefined {
  const trimmed = redactText(text.trim());
  if (trimmed === '') return undefined;
  return trimmed.length > MAX_MESSAGE_LENGTH ? `${trimmed.slice(0, MAX_MESSAGE_LENGTH)}…` : trimmed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstRecord(value: unknown): Record<string, unknown> | undefined {
  if (Array.isArray(value)) return value.find(isRecord);
  return isRecord(value) ? value : undefined;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

function pickText(record: Record<string, unknown>, keys: string[]): string | undefined {
  for (const key of keys) {
    const text = textOf(record[key]);
    if (text !== undefined && text.trim() !== '') return text;
  }
  return undefined;
}
