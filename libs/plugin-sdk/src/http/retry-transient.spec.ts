import { isTransientStatus, retryTransient } from './retry-transient';

describe('retryTransient', () => {
  it('repeats a call while its failure is transient, and answers its first success', async () => {
    let calls = 0;
    const answer = await retryTransient(
      async () => {
        calls++;
        if (calls < 3) throw Object.assign(new Error('busy'), { status: 503 });
        return 'token';
      },
      (error) => isTransientStatus((error as { status?: number }).status),
      { initialDelayMs: 1, maxDelayMs: 5 },
    );
    expect(answer).toBe('token');
    expect(calls).toBe(3);
  });

  it('gives up at once on a failure that is not transient, and after maxAttempts on one that is', async () => {
    let calls = 0;
    const refused = Object.assign(new Error('bad key'), { status: 401 });
    await expect(retryTransient(async () => { calls++; throw refused; }, (e) => isTransientStatus((e as { status?: number }).status), { initialDelayMs: 1 })).rejects.toBe(refused);
    expect(calls).toBe(1);
    calls = 0;
    await expect(retryTransient(async () => { calls++; throw new Error('down'); }, () => true, { maxAttempts: 4, initialDelayMs: 1, maxDelayMs: 2 })).rejects.toThrow('down');
    expect(calls).toBe(4);
  });

  it('counts no status (a network error), 429 and 5xx as transient, other statuses not', () => {
    expect([undefined, 429, 500, 503].map(isTransientStatus)).toEqual([true, true, true, true]);
    expect([400, 401, 403, 404].map(isTransientStatus)).toEqual([false, false, false, false]);
  });
});
