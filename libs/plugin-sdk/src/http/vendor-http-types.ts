import type { ProblemError } from '@backbridge/core';
import type { PluginLogger } from '../logger';
import type { VendorCallObserver } from '../plugin';

export type VendorHttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type VendorQueryValue = string | number | boolean | undefined | null | (string | number)[];
export type VendorQuery = Record<string, VendorQueryValue>;

/** How array query values go on the wire: `ids=1,2` (comma) or `ids=1&ids=2` (repeat). */
export type QueryArrayFormat = 'comma' | 'repeat';

export interface VendorRequest {
  method: VendorHttpMethod;
  /** Relative to the client's baseURL; the caller encodes path segments. */
  path: string;
  query?: VendorQuery;
  /** Objects are serialized as JSON; strings and bytes are sent as they are. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Default: true for GET/PUT/DELETE, false for POST/PATCH. Only idempotent calls are retried. */
  idempotent?: boolean;
  /** Per attempt; overrides the client's timeoutMs. */
  timeoutMs?: number;
  /** Name reported to metrics and logs; default: the HTTP method. */
  operation?: string;
  /** Overrides the client's arrayFormat for this call. */
  arrayFormat?: QueryArrayFormat;
}

/** The options of the get/post/put/patch/delete shorthands. */
export type VendorRequestOptions = Omit<VendorRequest, 'method' | 'path' | 'body'>;

export interface VendorResponse<T> {
  status: number;
  data: T;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
}

/** The request exactly as it will go on the wire, for VendorAuth to sign. */
export interface VendorRequestToSign {
  readonly method: VendorHttpMethod;
  /** Absolute URL including the query string. */
  readonly url: string;
  /** Mutable: add Authorization, signature and date headers here. */
  headers: Record<string, string>;
  /** The exact bytes that will be sent; undefined when there is no body. */
  readonly body: string | Uint8Array | undefined;
}

export interface VendorAuth {
  /** Adds whatever the vendor needs (Authorization header, signature headers) to the outgoing request; may fetch and cache a token. */
  authorize(request: VendorRequestToSign): Promise<void>;
  /** Drops the cached token; the client calls this after a 401 and then authorizes and retries once. */
  invalidate(): void;
}

export type VendorFailureKind = 'http' | 'timeout' | 'network';

/** A failed vendor call, as given to a plugin's error table. */
export interface VendorFailure {
  kind: VendorFailureKind;
  /** Set when kind is 'http'. */
  status?: number;
  /** Parsed with parseJson when it is JSON, else the raw text; undefined when empty. */
  body?: unknown;
  headers: Record<string, string>;
  method: VendorHttpMethod;
  path: string;
  /** For network failures: the socket error code (ECONNREFUSED, ENOTFOUND, ...). */
  errorCode?: string;
}

/** A plugin's vendor-specific error table; return undefined to fall back to the default table. */
export type TranslateVendorError = (failure: VendorFailure) => ProblemError | undefined;

export interface VendorRetryOptions {
  /** Attempts in total, the first one included. Default 8. */
  maxAttempts?: number;
  /** Ceiling of the first backoff (full jitter, doubling per attempt). Default 100. */
  initialDelayMs?: number;
  /** Caps the backoff. A Retry-After longer than this is not waited for: the 429 is answered. Default 5000. */
  maxDelayMs?: number;
}

export interface VendorCircuitBreakerOptions {
  /** Consecutive 5xx, network errors or timeouts that open the circuit. Default 10. */
  consecutiveFailures?: number;
  /** How long the circuit stays open before one trial call. Default 30000. */
  halfOpenAfterMs?: number;
}

export interface VendorHttpClientOptions {
  /** Plugin id, for metrics and errors. */
  plugin: string;
  connectionId: string;
  baseURL: string;
  /** Per attempt. Default 30000. */
  timeoutMs?: number;
  /** Sent with every request (request headers win). */
  headers?: Record<string, string>;
  auth?: VendorAuth;
  translateError?: TranslateVendorError;
  retry?: VendorRetryOptions;
  circuitBreaker?: VendorCircuitBreakerOptions;
  /** Concurrent calls per client (bulkhead). Default 16. */
  maxConcurrent?: number;
  /** Calls that may wait for a free slot before being refused. Default 256. */
  maxQueued?: number;
  /** Default 'comma'. */
  arrayFormat?: QueryArrayFormat;
  /** E.g. a big-integer-safe parser. Default JSON.parse. */
  parseJson?: (text: string) => unknown;
  /** Counterpart of parseJson for request bodies. Default JSON.stringify. */
  stringifyJson?: (value: unknown) => string;
  logger?: PluginLogger;
  observe?: VendorCallObserver;
  /** Extra field names to redact in logs. */
  redactKeys?: string[];
}
