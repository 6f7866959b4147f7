import { nextPollDelayMs } from './poll-schedule';

describe('nextPollDelayMs', () => {
  const base = { minMs: 1_000, maxMs: 60_000 };

  it('polls at the minimum while the work is young', () => {
    expect(nextPollDelayMs({ ...base, runningForMs: 0 })).toBe(1_000);
    expect(nextPollDelayMs({ ...base, runningForMs: 9_000 })).toBe(1_000);
  });

  it('grows with the age of the work, up to the maximum', () => {
    expect(nextPollDelayMs({ ...base, runningForMs: 100_000 })).toBe(10_000);
    expect(nextPollDelayMs({ ...base, runningForMs: 3 * 3600_000 })).toBe(60_000);
  });

  it('backs off exponentially after failed polls, within the maximum', () => {
    expect(nextPollDelayMs({ ...base, runningForMs: 0, consecutiveFailures: 1 })).toBe(2_000);
    expect(nextPollDelayMs({ ...base, runningForMs: 0, consecutiveFailures: 3 })).toBe(8_000);
    expect(nextPollDelayMs({ ...base, runningForMs: 0, consecutiveFailures: 40 })).toBe(60_000);
  });
});
