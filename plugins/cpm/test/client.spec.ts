import { EmulatorServer } from '@backbridge/emulator-kit';
import { ProblemError } from '@backbridge/core';
import { VENDOR_HTTP_DEFAULTS } from '@backbridge/plugin-sdk';
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

    it("retries a read after 5xx up to the SDK's attempts and gives up with vendor_unavailable; a POST is not retried", async () => {
      await client.version();
      emulator.setFaults({ errorRate: 1, errorStatus: 503 });
      expect((await problemOf(client.getPolicy('1'))).code).toBe('vendor_unavailable');
      expect(requests('GET', '/api/policies/1/')).toHaveLength(VENDOR_HTTP_DEFAULTS.maxAttempts);
      expect((await problemOf(client.backupNow('1'))).code).toBe('vendor_unavailable');
      expect(requests('POST', '/api/policies/1/backups/')).toHaveLength(1);
    });
  });

  describe('database, table, cluster and file-system families', () => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    /** Runs the policy ("backup ASAP") and waits for its backup record to leave I and P. */
    async function runToEnd(policyId: number) {
      const { tracker_id } = await client.backupNow(policyId);
      for (let i = 0; i < 100; i++) {
        const [backup] = await client.listBackups({ tracker_id: String(tracker_id) });
        if (backup && !['I', 'P'].includes(backup.status!)) return backup;
        await sleep(20);
      }
      throw new Error(`run ${tracker_id} did not end`);
    }
    async function recoveryToEnd(recoveryId: number) {
      for (let i = 0; i < 100; i++) {
        const recovery = await client.getRecovery(recoveryId);
        if (recovery.status !== 'P') return recovery;
        await sleep(20);
      }
      throw new Error(`recovery ${recoveryId} did not end`);
    }

    it('adds an RDS database (§13.43), backs it up and recovers it under a new identifier (§7.52, §7.55)', async () => {
      const target = await client.addTarget(2, 'rds_databases', { aws_region: 'us-east-1', aws_resource_id: 'reporting-db' });
      expect(target).toMatchObject({ id: expect.any(Number), aws_resource_id: 'reporting-db', engine: 'mysql', resource_type: 'rds', storage: 50, zone: 'us-east-1a' });
      await expect(client.getTarget(2, 'rds_databases', target.id!)).resolves.toEqual(target);
      expect((await client.listTargets(2, 'rds_databases')).map((t) => t.aws_resource_id)).toEqual(['reporting-db']);
      const again = await problemOf(client.addTarget(2, 'rds_databases', { aws_region: 'us-east-1', aws_resource_id: 'reporting-db' }));
      expect(again.extras.vendor).toMatchObject({ status: 400, code: 'unique' });

      const backup = await runToEnd(2);
      expect(backup.status).toBe('B');
      const records = await client.listSnapshotRecords(backup.id!, 'rds_databases', { aws_resource_id: 'reporting-db' });
      expect(records).toEqual([expect.objectContaining({ backed_up_resource_id: 'reporting-db', snapshot_type: 'rds', succeeded: true, db_instance_class: 'db.t3.medium', port: 3306 })]);
      const call = requests('GET', `/api/backups/${backup.id}/snapshots/rds_databases/`).at(-1)!;
      expect(new URL(call.url, 'http://x').searchParams.get('aws_resource_id')).toBe('reporting-db');

      const missing = await problemOf(client.recover(backup.id!, 'rds_databases', records[0].id!, { multi_az: true }));
      expect(missing.extras.vendor).toMatchObject({ status: 400, code: 'required', message: 'aws_resource_id: This field is required.' });
      const started = await client.recover(backup.id!, 'rds_databases', records[0].id!, { aws_resource_id: 'reporting-copy', storage_type: 'gp2' });
      expect(started).toMatchObject({ recovery_type: 'R', status: 'P', backup_record: backup.id, policy: 2 });
      expect(await recoveryToEnd(started.id!)).toMatchObject({ status: 'R', recovered_resource_ids: 'reporting-copy (original: reporting-db)' });

      // AWS refuses an identifier that is taken: CPM accepts the recover and the recovery fails.
      const taken = await client.recover(backup.id!, 'rds_databases', records[0].id!, { aws_resource_id: 'reporting-copy' });
      expect(await recoveryToEnd(taken.id!)).toMatchObject({ status: 'F', recovered_resource_ids: '' });

      await client.removeTarget(2, 'rds_databases', target.id!);
      expect((await problemOf(client.getTarget(2, 'rds_databases', target.id!))).code).toBe('not_found');
    });

    it('adds a DynamoDB table by name (§13.21), backs it up and recovers it as a new table (§7.24, §7.27)', async () => {
      const byId = await problemOf(client.addTarget(1, 'dynamodb_tables', { aws_region: 'us-east-1', aws_resource_id: 'audit-log' }));
      expect(byId.extras.vendor).toMatchObject({ status: 400, message: 'aws_resource_name: This field is required.' });
      const target = await client.addTarget(1, 'dynamodb_tables', { aws_region: 'us-east-1', aws_resource_name: 'audit-log' });
      expect(target).toMatchObject({ aws_resource_id: 'audit-log', aws_resource_name: 'audit-log', partition_key: 'tenant', sort_key: 'at', table_arn: expect.stringMatching(/:table\/audit-log$/) });

      const backup = await runToEnd(1);
      const records = await client.listSnapshotRecords(backup.id!, 'dynamodb_tables');
      expect(records.map((r) => r.backed_up_resource_id).sort()).toEqual(['audit-log', 'sessions']);
      const record = records.find((r) => r.backed_up_resource_id === 'audit-log')!;
      await expect(client.getSnapshotRecord(backup.id!, 'dynamodb_tables', record.id!)).resolves.toEqual(record);

      const started = await client.recover(backup.id!, 'dynamodb_tables', record.id!, { aws_resource_name: 'audit-log-copy' });
      expect(started).toMatchObject({ recovery_type: 'D', status: 'P' });
      expect(await recoveryToEnd(started.id!)).toMatchObject({ status: 'R', recovered_resource_ids: 'audit-log-copy (original: audit-log)' });
      const listed = await client.listRecoveries({ policy: '1' });
      expect(listed.map((r) => r.id)).toContain(started.id);
    });

    it('lists the seeded Aurora, Redshift and EFS targets with their family fields (§13.40, §13.48, §13.26)', async () => {
      await expect(client.listTargets(2, 'rds_clusters')).resolves.toEqual([expect.objectContaining({ aws_resource_id: 'analytics-aurora', engine: 'aurora-postgresql', resource_type: 'aurora' })]);
      await expect(client.listTargets(2, 'redshift_clusters')).resolves.toEqual([expect.objectContaining({ aws_resource_id: 'warehouse', node_type: 'ra3.xlplus', nodes: 2 })]);
      await expect(client.listTargets(1, 'efs')).resolves.toEqual([expect.objectContaining({ name: 'shared-assets', backup_vault_name: 'Default', expire_option: 'P' })]);
    });
  });
});
