import { EmulatorServer } from '@backbridge/emulator-kit';
import { ProblemError } from '@backbridge/core';
import { CpmClient } from '../src/client/cpm-client';
import { cpmEmulator, type RunningCpmEmulator } from '../emulator';
import { cpmConnection } from './cpm-connection';

/** What a call rejected with; fails when it resolves. */
async function problemOf(promise: Promise<unknown>): Promise<ProblemError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('the call resolved; it should have rejected');
}

describe(CpmClient.name, () => {
  let emulator: RunningCpmEmulator;
  let client: CpmClient;
  const requests = (method: string, path: string) => emulator.received.filter((r) => r.method === method && r.url.split('?')[0] === path);

  beforeEach(async () => {
    emulator = await cpmEmulator.start({ timeScale: 0.01 });
    client = new CpmClient(cpmConnection(emulator), String(emulator.credentials.apiKey), { pageSize: 3, retry: { initialDelayMs: 5, maxDelayMs: 2_000 } });
  });
  afterEach(() => emulator.stop());

  describe('auth', () => {
    it('obtains tokens once with the API key and sends the bearer token and the API version', async () => {
      await client.version();
      await client.listPolicies();
      expect(requests('POST', '/api/token/obtain/api_key/')).toHaveLength(1);
      const call = requests('GET', '/api/system/version/')[0];
      expect(call.headers.authorization).toMatch(/^Bearer \S+$/);
      expect(call.headers.accept).toBe('application/json; version=1.4.0');
      expect(JSON.parse(requests('POST', '/api/token/obtain/api_key/')[0].body)).toEqual({ api_key: emulator.credentials.apiKey });
    });

    it('renews an expired access token with the refresh token, not the key', async () => {
      await client.version();
      emulator.expireTokens();
      await expect(client.version()).resolves.toMatchObject({ api_version: '1.4.0' });
      expect(requests('POST', '/api/token/refresh/')).toHaveLength(1);
      expect(requests('POST', '/api/token/obtain/api_key/')).toHaveLength(1);
      expect(requests('GET', '/api/system/version/').map((r) => r.headers.authorization)).toHaveLength(3);
    });

    it('goes back to the API key once the refresh token has expired too', async () => {
      await client.version();
      emulator.expireTokens();
      emulator.expireRefreshTokens();
      await expect(client.version()).resolves.toMatchObject({ cpm_version: '3.0.0' });
      expect(requests('POST', '/api/token/refresh/')).toHaveLength(1);
      expect(requests('POST', '/api/token/obtain/api_key/')).toHaveLength(2);
    });

    it('reports a refused API key as vendor_unavailable with what CPM said', async () => {
      const refused = new CpmClient(cpmConnection(emulator), 'not-the-key');
      const error = await problemOf(refused.version());
      expect(error.code).toBe('vendor_unavailable');
      expect(error.extras.vendor).toMatchObject({ status: 401, code: 'authentication_failed' });
    });

    it('the emulator refuses a call without a token with 401 and WWW-Authenticate', async () => {
      const answer = await fetch(`${emulator.endpoint}/api/policies/`);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="api"');
      expect(await answer.json()).toEqual({ errors: [{ detail: [{ message: 'Authentication credentials were not provided.', code: 'not_authenticated' }] }] });
    });
  });

  describe('paging', () => {
    it('walks the paginated envelope page by page, always sending page and page_size', async () => {
      const backups = await client.listBackups();
      const pages = requests('GET', '/api/backups/').map((r) => new URL(r.url, 'http://x').searchParams);
      expect(pages.map((q) => q.get('page_size'))).toEqual(pages.map(() => '3'));
      expect(pages.map((q) => q.get('page'))).toEqual(pages.map((_, i) => String(i + 1)));
      expect(pages.length).toBe(Math.ceil(backups.length / 3));
      // The same records as CPM's unpaginated bare array.
      const token = (requests('GET', '/api/backups/')[0].headers.authorization ?? '').toString();
      const bare = (await (await fetch(`${emulator.endpoint}/api/backups/`, { headers: { authorization: token } })).json()) as { id: number }[];
      expect(Array.isArray(bare)).toBe(true);
      expect(backups.map((b) => b.id)).toEqual(bare.map((b) => b.id));
    });

    it('accepts a bare array from a server that ignores paging', async () => {
      const server = new EmulatorServer({ name: 'old-cpm', errorBody: () => ({}) });
      server.route('POST', '/api/token/obtain/api_key/', () => ({ status: 200, body: { access: 'a', refresh: 'r' } }), { public: true });
      server.route('GET', '/api/policies/', () => ({ status: 200, body: [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }] }));
      const url = await server.listen();
      try {
        const old = new CpmClient({ ...cpmConnection(emulator), endpoint: url }, 'key-key-key', { pageSize: 2 });
        await expect(old.listPolicies()).resolves.toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]);
        expect(server.received.filter((r) => r.url.startsWith('/api/policies/'))).toHaveLength(1);
      } finally {
        await server.close();
      }
    });
  });

  describe('errors', () => {
    it('400: the field errors of the envelope, as vendor_rejected', async () => {
      const error = await problemOf(client.createPolicy({ account: 1, name: 'not valid!' }));
      expect(error.code).toBe('vendor_rejected');
      expect(error.extras.vendor).toEqual({ status: 400, code: 'invalid', message: 'name: This field contains invalid characters.' });
    });

    it('404: not_found', async () => {
      expect((await problemOf(client.getPolicy('4040'))).code).toBe('not_found');
      expect((await problemOf(client.getSnapshotRecord('1', 'volumes', '999999'))).code).toBe('not_found');
    });

    it('412: a backup ASAP of a disabled policy is a conflict', async () => {
      const policy = await client.getPolicy('1');
      await client.updatePolicy('1', { name: policy.name!, enabled: false });
      const error = await problemOf(client.backupNow('1'));
      expect(error.code).toBe('conflict');
      expect(error.extras.vendor).toMatchObject({ status: 412, code: 'precondition_failed' });
    });

    it('406: the emulator refuses an API version CPM does not have', async () => {
      const answer = await fetch(`${emulator.endpoint}/api/token/obtain/api_key/`, {
        method: 'POST',
        headers: { accept: 'application/json; version=9.9.9', 'content-type': 'application/json' },
        body: JSON.stringify({ api_key: emulator.credentials.apiKey }),
      });
      expect(answer.status).toBe(406);
    });

    it('takes the form-encoded token request of the reference’s Python sample (§2.4)', async () => {
      const answer = await fetch(`${emulator.endpoint}/api/token/obtain/api_key/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ api_key: String(emulator.credentials.apiKey) }),
      });
      expect(await answer.json()).toEqual({ access: expect.any(String), refresh: expect.any(String) });
    });
  });

  describe('fault injection', () => {
    it('retries a read after 429, waiting the Retry-After seconds', async () => {
      await client.version(); // signed in: the next requests are API calls only
      // Every 2nd request after setFaults is refused: the version call takes the 1st, the read the 2nd.
      emulator.setFaults({ rateLimitEvery: 2, rateLimitRetryAfterSeconds: 1 });
      await client.version();
      const started = Date.now();
      await expect(client.getPolicy('1')).resolves.toMatchObject({ id: 1 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(requests('GET', '/api/policies/1/')).toHaveLength(2);
    });

    it('retries a read after 5xx and gives up with vendor_unavailable; a POST is not retried', async () => {
      await client.version();
      emulator.setFaults({ errorRate: 1, errorStatus: 503 });
      expect((await problemOf(client.getPolicy('1'))).code).toBe('vendor_unavailable');
      expect(requests('GET', '/api/policies/1/')).toHaveLength(3);
      expect((await problemOf(client.backupNow('1'))).code).toBe('vendor_unavailable');
      expect(requests('POST', '/api/policies/1/backups/')).toHaveLength(1);
    });
  });
});
