import {
  NotFoundError,
  ProblemError,
  RateLimitedError,
  VendorRejectedError,
  VendorTimeoutError,
  VendorUnauthorizedError,
  VendorUnavailableError,
  type ProblemExtras,
  type VendorErrorDetail,
} from '@backbridge/core';
import { extractVendorErrorDetail } from './vendor-error-detail';
import { retryAfterMsOf } from './vendor-failure';
import type { VendorFailure } from './vendor-http-types';

/** What the vendor said about a failure: status plus the code and (redacted) message from its body. */
export function vendorErrorDetailOf(failure: VendorFailure): VendorErrorDetail {
  if (failure.kind === 'network') return { ...(failure.errorCode !== undefined && { code: failure.errorCode }) };
  if (failure.kind === 'timeout') return {};
  return { status: failure.status, ...extractVendorErrorDetail(failure.body) };
}

/**
 * The error table used when a plugin's translateError has nothing to say. Plugins may call it
 * from their own table to handle only the special cases.
 */
export function defaultVendorError(failure: VendorFailure): ProblemError {
  const call = `${failure.method} ${failure.path}`;
  const vendor = vendorErrorDetailOf(failure);
  const extras: ProblemExtras = { vendor };

  if (failure.kind === 'timeout') return new VendorTimeoutError(`The vendor did not answer ${call} in time.`, extras);
  if (failure.kind === 'network') {
    const socketError = vendor.code ? ` (${vendor.code})` : '';
    return new VendorUnavailableError(`Could not reach the vendor for ${call}${socketError}.`, extras);
  }

  const status = failure.status ?? 0;
  const said = vendor.message ? `: ${vendor.message}` : '.';
  switch (status) {
    case 401:
    case 403:
      return new VendorUnauthorizedError(
        `The vendor refused the connection credentials for ${call} (HTTP ${status})${said}`,
        extras,
      );
    case 404:
      return new NotFoundError(`The vendor found nothing at ${call}${said}`, extras);
    case 429: {
      const retryAfterSeconds = (retryAfterMsOf(failure) ?? 1000) / 1000;
      return new RateLimitedError(`The vendor is rate limiting ${call}${said}`, retryAfterSeconds, extras);
    }
  }
  if (status >= 500) return new VendorUnavailableError(`The vendor failed ${call} (HTTP ${status})${said}`, extras);
  // 400, 409, 412, 422 and anything unexpected (3xx, 405, 410...).
  return new VendorRejectedError(`The vendor rejected ${call} (HTTP ${status})${said}`, extras);
}

/**
 * Adds what every vendor error must carry (vendor detail, provider, connection, cause), without
 * overwriting what a plugin's own table already set.
 */
export function withVendorContext(
  error: ProblemError,
  context: { plugin: string; connectionId: string; vendor?: VendorErrorDetail; cause?: unknown },
): ProblemError {
  const extras = error.extras as ProblemExtras;
  extras.vendor ??= context.vendor ?? {};
  error.withOrigin(context.plugin, context.connectionId);
  if (context.cause !== undefined && extras.cause === undefined) {
    extras.cause = context.cause;
    if ((error as { cause?: unknown }).cause === undefined) {
      Object.defineProperty(error, 'cause', { value: context.cause, writable: true, configurable: true });
    }
  }
  return error;
}
