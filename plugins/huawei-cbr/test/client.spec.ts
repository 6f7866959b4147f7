import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProblemError, type ConnectionContext, type VendorAuth, type VendorRequestToSign } from '@backbridge/plugin-sdk';
import { VENDOR_HTTP_DEFAULTS, VendorHttpClient, connectionHttpOptions } from '@backbridge/plugin-sdk';
import type { RunningEmulator } from '@backbridge/emulator-kit';
import { AkSkAuth } from '../src/client/aksk-auth';
import { CbrClient, collectOffsetPages } from '../src/client/cbr-client';
import { createCbrClient } from '../src/client/create-client';
import { translateCbrError } from '../src/error-translator';
import { EMULATOR_ACCESS_KEY, huaweiCbrEmulator } from '../emulator';
import { connectionTo } from './emulator-connection';

const MISSING = '00000000-0000-4000-8000-000000000000';

/** The ProblemError a call rejects with. */
async function problemOf(promise: Promise<unknown>): Promise<ProblemError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('the call resolved; it should have rejected');
}

/** Counts token requests on their way to the emulator's IAM endpoint (the fake sits at the HTTP edge). */
async function countingIamProxy(target: string): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      if (req.url === '/v3/auth/tokens') count += 1;
      const answer = await fetch(target + req.url, { method: req.method, headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) });
      const headers: Record<string, string> = {};
      answer.headers.forEach((value, name) => (headers[name] = value));
      delete headers['content-length'];
      delete headers['transfer-encoding'];
      res.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    count: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Signs like AkSkAuth, then changes a signed header: the request no longer matches its signature. */
class TamperingAuth implements VendorAuth {
  constructor(private readonly inner: VendorAuth) {}
  async authorize(request: VendorRequestToSign): Promise<void> {
    await this.inner.authorize(request);
    request.headers['X-Project-Id'] = 'ffffffffffffffffffffffffffffffff';
  }
  invalidate(): void {}
}

function clientWith(connection: ConnectionContext, auth: VendorAuth | undefined): CbrClient {
  const projectId = String(connection.config.projectId);
  return new CbrClient(new VendorHttpClient({ ...connectionHttpOptions(connection), plugin: 'huawei-cbr', auth, translateError: translateCbrError, retry: { maxAttempts: 1 } }), projectId);
}

describe('CbrClient against the emulator', () => {
  let emulator: RunningEmulator;
  let proxy: Awaited<ReturnType<typeof countingIamProxy>>;
  let token: CbrClient;
  let aksk: CbrClient;

  beforeAll(async () => {
    emulator = await huaweiCbrEmulator.start({ timeScale: 1 });
    proxy = await countingIamProxy(emulator.endpoint);
    token = createCbrClient({ ...connectionTo(emulator), config: { ...emulator.config, iamEndpoint: proxy.url } });
    aksk = createCbrClient(connectionTo(emulator, 'aksk'));
  });
  afterAll(async () => {
    await proxy?.close();
    await emulator?.stop();
  });
  afterEach(() => emulator.setFaults({}));

  describe('IAM token auth', () => {
    it('gets one token and reuses it for later calls', async () => {
      const before = proxy.count();
      await token.listVaults({ limit: 1 });
      await token.listPolicies();
      await token.listOperationLogs({ limit: 1 });
      expect(proxy.count() - before).toBeLessThanOrEqual(1);
    });

    it('gets a new token once when the vendor says the token expired, and the call succeeds', async () => {
      await token.listVaults({ limit: 1 });
      const before = proxy.count();
      emulator.expireTokens();
      const page = await token.listVaults({ limit: 1 });
      expect(page.vaults).toHaveLength(1);
      expect(proxy.count() - before).toBe(1);
    });

    it('refuses a wrong password as vendor_unavailable with the IAM status', async () => {
      const bad = createCbrClient(connectionTo(emulator, { ...emulator.credentials, password: 'wrong' }));
      const error = await problemOf(bad.listVaults());
      expect(error.code).toBe('vendor_unavailable');
      expect(error.extras.vendor).toMatchObject({ status: 401 });
      expect(error.message).not.toContain('wrong');
    });

    it('is refused without any credentials, with the API gateway body', async () => {
      const error = await problemOf(clientWith(connectionTo(emulator), undefined).listVaults());
      expect(error.code).toBe('vendor_unavailable');
      expect(error.extras.vendor).toMatchObject({ status: 401, code: 'APIGW.0301' });
    });
  });

  describe('AK/SK signing', () => {
    it('signs reads and writes that the emulator verifies', async () => {
      const { vaults } = await aksk.listVaults({ object_type: 'server' });
      expect(vaults.length).toBeGreaterThan(0);
      const policy = await aksk.createPolicy({ name: 'signed_policy', operation_type: 'backup', operation_definition: { max_backups: 3 }, trigger: { properties: { pattern: ['FREQ=DAILY;INTERVAL=1;BYHOUR=01;BYMINUTE=00'] } } });
      await aksk.deletePolicy(policy.id);
      expect((await problemOf(aksk.getPolicy(policy.id))).code).toBe('not_found');
    });

    it('is refused with a wrong secret', async () => {
      const wrong = clientWith(connectionTo(emulator), new AkSkAuth({ ak: EMULATOR_ACCESS_KEY.ak, sk: 'not-the-secret' }, String(emulator.config.projectId)));
      const error = await problemOf(wrong.listVaults());
      expect(error.extras.vendor).toMatchObject({ status: 401, code: 'APIGW.0301', message: expect.stringContaining('verify aksk signature fail') });
    });

    it('is refused when a signed header changes after signing', async () => {
      const tampered = clientWith(connectionTo(emulator), new TamperingAuth(new AkSkAuth(EMULATOR_ACCESS_KEY, String(emulator.config.projectId))));
      expect((await problemOf(tampered.listVaults())).extras.vendor).toMatchObject({ status: 401, code: 'APIGW.0301' });
    });

    it('is refused with a date more than 15 minutes off', async () => {
      const late = clientWith(connectionTo(emulator), new AkSkAuth(EMULATOR_ACCESS_KEY, String(emulator.config.projectId), () => new Date(Date.now() - 20 * 60_000)));
      expect((await problemOf(late.listVaults())).extras.vendor).toMatchObject({ status: 401, code: 'APIGW.0301' });
    });

    it('is refused with an unknown access key', async () => {
      const unknown = clientWith(connectionTo(emulator), new AkSkAuth({ ak: 'UNKNOWNACCESSKEY0000', sk: 'x' }, String(emulator.config.projectId)));
      expect((await problemOf(unknown.listVaults())).extras.vendor).toMatchObject({ message: expect.stringContaining('Get secretKey failed') });
    });
  });

  describe('paging', () => {
    it('pages vaults by offset and limit; count is the total, not the page size', async () => {
      const first = await aksk.listVaults({ limit: 2, offset: 0 });
      const second = await aksk.listVaults({ limit: 2, offset: 2 });
      expect(first).toMatchObject({ count: 3, limit: 2, offset: 0 });
      expect(first.vaults).toHaveLength(2);
      expect(second.vaults).toHaveLength(1);
      expect(new Set([...first.vaults, ...second.vaults].map((v) => v.id)).size).toBe(3);
    });

    it('pages backups by offset and by marker, sorted by the sort parameter', async () => {
      const sort = 'created_at:desc,id:asc';
      const all = await aksk.listBackups({ sort, limit: 1000 });
      expect(all.count).toBe(all.backups.length);
      expect(all.count).toBeGreaterThanOrEqual(30);
      const times = all.backups.map((b) => b.created_at);
      expect(times).toEqual([...times].sort().reverse());
      const byOffset = await aksk.listBackups({ sort, limit: 5, offset: 5 });
      const firstPage = await aksk.listBackups({ sort, limit: 5 });
      const byMarker = await aksk.listBackups({ sort, limit: 5, marker: firstPage.backups[4].id });
      expect(byOffset.count).toBe(all.count);
      expect(byMarker.backups.map((b) => b.id)).toEqual(byOffset.backups.map((b) => b.id));
      expect(byOffset.backups.map((b) => b.id)).toEqual(all.backups.slice(5, 10).map((b) => b.id));
      const ascending = await aksk.listBackups({ sort: 'created_at:asc', limit: 3 });
      expect(ascending.backups[0].id).toBe(all.backups[all.backups.length - 1].id);
    });

    it('filters backups by repeated status values and keeps server disk backups as children', async () => {
      const { backups, count } = await aksk.listBackups({ status: ['available', 'error'] });
      expect(count).toBe(backups.length);
      expect(new Set(backups.map((b) => b.status))).toEqual(new Set(['available', 'error']));
      const server = backups.find((b) => b.resource_type === 'OS::Nova::Server')!;
      expect(server.children!.length).toBeGreaterThan(0);
      expect(server.children!.every((c) => c.parent_id === server.id && c.resource_type === 'OS::Cinder::Volume')).toBe(true);
    });

    it('answers the policies unpaged, with their count', async () => {
      const policies = await aksk.listPolicies({ operation_type: 'backup' });
      expect(policies.length).toBeGreaterThanOrEqual(2);
    });

    it('pages the task log by offset', async () => {
      const first = await aksk.listOperationLogs({ limit: 10, offset: 0 });
      const second = await aksk.listOperationLogs({ limit: 10, offset: 10 });
      expect(first.count).toBeGreaterThan(20);
      expect(second.count).toBe(first.count);
      expect(new Set([...first.operation_logs, ...second.operation_logs].map((l) => l.id)).size).toBe(20);
      expect((await aksk.allOperationLogs()).length).toBe(first.count);
    });

    it('collects offset pages until the total, a short page or an empty page', async () => {
      const pages = [Array(1000).fill(1), Array(1000).fill(2), Array(3).fill(3)];
      const calls: number[] = [];
      const all = await collectOffsetPages(async (offset) => {
        calls.push(offset);
        return { items: pages[calls.length - 1] ?? [], count: 2003 };
      });
      expect(all).toHaveLength(2003);
      expect(calls).toEqual([0, 1000, 2000]);
      const liar = await collectOffsetPages(async () => ({ items: [], count: 50 }));
      expect(liar).toEqual([]);
    });
  });

  describe('error translation', () => {
    it.each([
      ['vault', (c: CbrClient) => c.getVault(MISSING), 'BackupService.6105'],
      ['policy', (c: CbrClient) => c.getPolicy(MISSING), 'BackupService.6000'],
      ['backup', (c: CbrClient) => c.getBackup(MISSING), 'BackupService.6200'],
      ['restore point', (c: CbrClient) => c.getCheckpoint(MISSING), 'BackupService.6217'],
      ['task', (c: CbrClient) => c.getOperationLog(MISSING), 'BackupService.6500'],
    ])('a missing %s is not_found with the vendor code', async (_kind, call, code) => {
      const error = await problemOf(call(aksk));
      expect(error.code).toBe('not_found');
      expect(error.extras.vendor).toMatchObject({ status: 404, code });
    });

    it('a refused parameter (BackupService.9900) is vendor_rejected', async () => {
      const error = await problemOf(aksk.createPolicy({ name: 'bad name!', operation_type: 'backup', operation_definition: {}, trigger: { properties: { pattern: ['FREQ=DAILY;BYHOUR=1;BYMINUTE=0'] } } }));
      expect(error.code).toBe('vendor_rejected');
      expect(error.extras.vendor).toMatchObject({ status: 400, code: 'BackupService.9900' });
    });

    it('a pattern CBR cannot run (FREQ=MONTHLY) is vendor_rejected', async () => {
      const error = await problemOf(aksk.createPolicy({ name: 'monthly', operation_type: 'backup', operation_definition: {}, trigger: { properties: { pattern: ['FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=1;BYMINUTE=0'] } } }));
      expect(error.extras.vendor).toMatchObject({ code: 'BackupService.9900' });
    });

    it('a restore while the resource is being backed up is a conflict', async () => {
      const { vaults } = await aksk.listVaults({ object_type: 'disk' });
      const disk = vaults[0].resources[0];
      const [backup] = (await aksk.listBackups({ resource_id: disk.id, status: ['available'], limit: 1 })).backups;
      await aksk.createCheckpoint({ checkpoint: { vault_id: vaults[0].id, parameters: { resources: [disk.id] } } });
      const error = await problemOf(aksk.restoreBackup(backup.id, { volume_id: disk.id }));
      expect(error.code).toBe('conflict');
      expect(error.extras.vendor).toMatchObject({ status: 400, code: 'BackupService.2002' });
    });

    it('a 429 on a write is rate_limited with the vendor Retry-After', async () => {
      emulator.setFaults({ rateLimitEvery: 1, rateLimitRetryAfterSeconds: 7 });
      const error = await problemOf(aksk.associatePolicy(MISSING, MISSING));
      expect(error.code).toBe('rate_limited');
      expect(error.extras).toMatchObject({ retryAfter: 7, vendor: { status: 429, code: 'APIG.0308' } });
    });

    it('a 5xx is vendor_unavailable', async () => {
      emulator.setFaults({ errorRate: 1, errorStatus: 500 });
      const error = await problemOf(clientWith(connectionTo(emulator, 'aksk'), new AkSkAuth(EMULATOR_ACCESS_KEY, String(emulator.config.projectId))).listVaults());
      expect(error.code).toBe('vendor_unavailable');
      expect(error.extras.vendor).toMatchObject({ status: 500, code: 'BackupService.9910' });
    });
  });

  describe('fault injection and retries', () => {
    const observed = () => {
      const calls: { method: string; outcome: string }[] = [];
      const connection = { ...connectionTo(emulator, 'aksk'), observeVendorCall: (c: { method: string; outcome: string }) => calls.push(c) };
      return { calls, client: createCbrClient(connection, { initialDelayMs: 1, maxDelayMs: 50 }) };
    };

    it('retries a read after a 429 with Retry-After and succeeds', async () => {
      const { calls, client } = observed();
      emulator.setFaults({ rateLimitEvery: 2, rateLimitRetryAfterSeconds: 0 });
      await client.listVaults();
      await client.listVaults();
      // Every other request is refused (the fault counter runs across tests): each 429 is followed by a successful retry.
      const outcomes = calls.map((c) => c.outcome);
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(2);
      expect(outcomes).toContain('client_error');
      expect(outcomes.join(',')).not.toMatch(/client_error,client_error|client_error$/);
    });

    it(`retries a read after 5xx answers, up to the SDK's ${VENDOR_HTTP_DEFAULTS.maxAttempts} attempts`, async () => {
      const { calls, client } = observed();
      emulator.setFaults({ errorRate: 1, errorStatus: 503 });
      const error = await problemOf(client.listPolicies());
      expect(error.code).toBe('vendor_unavailable');
      expect(calls.map((c) => c.outcome)).toEqual(Array(VENDOR_HTTP_DEFAULTS.maxAttempts).fill('server_error'));
    });

    it('does not retry a write after a 5xx', async () => {
      const { calls, client } = observed();
      emulator.setFaults({ errorRate: 1, errorStatus: 503 });
      await problemOf(client.associatePolicy(MISSING, MISSING));
      expect(calls).toEqual([expect.objectContaining({ method: 'associatePolicy', outcome: 'server_error' })]);
    });

    it('answers slowly with added latency and still succeeds', async () => {
      emulator.setFaults({ latencyMs: 150, slowBodyMs: 50 });
      const started = Date.now();
      await aksk.listVaults({ limit: 1 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    });
  });
});
