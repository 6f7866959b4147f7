import { ConflictError, type ProblemError, type ProblemExtras, type VendorErrorDetail } from '@backbridge/core';
import { defaultVendorError, redactText, VendorRejectedError, VendorUnavailableError, type VendorFailure } from '@backbridge/plugin-sdk';
import type { CpmErrorBody } from './dto/cpm-dto';

const MAX_MESSAGE = 500;

/** The code and message of CPM's error envelope (§1.10): every field's messages, "field: message" joined. */
export function cpmErrorDetail(body: unknown): { code?: string; message?: string } {
  const entries = (body as CpmErrorBody | undefined)?.errors;
  if (!Array.isArray(entries)) return {};
  const messages: string[] = [];
  let code: string | undefined;
  for (const entry of entries) {
    if (entry === null || typeof entry !== 'object') continue;
    for (const [field, problems] of Object.entries(entry)) {
      for (const problem of Array.isArray(problems) ? problems : []) {
        code ??= problem?.code;
        if (problem?.message) messages.push(field === 'detail' || field === 'non_field_errors' ? problem.message : `${field}: ${problem.message}`);
      }
    }
  }
  const message = messages.length > 0 ? redactText(messages.join('; ')).slice(0, MAX_MESSAGE) : undefined;
  return { ...(code !== undefined && { code }), ...(message !== undefined && { message }) };
}

/**
 * The one table from CPM failures to problems. 400 is the vendor refusing input, 406 an API version
 * the server does not speak, 412 a state that forbids the action (disabled or empty policy, backup
 * not recoverable); 401/403/404/429/5xx follow the SDK's default table, with CPM's own message.
 */
export function translateCpmError(failure: VendorFailure): ProblemError | undefined {
  if (failure.kind !== 'http') return undefined;
  const vendor: VendorErrorDetail = { status: failure.status, ...cpmErrorDetail(failure.body) };
  const call = `${failure.method} ${failure.path}`;
  const said = vendor.message ? `: ${vendor.message}` : '.';
  switch (failure.status) {
    case 400:
      return new VendorRejectedError(`CPM rejected ${call}${said}`, { vendor });
    case 406:
      return new VendorUnavailableError(`The CPM server does not speak API version 1.4.0 (HTTP 406 on ${call}); CPM 3.0.0 or later is needed.`, { vendor });
    case 412:
      return new ConflictError(`CPM refused ${call} in the current state (HTTP 412 Precondition Failed)${said}`, { vendor });
  }
  const fallback = defaultVendorError(failure);
  (fallback.extras as ProblemExtras).vendor = vendor;
  return fallback;
}
