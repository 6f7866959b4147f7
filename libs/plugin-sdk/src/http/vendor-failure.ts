import { isAxiosError } from 'axios';
import { isTaskCancelledError } from 'cockatiel';
import type { VendorCallOutcome } from '../plugin';
import { redactSecrets, redactText } from './redact-secrets';
import { decodeErrorBody, flattenHeaders } from './response-decoding';
import { parseRetryAfterMs } from './retry-after';
import type { VendorFailure, VendorHttpMethod } from './vendor-http-types';

/** Socket errors that mean "no answer in time" rather than "no answer at all". */
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT']);

/**
 * One failed attempt, thrown inside the resilience policies so they can decide on retries and the
 * circuit; the client turns the last one into a ProblemError.
 */
export class VendorAttemptError extends Error {
  constructor(
    readonly failure: VendorFailure,
    cause: unknown,
  ) {
    super(`${failure.method} ${failure.path}: ${describeFailure(failure)}`, { cause });
    this.name = 'VendorAttemptError';
  }
}

export function describeFailure(failure: VendorFailure): string {
  switch (failure.kind) {
    case 'http':
      return `HTTP ${failure.status}`;
    case 'timeout':
      return 'no response in time';
    case 'network':
      return `network error${failure.errorCode ? ` ${failure.errorCode}` : ''}`;
  }
}

/** Turns whatever axios (or the timeout policy) threw for one attempt into a VendorFailure. */
export function toVendorFailure(
  error: unknown,
  request: { method: VendorHttpMethod; path: string },
  parseJson: (text: string) => unknown,
): VendorFailure {
  const base = { method: request.method, path: request.path };
  if (isTaskCancelledError(error)) return { ...base, kind: 'timeout', headers: {} };
  if (isAxiosError(error) && error.response) {
    return {
      ...base,
      kind: 'http',
      status: error.response.status,
      body: decodeErrorBody(error.response.data, parseJson),
      headers: flattenHeaders(error.response.headers),
    };
  }
  const errorCode = socketErrorCode(error);
  const kind = errorCode !== undefined && TIMEOUT_CODES.has(errorCode) ? 'timeout' : 'network';
  return { ...base, kind, headers: {}, ...(errorCode !== undefined && { errorCode }) };
}

function socketErrorCode(error: unknown): string | undefined {
  // axios wraps socket errors as ERR_NETWORK etc.; the OS code (ECONNREFUSED) is on the cause.
  const candidates = [(error as { cause?: { code?: unknown } })?.cause?.code, (error as { code?: unknown })?.code];
  const codes = candidates.filter((candidate): candidate is string => typeof candidate === 'string');
  return codes.find((code) => /^E[A-Z_]+$/.test(code)) ?? codes[0];
}

export function outcomeOf(failure: VendorFailure): VendorCallOutcome {
  if (failure.kind === 'timeout') return 'timeout';
  if (failure.kind === 'network') return 'network_error';
  return (failure.status ?? 0) >= 500 ? 'server_error' : 'client_error';
}

/** What says the vendor is unhealthy (5xx, network, timeouts); a 4xx is the caller's problem. */
export function countsAgainstCircuit(failure: VendorFailure): boolean {
  return failure.kind !== 'http' || (failure.status ?? 0) >= 500;
}

/** Transient failures worth another attempt of an idempotent call. */
export function isTransient(failure: VendorFailure): boolean {
  return countsAgainstCircuit(failure) || failure.status === 429;
}

/** The vendor's own wait hint, honoured on 429 and 503 only. */
export function retryAfterMsOf(failure: VendorFailure): number | undefined {
  if (failure.status !== 429 && failure.status !== 503) return undefined;
  return parseRetryAfterMs(failure.headers['retry-after']);
}

/**
 * The original axios error, kept as `cause`, minus what must never reach a log: request headers
 * (Authorization, signatures), bodies and the socket objects (which hold the raw request head).
 */
export function scrubbedCause(error: unknown): unknown {
  if (!isAxiosError(error)) return error;
  const config = error.config;
  const response = error.response;
  const scrubbed = error as unknown as Record<string, unknown>;
  scrubbed.config = config && {
    method: config.method,
    url: config.url === undefined ? undefined : redactText(config.url),
    headers: redactSecrets(flattenHeaders(config.headers)),
  };
  scrubbed.request = undefined;
  scrubbed.response = response && {
    status: response.status,
    statusText: response.statusText,
    headers: redactSecrets(flattenHeaders(response.headers)),
  };
  return error;
}
