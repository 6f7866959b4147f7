import {
  BulkheadPolicy,
  CircuitBreakerPolicy,
  ConsecutiveBreaker,
  DelegateBackoff,
  RetryPolicy,
  TaskCancelledError,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  type IRetryBackoffContext,
} from 'cockatiel';
import { VendorAttemptError, countsAgainstCircuit, isTransient, retryAfterMsOf } from './vendor-failure';
import type { VendorFailure } from './vendor-http-types';

export interface VendorCallPolicySettings {
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  consecutiveFailures: number;
  halfOpenAfterMs: number;
  maxConcurrent: number;
  maxQueued: number;
}

export interface VendorCallPolicyEvents {
  onRetry(retry: { attempt: number; delayMs: number; failure: VendorFailure }): void;
  onCircuitOpen(retryAt: Date): void;
  onCircuitClose(): void;
}

/** Source of randomness for the backoff jitter; tests may pin it. */
export type Random = () => number;

function attemptFailure(error: unknown): VendorFailure | undefined {
  return error instanceof VendorAttemptError ? error.failure : undefined;
}

/**
 * The cockatiel policies of one client: retries (idempotent calls only) around a bulkhead around
 * a consecutive-failure circuit breaker, each attempt under its own timeout.
 */
export class VendorCallPolicies {
  private readonly retryPolicy: RetryPolicy;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly bulkhead: BulkheadPolicy;
  private retryAt: Date | undefined;

  constructor(
    private readonly settings: VendorCallPolicySettings,
    private readonly events: VendorCallPolicyEvents,
    private readonly random: Random = Math.random,
  ) {
    const transient = handleWhen((error) => {
      const failure = attemptFailure(error);
      // A vendor asking for a longer wait than we would back off gets its 429 passed on, Retry-After included.
      return failure !== undefined && isTransient(failure) && !((retryAfterMsOf(failure) ?? 0) > settings.maxDelayMs);
    });
    this.retryPolicy = retry(transient, {
      // cockatiel counts retries, the option counts attempts.
      maxAttempts: Math.max(0, settings.maxAttempts - 1),
      backoff: new DelegateBackoff((context: IRetryBackoffContext<unknown>) => this.retryDelayMs(context)),
    });
    this.retryPolicy.onRetry((event) => {
      const failure = 'error' in event ? attemptFailure(event.error) : undefined;
      if (failure) this.events.onRetry({ attempt: event.attempt, delayMs: event.delay, failure });
    });

    const unhealthy = handleWhen((error) => {
      const failure = attemptFailure(error);
      return failure !== undefined && countsAgainstCircuit(failure);
    });
    this.breaker = circuitBreaker(unhealthy, {
      halfOpenAfter: settings.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(settings.consecutiveFailures),
    });
    this.breaker.onBreak(() => {
      this.retryAt = new Date(Date.now() + settings.halfOpenAfterMs);
      this.events.onCircuitOpen(this.retryAt);
    });
    this.breaker.onReset(() => {
      this.retryAt = undefined;
      this.events.onCircuitClose();
    });

    this.bulkhead = bulkhead(settings.maxConcurrent, settings.maxQueued);
  }

  /**
   * Runs a call. The circuit is checked after the bulkhead so that calls queued while it opened
   * fail fast too; retries go back through both.
   */
  run<T>(idempotent: boolean, attempt: () => Promise<T>): Promise<T> {
    const guarded = () => this.bulkhead.execute(() => this.breaker.execute(attempt));
    return idempotent ? this.retryPolicy.execute(guarded) : guarded();
  }

  /**
   * Runs one attempt under a timeout; `send` must stop when the signal aborts. Throws
   * TaskCancelledError. (AbortSignal.timeout rather than cockatiel's timeout policy: that one
   * aborts its signal after every call, and each abort builds a DOMException with a stack, a
   * cost paid per vendor call.)
   */
  async withTimeout<T>(timeoutMs: number, send: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      return await send(signal);
    } catch (error) {
      if (signal.aborted) throw new TaskCancelledError(`Operation timed out after ${timeoutMs}ms`);
      throw error;
    }
  }

  /** When an open circuit lets the next trial call through; undefined while closed. */
  get circuitRetryAt(): Date | undefined {
    return this.retryAt;
  }

  /** Retry-After when the vendor sent one (at most maxDelayMs, see `transient`), else exponential backoff with full jitter. */
  private retryDelayMs(context: IRetryBackoffContext<unknown>): number {
    const failure = 'error' in context.result ? attemptFailure(context.result.error) : undefined;
    const hinted = failure && retryAfterMsOf(failure);
    if (hinted !== undefined) return hinted;
    const ceiling = Math.min(this.settings.maxDelayMs, this.settings.initialDelayMs * 2 ** (context.attempt - 1));
    return Math.floor(this.random() * ceiling);
  }
}
