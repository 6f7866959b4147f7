/** Response headers as a plain record: lower-case names, repeated values joined with ', '. */
export function flattenHeaders(headers: unknown): Record<string, string> {
  const source =
    headers && typeof (headers as { toJSON?: unknown }).toJSON === 'function'
      ? (headers as { toJSON(): Record<string, unknown> }).toJSON()
      : ((headers ?? {}) as Record<string, unknown>);
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined || value === null) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return flat;
}

function isJsonContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && /[/+]json\b/i.test(contentType);
}

export class MalformedJsonError extends Error {
  constructor(cause: unknown) {
    super('The vendor sent a response declared as JSON that does not parse.', { cause });
    this.name = 'MalformedJsonError';
  }
}

/**
 * The body of a successful response. Empty -> undefined; declared JSON -> parseJson (throws
 * MalformedJsonError when it does not parse); undeclared -> parsed when it parses, else the text.
 */
export function decodeBody(
  text: string,
  contentType: string | undefined,
  parseJson: (text: string) => unknown,
): unknown {
  if (text.trim() === '') return undefined;
  if (isJsonContentType(contentType)) {
    try {
      return parseJson(text);
    } catch (error) {
      throw new MalformedJsonError(error);
    }
  }
  return contentType === undefined ? parseOrKeepText(text, parseJson) : text;
}

/** The body of an error response: vendors often mislabel those, so never fail on it. */
export function decodeErrorBody(text: unknown, parseJson: (text: string) => unknown): unknown {
  if (typeof text !== 'string') return text ?? undefined;
  if (text.trim() === '') return undefined;
  return parseOrKeepText(text, parseJson);
}

function parseOrKeepText(text: string, parseJson: (text: string) => unknown): unknown {
  try {
    return parseJson(text);
  } catch {
    return text;
  }
}
