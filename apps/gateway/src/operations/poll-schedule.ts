/**
 * When to ask the vendor again about running work: soon at first, then less often the longer the
 * work has run (a tenth of its age), within [min, max]; after failed polls, exponentially later.
 */
export function nextPollDelayMs(options: { minMs: number; maxMs: number; runningForMs: number; consecutiveFailures?: number }): number {
  const { minMs, maxMs, runningForMs, consecutiveFailures = 0 } = options;
  const byAge = Math.max(minMs, Math.round(runningForMs / 10));
  const backoff = consecutiveFailures > 0 ? minMs * 2 ** Math.min(consecutiveFailures, 16) : 0;
  return Math.min(maxMs, Math.max(byAge, backoff));
}
