import {
  NotFoundError,
  ProblemError,
  RateLimitedError,
  VendorRejectedError,
  VendorTimeoutError,
  VendorUnauthorizedError,
  VendorUnavailableError,
} from '@backbridge/core';
import type { PluginLogger } from '../logger';
import type { VendorCallOutcome } from '../plugin';
import { unusedPort, VendorTestServer } from './test/vendor-test-server';
import {
  VendorHttpClient,
  type VendorAuth,
  type VendorHttpClientOptions,
  type VendorRequestToSign,
} from './vendor-http-client';

/** The rejection of a call, asserted to be a ProblemError (never an AxiosError). */
async function failureOf(call: Promise<unknown>): Promise<ProblemError> {
  const error = await call.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(ProblemError);
  return error as ProblemError;
}

/** An auth that sets a bearer token, counting calls and recording what it was asked to sign. */
class CountingAuth implements VendorAuth {
  authorizeCalls = 0;
  invalidateCalls = 0;
  signed: VendorRequestToSign[] = [];

  async authorize(request: VendorRequestToSign): Promise<void> {
    this.authorizeCalls++;
    this.signed.push({ ...request, headers: { ...request.headers } });
    request.headers.Authorization = `Bearer token-${this.authorizeCalls}`;
  }

  invalidate(): void {
    this.invalidateCalls++;
  }
}

describe('VendorHttpClient', () => {
  let vendor: VendorTestServer;
  let outcomes: VendorCallOutcome[];

  beforeEach(async () => {
    vendor = await VendorTestServer.start();
    outcomes = [];
  });

  afterEach(async () => {
    await vendor.close();
  });

  function client(options: Partial<VendorHttpClientOptions> = {}): VendorHttpClient {
    return new VendorHttpClient({
      plugin: 'test-vendor',
      connectionId: 'conn-1',
      baseURL: `${vendor.baseURL}/api/`,
      retry: { initialDelayMs: 1, maxDelayMs: 20 },
      observe: ({ outcome }) => outcomes.push(outcome),
      ...options,
    });
  }

  describe('requests and responses', () => {
    it('sends the query with arrays comma-joined and parses the JSON answer', async () => {
      vendor.respond(() => ({ status: 200, body: { items: [1, 2] }, headers: { 'x-total': '2' } }));

      const response = await client().get<{ items: number[] }>('/v1/jobs', {
        query: { ids: [1, 2, 'a b'], state: 'running', limit: 10, verbose: false, cursor: undefined },
      });

      expect(vendor.requests[0].url).toBe('/api/v1/jobs?ids=1,2,a%20b&state=running&limit=10&verbose=false');
      expect(response.status).toBe(200);
      expect(response.data).toEqual({ items: [1, 2] });
      expect(response.headers['x-total']).toBe('2');
      expect(outcomes).toEqual(['ok']);
    });

    it('repeats array query parameters when asked to', async () => {
      await client({ arrayFormat: 'repeat' }).get('/v1/jobs', { query: { id: ['1', '2'] } });

      expect(vendor.requests[0].url).toBe('/api/v1/jobs?id=1&id=2');
    });

    it('serializes a POST body once: the signer sees the bytes the vendor receives', async () => {
      const auth = new CountingAuth();
      vendor.respond(() => ({ status: 201, body: { id: 'job-1' } }));

      const response = await client({ auth }).post('/v1/jobs', { name: 'nightly', tags: ['a'], size: 1.5 });

      const received = vendor.requests[0];
      expect(auth.signed).toHaveLength(1);
      expect(auth.signed[0].method).toBe('POST');
      expect(auth.signed[0].url).toBe(`${vendor.baseURL}/api/v1/jobs`);
      expect(auth.signed[0].body).toBe(received.body);
      expect(received.body).toBe('{"name":"nightly","tags":["a"],"size":1.5}');
      expect(received.headers['content-type']).toBe('application/json');
      expect(received.headers.authorization).toBe('Bearer token-1');
      expect(response).toMatchObject({ status: 201, data: { id: 'job-1' } });
    });

    it('gives the raw response text to parseJson, so big integers can stay exact', async () => {
      vendor.respond(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"id": 9007199254740993}' }));
      const seen: string[] = [];
      const parseJson = (text: string) => {
        seen.push(text);
        return JSON.parse(text.replace(/:\s*(\d{16,})/g, ':"$1"'));
      };

      const response = await client({ parseJson }).get<{ id: string }>('/v1/big');

      expect(seen).toEqual(['{"id": 9007199254740993}']);
      expect(response.data.id).toBe('9007199254740993');
    });

    it('returns undefined data for an empty body', async () => {
      vendor.respond(() => ({ status: 204 }));

      const response = await client().delete('/v1/jobs/1');

      expect(response).toEqual({ status: 204, data: undefined, headers: expect.any(Object) });
    });

    it('turns a response declared as JSON that does not parse into VendorUnavailableError', async () => {
      vendor.respond(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"broken' }));

      const error = await failureOf(client().get('/v1/jobs'));

      expect(error).toBeInstanceOf(VendorUnavailableError);
      expect(error.message).toMatch(/malformed JSON/);
    });
  });

  describe('retries', () => {
    it('retries a GET on 503 and succeeds on the third attempt', async () => {
      vendor.respond((_request, index) => (index < 2 ? { status: 503, body: { message: 'busy' } } : { status: 200, body: { ok: true } }));

      const response = await client().get('/v1/jobs');

      expect(response.data).toEqual({ ok: true });
      expect(vendor.requests).toHaveLength(3);
      expect(outcomes).toEqual(['server_error', 'server_error', 'ok']);
    });

    it('does not retry a POST on 503', async () => {
      vendor.respond(() => ({ status: 503, body: { code: 'MAINT', message: 'maintenance' } }));

      const error = await failureOf(client().post('/v1/jobs', { name: 'x' }));

      expect(error).toBeInstanceOf(VendorUnavailableError);
      expect(error.extras.vendor).toEqual({ status: 503, code: 'MAINT', message: 'maintenance' });
      expect(vendor.requests).toHaveLength(1);
    });

    it('retries a POST marked idempotent', async () => {
      vendor.respond((_request, index) => (index === 0 ? { status: 502 } : { status: 200, body: {} }));

      await client().post('/v1/search', { q: 'x' }, { idempotent: true });

      expect(vendor.requests).toHaveLength(2);
    });

    it('never retries other 4xx', async () => {
      vendor.respond(() => ({ status: 409, body: { message: 'exists' } }));

      const error = await failureOf(client().put('/v1/jobs/1', { name: 'x' }));

      expect(error).toBeInstanceOf(VendorRejectedError);
      expect(vendor.requests).toHaveLength(1);
    });

    it('waits for Retry-After on 429, then gives up with RateLimitedError', async () => {
      vendor.respond(() => ({ status: 429, headers: { 'retry-after': '1' }, body: { message: 'slow down' } }));

      const error = await failureOf(client({ retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 5000 } }).get('/v1/jobs'));

      expect(vendor.requests).toHaveLength(2);
      expect(vendor.requests[1].receivedAt - vendor.requests[0].receivedAt).toBeGreaterThanOrEqual(900);
      expect(error).toBeInstanceOf(RateLimitedError);
      expect(error.extras.retryAfter).toBe(1);
      expect(error.extras.vendor).toEqual({ status: 429, message: 'slow down' });
    });
  });

  describe('retries under injected faults', () => {
    it('answers at once, Retry-After passed on, when the vendor asks for a longer wait than maxDelayMs', async () => {
      vendor.respond(() => ({ status: 429, headers: { 'retry-after': '120' }, body: { message: 'come back later' } }));

      const error = await failureOf(client({ retry: { maxAttempts: 5, initialDelayMs: 1, maxDelayMs: 1_000 } }).get('/v1/jobs'));

      expect(vendor.requests).toHaveLength(1);
      expect(error).toBeInstanceOf(RateLimitedError);
      expect(error.extras.retryAfter).toBe(120);
    });

    it('with the default policy, 20 % 5xx and every 20th call 429 leave 250 GETs all answered, and POSTs are never repeated', async () => {
      // The emulators' FaultPlan draws 5xx the same way (a seeded share of calls); here inline to stay in the SDK.
      let state = 7;
      const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      vendor.respond((_request, index) =>
        (index + 1) % 20 === 0 ? { status: 429, headers: { 'retry-after': '0' } } : random() < 0.2 ? { status: 503 } : { status: 200, body: { ok: true } },
      );
      const vendorClient = client({ retry: { initialDelayMs: 1, maxDelayMs: 20 } });

      const answers = await Promise.all(Array.from({ length: 250 }, (_, i) => vendorClient.get(`/v1/jobs/${i}`).then((r) => r.data)));
      expect(answers.filter((a) => JSON.stringify(a) !== '{"ok":true}')).toEqual([]);
      expect(vendor.requests.length).toBeGreaterThan(250);

      const before = vendor.requests.length;
      const posts = await Promise.allSettled(Array.from({ length: 50 }, () => vendorClient.post('/v1/jobs', { name: 'x' })));
      expect(vendor.requests.length - before).toBe(50);
      expect(posts.filter((p) => p.status === 'rejected').length).toBeGreaterThan(0);
    });
  });

  describe('credentials', () => {
    it('after a 401 invalidates the token, authorizes again and retries once, even a POST', async () => {
      const auth = new CountingAuth();
      vendor.respond((_request, index) => (index === 0 ? { status: 401, body: { message: 'token expired' } } : { status: 200, body: { ok: true } }));

      const response = await client({ auth }).post('/v1/jobs', { name: 'x' });

      expect(response.data).toEqual({ ok: true });
      expect(auth.invalidateCalls).toBe(1);
      expect(auth.authorizeCalls).toBe(2);
      expect(vendor.requests.map((request) => request.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
      expect(outcomes).toEqual(['client_error', 'ok']);
    });

    it('turns a second 401 into VendorUnauthorizedError', async () => {
      const auth = new CountingAuth();
      vendor.respond(() => ({ status: 401, body: { error: 'invalid_token', error_description: 'bad Bearer abc.def' } }));

      const error = await failureOf(client({ auth }).get('/v1/jobs'));

      expect(error).toBeInstanceOf(VendorUnauthorizedError);
      expect(error.extras.vendor).toEqual({ status: 401, code: 'invalid_token', message: 'bad Bearer [REDACTED]' });
      expect(vendor.requests).toHaveLength(2);
      expect(auth.invalidateCalls).toBe(1);
    });

    it('turns an authorize failure into VendorUnavailableError without calling the vendor', async () => {
      const auth: VendorAuth = {
        authorize: async () => {
          throw new Error('token endpoint said no to password=hunter2');
        },
        invalidate: () => undefined,
      };

      const error = await failureOf(client({ auth }).get('/v1/jobs'));

      expect(error).toBeInstanceOf(VendorUnavailableError);
      expect(error.message).toContain('password=[REDACTED]');
      expect(vendor.requests).toHaveLength(0);
    });
  });

  describe('failures', () => {
    it('turns a slow answer into VendorTimeoutError (retrying idempotent calls)', async () => {
      vendor.respond(() => ({ status: 200, body: {}, delayMs: 1000 }));

      const error = await failureOf(client({ timeoutMs: 100, retry: { maxAttempts: 2, initialDelayMs: 1 } }).get('/v1/slow'));

      expect(error).toBeInstanceOf(VendorTimeoutError);
      expect(error.extras).toMatchObject({ provider: 'test-vendor', connection: 'conn-1', vendor: {} });
      expect(vendor.requests).toHaveLength(2);
      expect(outcomes).toEqual(['timeout', 'timeout']);
    });

    it('does not retry a timed-out POST', async () => {
      vendor.respond(() => ({ status: 200, body: {}, delayMs: 1000 }));

      const error = await failureOf(client({ timeoutMs: 100 }).post('/v1/slow', {}));

      expect(error).toBeInstanceOf(VendorTimeoutError);
      expect(vendor.requests).toHaveLength(1);
    });

    it('turns connection refused into VendorUnavailableError', async () => {
      const port = await unusedPort();

      const error = await failureOf(client({ baseURL: `http://127.0.0.1:${port}`, retry: { maxAttempts: 2, initialDelayMs: 1 } }).get('/v1/jobs'));

      expect(error).toBeInstanceOf(VendorUnavailableError);
      expect(error.extras.vendor).toEqual({ code: 'ECONNREFUSED' });
      expect(outcomes).toEqual(['network_error', 'network_error']);
    });

    it('turns 404 into NotFoundError carrying the vendor detail, provider, connection and a scrubbed cause', async () => {
      const auth = new CountingAuth();
      vendor.respond(() => ({ status: 404, body: { error_code: 'CBR.0404', error_msg: 'Backup job 42 not found' } }));

      const error = await failureOf(client({ auth }).get('/v1/jobs/42'));

      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.extras).toMatchObject({
        provider: 'test-vendor',
        connection: 'conn-1',
        vendor: { status: 404, code: 'CBR.0404', message: 'Backup job 42 not found' },
      });
      expect(error.message).toContain('Backup job 42 not found');
      expect(error.cause).toBeDefined();
      expect(JSON.stringify(error.cause)).not.toContain('token-1');
    });

    it('uses the plugin error table, and the default table when it returns undefined', async () => {
      vendor.respond((request) =>
        request.url.endsWith('/locked') ? { status: 400, body: { code: 'LOCKED' } } : { status: 400, body: { code: 'OTHER' } },
      );
      const translateError = jest.fn((failure: { body?: unknown }) =>
        (failure.body as { code?: string }).code === 'LOCKED' ? new VendorUnavailableError('The job is locked.') : undefined,
      );
      const vendorClient = client({ translateError });

      const locked = await failureOf(vendorClient.get('/v1/locked'));
      const other = await failureOf(vendorClient.get('/v1/other'));

      expect(locked).toBeInstanceOf(VendorUnavailableError);
      expect(locked.message).toBe('The job is locked.');
      expect(locked.extras).toMatchObject({ provider: 'test-vendor', connection: 'conn-1', vendor: { status: 400, code: 'LOCKED' } });
      expect(locked.cause).toBeDefined();
      expect(other).toBeInstanceOf(VendorRejectedError);
      expect(translateError).toHaveBeenCalledWith(expect.objectContaining({ kind: 'http', status: 400, method: 'GET', path: '/v1/locked' }));
    });
  });

  describe('circuit breaker and bulkhead', () => {
    it('opens after consecutive 5xx and then fails fast without calling the vendor', async () => {
      vendor.respond(() => ({ status: 500, body: { message: 'boom' } }));
      const vendorClient = client({ retry: { maxAttempts: 1 }, circuitBreaker: { consecutiveFailures: 3, halfOpenAfterMs: 60_000 } });

      for (let call = 0; call < 3; call++) await failureOf(vendorClient.get('/v1/jobs'));
      const error = await failureOf(vendorClient.get('/v1/jobs'));

      expect(vendor.requests).toHaveLength(3);
      expect(error).toBeInstanceOf(VendorUnavailableError);
      expect(error.message).toMatch(/circuit .* is open/);
      expect(error.message).toMatch(/until \d{4}-\d\d-\d\dT.* \(in (59|60) s\)/);
      expect(outcomes).toEqual(['server_error', 'server_error', 'server_error', 'circuit_open']);
    });

    it('does not count 4xx against the circuit', async () => {
      vendor.respond(() => ({ status: 404 }));
      const vendorClient = client({ circuitBreaker: { consecutiveFailures: 2 } });

      for (let call = 0; call < 4; call++) await failureOf(vendorClient.get('/v1/jobs'));

      expect(vendor.requests).toHaveLength(4);
    });

    it('lets a trial call through after halfOpenAfterMs and closes on success', async () => {
      vendor.respond((_request, index) => (index === 0 ? { status: 500 } : { status: 200, body: { ok: true } }));
      const vendorClient = client({ retry: { maxAttempts: 1 }, circuitBreaker: { consecutiveFailures: 1, halfOpenAfterMs: 200 } });

      await failureOf(vendorClient.get('/v1/jobs'));
      await failureOf(vendorClient.get('/v1/jobs'));
      await new Promise((resolve) => setTimeout(resolve, 250));
      const response = await vendorClient.get('/v1/jobs');

      expect(response.data).toEqual({ ok: true });
      expect(vendor.requests).toHaveLength(2);
    });

    it('limits concurrent calls with the bulkhead', async () => {
      vendor.respond(() => ({ status: 200, body: {}, delayMs: 50 }));
      const vendorClient = client({ maxConcurrent: 2 });

      await Promise.all(Array.from({ length: 6 }, (_, index) => vendorClient.get(`/v1/jobs/${index}`)));

      expect(vendor.requests).toHaveLength(6);
      expect(vendor.maxInFlight).toBe(2);
    });

    it('refuses calls beyond the queue with VendorUnavailableError', async () => {
      vendor.respond(() => ({ status: 200, body: {}, delayMs: 100 }));
      const vendorClient = client({ maxConcurrent: 1, maxQueued: 1 });

      const results = await Promise.allSettled([1, 2, 3].map((index) => vendorClient.get(`/v1/jobs/${index}`)));

      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
      const refused = (results[2] as PromiseRejectedResult).reason as ProblemError;
      expect(refused).toBeInstanceOf(VendorUnavailableError);
      expect(refused.message).toMatch(/too many calls/);
    });
  });

  describe('logging and metrics', () => {
    it('reports every attempt to observe with the operation name', async () => {
      const calls: unknown[] = [];
      vendor.respond((_request, index) => (index === 0 ? { status: 503 } : { status: 200, body: {} }));

      await client({ observe: (call) => calls.push(call) }).get('/v1/jobs', { operation: 'listJobs' });

      expect(calls).toEqual([
        { plugin: 'test-vendor', method: 'listJobs', outcome: 'server_error', seconds: expect.any(Number) },
        { plugin: 'test-vendor', method: 'listJobs', outcome: 'ok', seconds: expect.any(Number) },
      ]);
    });

    it('logs method, path, status and duration with secrets redacted', async () => {
      const lines: { message: string; context?: Record<string, unknown> }[] = [];
      const record = (message: string, context?: Record<string, unknown>) => lines.push({ message, context });
      const logger: PluginLogger = { debug: record, info: record, warn: record, error: record };
      vendor.respond(() => ({ status: 200, body: {} }));

      await client({ logger, auth: new CountingAuth(), redactKeys: ['tenant'] }).get('/v1/jobs', {
        query: { access_token: 'abc123', tenant: 't-9', page: 2 },
      });

      const call = lines.find((line) => line.message === 'vendor call');
      expect(call?.context).toMatchObject({
        plugin: 'test-vendor',
        connection: 'conn-1',
        method: 'GET',
        path: '/v1/jobs',
        status: 200,
        outcome: 'ok',
        durationMs: expect.any(Number),
        query: { access_token: '[REDACTED]', tenant: '[REDACTED]', page: 2 },
      });
      const everything = JSON.stringify(lines);
      expect(everything).not.toContain('abc123');
      expect(everything).not.toContain('token-1');
    });
  });
});
