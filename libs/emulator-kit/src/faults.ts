/**
 * Fault injection shared by every vendor emulator, so reliability tests and the benchmark can make
 * a vendor slow, flaky or rate-limited without touching the emulator's behaviour otherwise.
 */
export interface FaultOptions {
  /** Added to every response before anything is sent. */
  latencyMs?: number;
  /** Share of requests (0..1) answered with `errorStatus` instead of being handled. */
  errorRate?: number;
  /** Status of injected errors; default 503. */
  errorStatus?: number;
  /** Every n-th request (1 = all) is answered 429 with `Retry-After: rateLimitRetryAfterSeconds`. */
  rateLimitEvery?: number;
  rateLimitRetryAfterSeconds?: number;
  /** The headers go out at once, the body this many milliseconds later (a slow vendor). */
  slowBodyMs?: number;
}

/** Decides, per request, which fault (if any) applies. Deterministic for a given seed. */
export class FaultPlan {
  private options: FaultOptions;
  private count = 0;
  private readonly random: () => number;

  constructor(options: FaultOptions = {}, seed = 1) {
    this.options = { ...options };
    this.random = seededRandom(seed);
  }

  get current(): Readonly<FaultOptions> {
    return this.options;
  }

  /** Replaces the fault options at run time (tests switch faults on and off); counting starts again. */
  set(options: FaultOptions): void {
    this.options = { ...options };
    this.count = 0;
  }

  /** The fault for the next request; advances the counters. */
  next(): { kind: 'none' } | { kind: 'error'; status: number } | { kind: 'rate-limit'; retryAfterSeconds: number } {
    this.count++;
    const { errorRate = 0, errorStatus = 503, rateLimitEvery, rateLimitRetryAfterSeconds = 1 } = this.options;
    if (rateLimitEvery && this.count % rateLimitEvery === 0) {
      return { kind: 'rate-limit', retryAfterSeconds: rateLimitRetryAfterSeconds };
    }
    if (errorRate > 0 && this.random() < errorRate) {
      return { kind: 'error', status: errorStatus };
    }
    return { kind: 'none' };
  }
}

/** mulberry32: a tiny seeded PRNG, so seeded data and fault sequences repeat run after run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
