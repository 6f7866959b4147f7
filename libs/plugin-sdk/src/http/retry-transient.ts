import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import { VENDOR_HTTP_DEFAULTS } from './vendor-http-client';

export interface RetryTransientOptions {
  /** Attempts in total; default as VendorHttpClient's. */
  maxAttempts?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Retries `call` while `isTransient(error)` says its failure may pass, with VendorHttpClient's
 * backoff (exponential, jittered). For the few vendor calls that cannot go through
 * VendorHttpClient, such as a token request made by a vendor's own SDK; use it only for calls
 * that are safe to repeat.
 */
export async function retryTransient<T>(call: () => Promise<T>, isTransient: (error: unknown) => boolean, options: RetryTransientOptions = {}): Promise<T> {
  const policy = retry(
    handleWhen((error) => isTransient(error)),
    {
      maxAttempts: Math.max(0, (options.maxAttempts ?? VENDOR_HTTP_DEFAULTS.maxAttempts) - 1),
      backoff: new ExponentialBackoff({
        initialDelay: options.initialDelayMs ?? VENDOR_HTTP_DEFAULTS.initialDelayMs,
        maxDelay: options.maxDelayMs ?? VENDOR_HTTP_DEFAULTS.maxDelayMs,
      }),
    },
  );
  return policy.execute(() => call());
}

/** A failure an HTTP status says may pass: none (the network), 429 or 5xx. */
export function isTransientStatus(status: number | undefined): boolean {
  return status === undefined || status === 429 || status >= 500;
}
