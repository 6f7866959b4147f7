/**
 * Time as an emulator sees it. Asynchronous vendor work (a backup moving through its states) is
 * computed from elapsed time on each read instead of timers, so nothing keeps running after a
 * test and `timeScale` can make a "few seconds" job finish in milliseconds.
 */
export class VendorClock {
  constructor(
    /** Multiplies every emulated duration: 0.01 makes a 3 s job take 30 ms. */
    readonly timeScale = 1,
    private readonly nowFn: () => number = Date.now,
  ) {}

  now(): number {
    return this.nowFn();
  }

  /** Milliseconds of emulated work, scaled. */
  duration(ms: number): number {
    return Math.max(0, Math.round(ms * this.timeScale));
  }

  /** The share (0..1) of a job of `durationMs` (unscaled) started at `startedAt` that is done now. */
  progress(startedAt: number, durationMs: number): number {
    const scaled = this.duration(durationMs);
    if (scaled === 0) return 1;
    return Math.min(1, Math.max(0, (this.now() - startedAt) / scaled));
  }
}
