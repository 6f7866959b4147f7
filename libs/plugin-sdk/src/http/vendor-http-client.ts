import { ProblemError, VendorUnavailableError } from '@backbridge/core';
import axios, { type AxiosInstance } from 'axios';
import { isBrokenCircuitError, isBulkheadRejectedError } from 'cockatiel';
import { silentLogger, type PluginLogger } from '../logger';
import type { ConnectionContext, VendorCallOutcome } from '../plugin';
import { defaultVendorError, vendorErrorDetailOf, withVendorContext } from './default-error-table';
import { redactSecrets, redactText } from './redact-secrets';
import { buildUrl, encodeBody } from './request-encoding';
import { MalformedJsonError, decodeBody, flattenHeaders } from './response-decoding';
import { VendorCallPolicies } from './vendor-call-policies';
import { VendorAttemptError, describeFailure, outcomeOf, scrubbedCause, toVendorFailure } from './vendor-failure';
import type {
  VendorFailure,
  VendorHttpClientOptions,
  VendorHttpMethod,
  VendorQuery,
  VendorRequest,
  VendorRequestOptions,
  VendorRequestToSign,
  VendorResponse,
} from './vendor-http-types';

export * from './vendor-http-types';
export { REDACTED, redactSecrets, redactText } from './redact-secrets';
export { defaultVendorError, vendorErrorDetailOf } from './default-error-table';
export { extractVendorErrorDetail } from './vendor-error-detail';
export { parseRetryAfterMs } from './retry-after';
export { isTransientStatus, retryTransient, type RetryTransientOptions } from './retry-transient';

/**
 * Sized so that a vendor failing one call in four (20 % 5xx, 5 % 429) still answers every
 * idempotent call (0.25^8 ≈ 1.5e-5 per call) without the circuit opening (10 failures in a row
 * ≈ 1e-7 at 20 %), while a vendor that is down opens it within four calls.
 */
export const VENDOR_HTTP_DEFAULTS = {
  timeoutMs: 30_000,
  maxAttempts: 8,
  initialDelayMs: 100,
  maxDelayMs: 5_000,
  consecutiveFailures: 10,
  halfOpenAfterMs: 30_000,
  maxConcurrent: 16,
  maxQueued: 256,
} as const;

/** Calls that a repeat cannot change twice; only these are retried. */
const IDEMPOTENT_METHODS: ReadonlySet<VendorHttpMethod> = new Set(['GET', 'PUT', 'DELETE']);

/** The connection-derived part of the options, so a plugin only adds its id, auth and error table. */
export function connectionHttpOptions(
  connection: ConnectionContext,
): Pick<VendorHttpClientOptions, 'connectionId' | 'baseURL' | 'logger' | 'observe' | 'timeoutMs'> {
  return {
    connectionId: connection.id,
    baseURL: connection.endpoint,
    logger: connection.logger,
    observe: connection.observeVendorCall,
    timeoutMs: connection.timeoutMs,
  };
}

/** A request after encoding: the same URL, headers and bytes for every attempt. */
interface PreparedRequest {
  method: VendorHttpMethod;
  path: string;
  query: VendorQuery | undefined;
  url: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  idempotent: boolean;
  timeoutMs: number;
  operation: string;
}

/**
 * HTTP client for one vendor connection: serializes and signs requests, retries idempotent calls,
 * refreshes credentials once on a 401, guards the vendor with a circuit breaker and a bulkhead,
 * and turns every failure into a ProblemError.
 */
export class VendorHttpClient {
  private readonly http: AxiosInstance;
  private readonly policies: VendorCallPolicies;
  private readonly logger: PluginLogger;
  private readonly parseJson: (text: string) => unknown;
  private readonly stringifyJson: (value: unknown) => string;

  constructor(private readonly options: VendorHttpClientOptions) {
    this.logger = options.logger ?? silentLogger;
    this.parseJson = options.parseJson ?? JSON.parse;
    this.stringifyJson = options.stringifyJson ?? JSON.stringify;
    this.http = axios.create({
      responseType: 'text',
      // The body is already serialized (and maybe signed): axios must send it untouched.
      transformRequest: [(data: unknown) => data],
      // Parsed by parseJson, so that big-integer-safe parsers see the raw text.
      transformResponse: [(data: unknown) => data],
      // Following a redirect would send a signed request to a URL nobody signed, maybe on another host.
      maxRedirects: 0,
      validateStatus: (status) => status >= 200 && status < 300,
      // The timeout policy owns the per-attempt deadline.
      timeout: 0,
    });
    const origin = { plugin: options.plugin, connection: options.connectionId };
    this.policies = new VendorCallPolicies(
      {
        maxAttempts: options.retry?.maxAttempts ?? VENDOR_HTTP_DEFAULTS.maxAttempts,
        initialDelayMs: options.retry?.initialDelayMs ?? VENDOR_HTTP_DEFAULTS.initialDelayMs,
        maxDelayMs: options.retry?.maxDelayMs ?? VENDOR_HTTP_DEFAULTS.maxDelayMs,
        consecutiveFailures: options.circuitBreaker?.consecutiveFailures ?? VENDOR_HTTP_DEFAULTS.consecutiveFailures,
        halfOpenAfterMs: options.circuitBreaker?.halfOpenAfterMs ?? VENDOR_HTTP_DEFAULTS.halfOpenAfterMs,
        maxConcurrent: options.maxConcurrent ?? VENDOR_HTTP_DEFAULTS.maxConcurrent,
        maxQueued: options.maxQueued ?? VENDOR_HTTP_DEFAULTS.maxQueued,
      },
      {
        onRetry: ({ attempt, delayMs, failure }) =>
          this.debug('vendor call will be retried', {
            method: failure.method,
            path: failure.path,
            attempt,
            delayMs,
            failure: describeFailure(failure),
          }),
        onCircuitOpen: (retryAt) => this.logger.warn('vendor circuit opened', { ...origin, retryAt: retryAt.toISOString() }),
        onCircuitClose: () => this.logger.info('vendor circuit closed', origin),
      },
    );
  }

  async request<T = unknown>(request: VendorRequest): Promise<VendorResponse<T>> {
    const prepared = this.prepare(request);
    try {
      const response = await this.policies.run(prepared.idempotent, () => this.sendWithReauthorization(prepared));
      return { status: response.status, headers: response.headers, data: this.decode(response) as T };
    } catch (error) {
      if (isBrokenCircuitError(error)) this.report(prepared, 'circuit_open', 0);
      throw this.toProblem(error, prepared);
    }
  }

  get<T = unknown>(path: string, options: VendorRequestOptions = {}): Promise<VendorResponse<T>> {
    return this.request<T>({ ...options, method: 'GET', path });
  }

  post<T = unknown>(path: string, body?: unknown, options: VendorRequestOptions = {}): Promise<VendorResponse<T>> {
    return this.request<T>({ ...options, method: 'POST', path, body });
  }

  put<T = unknown>(path: string, body?: unknown, options: VendorRequestOptions = {}): Promise<VendorResponse<T>> {
    return this.request<T>({ ...options, method: 'PUT', path, body });
  }

  patch<T = unknown>(path: string, body?: unknown, options: VendorRequestOptions = {}): Promise<VendorResponse<T>> {
    return this.request<T>({ ...options, method: 'PATCH', path, body });
  }

  delete<T = unknown>(path: string, options: VendorRequestOptions = {}): Promise<VendorResponse<T>> {
    return this.request<T>({ ...options, method: 'DELETE', path });
  }

  private prepare(request: VendorRequest): PreparedRequest {
    const encoded = encodeBody(request.body, this.stringifyJson);
    const arrayFormat = request.arrayFormat ?? this.options.arrayFormat ?? 'comma';
    const headers = mergeHeaders(
      { Accept: 'application/json' },
      encoded.contentType === undefined ? {} : { 'Content-Type': encoded.contentType },
      this.options.headers ?? {},
      request.headers ?? {},
    );
    return {
      method: request.method,
      path: request.path,
      query: request.query,
      url: buildUrl(this.options.baseURL, request.path, request.query, arrayFormat),
      headers,
      body: encoded.body,
      idempotent: request.idempotent ?? IDEMPOTENT_METHODS.has(request.method),
      timeoutMs: request.timeoutMs ?? this.options.timeoutMs ?? VENDOR_HTTP_DEFAULTS.timeoutMs,
      operation: request.operation ?? request.method,
    };
  }

  /** A 401 means the vendor did not process the call, so even a POST is sent once more with fresh credentials. */
  private async sendWithReauthorization(prepared: PreparedRequest): Promise<RawResponse> {
    try {
      return await this.sendOnce(prepared);
    } catch (error) {
      const auth = this.options.auth;
      if (!auth || !(error instanceof VendorAttemptError) || error.failure.status !== 401) throw error;
      this.debug('vendor refused the credentials; authorizing again', {
        method: prepared.method,
        path: prepared.path,
      });
      auth.invalidate();
      return this.sendOnce(prepared);
    }
  }

  /** One HTTP exchange, signed afresh (signatures carry timestamps); throws VendorAttemptError. */
  private async sendOnce(prepared: PreparedRequest): Promise<RawResponse> {
    const outgoing: VendorRequestToSign = {
      method: prepared.method,
      url: prepared.url,
      headers: { ...prepared.headers },
      body: prepared.body,
    };
    await this.authorize(outgoing, prepared);
    const started = performance.now();
    try {
      const response = await this.policies.withTimeout(prepared.timeoutMs, (signal) =>
        this.http.request<string>({
          method: outgoing.method,
          url: outgoing.url,
          headers: outgoing.headers,
          data: toWireBody(outgoing.body),
          signal,
        }),
      );
      this.report(prepared, 'ok', secondsSince(started), response.status);
      return { status: response.status, headers: flattenHeaders(response.headers), text: response.data };
    } catch (error) {
      const failure = toVendorFailure(error, prepared, this.parseJson);
      this.report(prepared, outcomeOf(failure), secondsSince(started), failure.status);
      throw new VendorAttemptError(failure, scrubbedCause(error));
    }
  }

  private async authorize(outgoing: VendorRequestToSign, prepared: PreparedRequest): Promise<void> {
    if (!this.options.auth) return;
    try {
      await this.options.auth.authorize(outgoing);
    } catch (error) {
      if (error instanceof ProblemError) throw error;
      const reason = error instanceof Error ? redactText(error.message) : 'unknown error';
      const detail = `Could not authorize ${prepared.method} ${prepared.path} with the vendor: ${reason}`;
      throw new VendorUnavailableError(detail, { vendor: {}, cause: error });
    }
  }

  private decode(response: RawResponse): unknown {
    return decodeBody(response.text ?? '', response.headers['content-type'], this.parseJson);
  }

  /** Every failure leaves as a ProblemError that names the provider and connection. */
  private toProblem(error: unknown, prepared: PreparedRequest): ProblemError {
    const origin = { plugin: this.options.plugin, connectionId: this.options.connectionId };
    if (error instanceof ProblemError) return withVendorContext(error, origin);
    if (error instanceof VendorAttemptError) {
      return withVendorContext(this.translate(error.failure), {
        ...origin,
        vendor: vendorErrorDetailOf(error.failure),
        cause: error.cause,
      });
    }
    const detail = `${prepared.method} ${prepared.path} ${this.localFailureReason(error)}`;
    return withVendorContext(new VendorUnavailableError(detail), { ...origin, cause: error });
  }

  /** Failures on this side of the wire: open circuit, full bulkhead, unreadable answer, bugs. */
  private localFailureReason(error: unknown): string {
    if (isBrokenCircuitError(error)) {
      const retryAt = this.policies.circuitRetryAt;
      const seconds = retryAt && Math.max(0, Math.ceil((retryAt.getTime() - Date.now()) / 1000));
      const until = retryAt ? ` until ${retryAt.toISOString()} (in ${seconds} s)` : '';
      return `was not sent: the circuit to the vendor is open after repeated failures${until}; a trial call goes through after that.`;
    }
    if (isBulkheadRejectedError(error)) {
      return 'was not sent: too many calls to the vendor are already running or queued.';
    }
    if (error instanceof MalformedJsonError) return 'got an answer with malformed JSON from the vendor.';
    return `failed: ${error instanceof Error ? redactText(error.message) : 'unknown error'}`;
  }

  /** The plugin's table first; a table that throws is a plugin bug, so the default table answers instead. */
  private translate(failure: VendorFailure): ProblemError {
    try {
      const translated = this.options.translateError?.(failure);
      if (translated) return translated;
    } catch (error) {
      this.logger.warn('translateError threw; using the default error table', {
        plugin: this.options.plugin,
        error: redactSecrets(error),
      });
    }
    return defaultVendorError(failure);
  }

  private report(prepared: PreparedRequest, outcome: VendorCallOutcome, seconds: number, status?: number): void {
    try {
      this.options.observe?.({ plugin: this.options.plugin, method: prepared.operation, outcome, seconds });
    } catch {
      // Metrics must never fail a vendor call.
    }
    this.debug('vendor call', {
      operation: prepared.operation,
      method: prepared.method,
      path: prepared.path,
      query: prepared.query,
      status,
      outcome,
      durationMs: Math.round(seconds * 1000),
    });
  }

  /** Every debug line goes through redaction: paths and queries may carry tokens too. */
  private debug(message: string, context: Record<string, unknown>): void {
    // Redaction walks the whole context: not worth doing, per vendor call, for a line nobody keeps.
    if (this.logger.isDebugEnabled?.() === false) return;
    const full = { plugin: this.options.plugin, connection: this.options.connectionId, ...context };
    this.logger.debug(message, redactSecrets(full, this.options.redactKeys) as Record<string, unknown>);
  }
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string | undefined;
}

function secondsSince(startedMs: number): number {
  return (performance.now() - startedMs) / 1000;
}

/** axios sends Buffers and strings as they are, but not every Uint8Array. */
function toWireBody(body: string | Uint8Array | undefined): string | Buffer | undefined {
  if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) return body;
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/** Later records win, names compared case-insensitively (HTTP header names are). */
function mergeHeaders(...records: Record<string, string>[]): Record<string, string> {
  const merged = new Map<string, [string, string]>();
  for (const record of records) {
    for (const [name, value] of Object.entries(record)) merged.set(name.toLowerCase(), [name, value]);
  }
  return Object.fromEntries(merged.values());
}
