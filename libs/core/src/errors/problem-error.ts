/**
 * Transport-free errors with a stable `code`. Only the gateway's exception filter turns them into
 * RFC 9457 problem+json; services and plugins throw these, never HTTP exceptions.
 */
export type ProblemCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'provider_disabled'
  | 'idempotency_key_reused'
  | 'vendor_rejected'
  | 'rate_limited'
  | 'capability_not_supported'
  | 'vendor_unavailable'
  | 'vendor_timeout'
  | 'internal';

export interface FieldError {
  field: string;
  message: string;
}

/** What the vendor said, with secrets already redacted by whoever built it. */
export interface VendorErrorDetail {
  status?: number;
  code?: string;
  message?: string;
}

export interface ProblemExtras {
  errors?: FieldError[];
  provider?: string;
  connection?: string;
  vendor?: VendorErrorDetail;
  /** Seconds, for rate_limited. */
  retryAfter?: number;
  capability?: string;
  operation?: string;
  cause?: unknown;
}

const STATUS: Record<ProblemCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  provider_disabled: 409,
  idempotency_key_reused: 422,
  vendor_rejected: 422,
  rate_limited: 429,
  capability_not_supported: 501,
  vendor_unavailable: 502,
  vendor_timeout: 504,
  internal: 500,
};

const TITLE: Record<ProblemCode, string> = {
  validation_failed: 'Validation failed',
  unauthenticated: 'Unauthenticated',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  conflict: 'Conflict',
  provider_disabled: 'Provider disabled',
  idempotency_key_reused: 'Idempotency key reused',
  vendor_rejected: 'Rejected by the vendor',
  rate_limited: 'Rate limited',
  capability_not_supported: 'Capability not supported',
  vendor_unavailable: 'Vendor unavailable',
  vendor_timeout: 'Vendor timeout',
  internal: 'Internal error',
};

export function statusOf(code: ProblemCode): number {
  return STATUS[code];
}

export function titleOf(code: ProblemCode): string {
  return TITLE[code];
}

export class ProblemError extends Error {
  readonly status: number;
  readonly title: string;
  readonly extras: ProblemExtras;

  constructor(
    readonly code: ProblemCode,
    detail: string,
    extras: ProblemExtras = {},
  ) {
    super(detail, extras.cause === undefined ? undefined : { cause: extras.cause });
    this.name = new.target.name;
    this.status = STATUS[code];
    this.title = TITLE[code];
    this.extras = extras;
  }

  get detail(): string {
    return this.message;
  }

  /** A copy that also names the provider and connection the error came from. */
  withOrigin(provider: string, connection: string): this {
    (this.extras as ProblemExtras).provider ??= provider;
    (this.extras as ProblemExtras).connection ??= connection;
    return this;
  }
}

export class ValidationFailedError extends ProblemError {
  constructor(detail: string, errors?: FieldError[]) {
    super('validation_failed', detail, { errors });
  }

  static field(field: string, message: string): ValidationFailedError {
    return new ValidationFailedError(`${field}: ${message}`, [{ field, message }]);
  }
}

export class UnauthenticatedError extends ProblemError {
  constructor(detail = 'A valid bearer token is required.') {
    super('unauthenticated', detail);
  }
}

export class ForbiddenError extends ProblemError {
  constructor(detail: string) {
    super('forbidden', detail);
  }
}

export class NotFoundError extends ProblemError {
  constructor(detail: string, extras: ProblemExtras = {}) {
    super('not_found', detail, extras);
  }
}

export class ConflictError extends ProblemError {
  constructor(detail: string, extras: ProblemExtras = {}) {
    super('conflict', detail, extras);
  }
}

export class ProviderDisabledError extends ProblemError {
  constructor(provider: string) {
    super('provider_disabled', `Provider '${provider}' is disabled; enable it with PATCH /v1/providers/${provider}.`, {
      provider,
    });
  }
}

export class IdempotencyKeyReusedError extends ProblemError {
  constructor() {
    super(
      'idempotency_key_reused',
      'This Idempotency-Key was already used with a different request; use a new key for a new request.',
    );
  }
}

export class VendorRejectedError extends ProblemError {
  constructor(detail: string, extras: ProblemExtras = {}) {
    super('vendor_rejected', detail, extras);
  }
}

export class RateLimitedError extends ProblemError {
  constructor(detail: string, retryAfterSeconds: number, extras: ProblemExtras = {}) {
    super('rate_limited', detail, { ...extras, retryAfter: Math.max(1, Math.ceil(retryAfterSeconds)) });
  }
}

export class CapabilityNotSupportedError extends ProblemError {
  constructor(provider: string, capability: string) {
    super('capability_not_supported', `Provider '${provider}' does not support ${capability}.`, {
      provider,
      capability,
    });
  }
}

export class VendorUnavailableError extends ProblemError {
  constructor(detail: string, extras: ProblemExtras = {}) {
    super('vendor_unavailable', detail, extras);
  }
}

/** The vendor refused the connection's credentials: an operator must fix the connection. */
export class VendorUnauthorizedError extends VendorUnavailableError {
  constructor(detail = 'The vendor refused the connection credentials.', extras: ProblemExtras = {}) {
    super(detail, extras);
  }
}

export class VendorTimeoutError extends ProblemError {
  constructor(detail: string, extras: ProblemExtras = {}) {
    super('vendor_timeout', detail, extras);
  }
}
