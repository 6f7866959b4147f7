import { randomUUID } from 'node:crypto';
import { ProblemError, silentLogger, type ConnectionContext } from '@backbridge/plugin-sdk';
import type { RunningEmulator } from '@backbridge/emulator-kit';
import { portworxPdsEmulator } from '@backbridge/portworx-pds/emulator';
import { SEED_API_KEY } from '../emulator/seed';
import { PdsClient } from '../src/client/pds-client';
import type { PdsDeployment } from '../src/dto/deployment.dto';

async function rejection(promise: Promise<unknown>): Promise<ProblemError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('resolved; it should have rejected');
}

describe(PdsClient.name, () => {
  let emulator: RunningEmulator;
  const config = () => emulator.config as { tenantId: string; projectId: string };
  const connection = (credentials: Record<string, unknown> = emulator.credentials): ConnectionContext => ({
    id: randomUUID(),
    name: 'pds-client-spec',
    endpoint: emulator.endpoint,
    config: emulator.config,
    credentials,
    logger: silentLogger,
    timeoutMs: 2_000,
  });
  const client = (credentials?: Record<string, unknown>) => new PdsClient(connection(credentials), config());

  beforeAll(async () => {
    emulator = await portworxPdsEmulator.start({ timeScale: 0.01 });
  });
  afterAll(() => emulator.stop());
  afterEach(() => emulator.setFaults({}));

  describe('auth', () => {
    it('exchanges the service identity for a token and reads with it', async () => {
      const who = await client().whoAmI();
      expect(who.service_identity?.name).toBe('backbridge-emulator');
    });

    it('sends a user API key as a Bearer token as it is', async () => {
      const who = await client({ type: 'apiKey', apiKey: SEED_API_KEY }).whoAmI();
      expect(who.user?.email).toEqual(expect.stringContaining('@'));
    });

    it('fetches a new token after the vendor expired the old one, and the call succeeds', async () => {
      const pds = client();
      await pds.project();
      emulator.expireTokens();
      await expect(pds.project()).resolves.toMatchObject({ id: config().projectId });
    });

    it('translates refused service-identity credentials (422 from generate-token) to vendor_unavailable', async () => {
      const error = await rejection(client({ type: 'serviceIdentity', clientId: 'backbridge-emulator', clientToken: 'wrong' }).whoAmI());
      expect(error.code).toBe('vendor_unavailable');
      expect(error.extras.vendor).toMatchObject({ status: 422, message: 'The provided credentials is invalid.' });
    });

    it('translates a refused API key (401) to vendor_unavailable', async () => {
      const error = await rejection(client({ type: 'apiKey', apiKey: 'not-a-key-0000000000' }).whoAmI());
      expect(error.code).toBe('vendor_unavailable');
      expect(error.extras.vendor).toMatchObject({ status: 401 });
    });
  });

  describe('paging', () => {
    const deploymentsPath = () => `/api/projects/${config().projectId}/deployments`;

    it('follows pagination.continuation and sees pagination: null on the last page', async () => {
      const pds = client();
      const pages: PdsDeployment[][] = [];
      let continuation: string | undefined;
      let last: unknown;
      do {
        const page = await pds.listPage<PdsDeployment>(deploymentsPath(), { limit: '3', sort_by: 'name', continuation }, 'spec');
        pages.push(page.data);
        continuation = page.pagination?.continuation;
        last = page.pagination;
      } while (continuation);
      expect(last).toBeNull();
      expect(pages.length).toBeGreaterThan(2);
      const names = pages.flat().map((d) => d.name);
      expect(names).toEqual([...names].sort());
      expect((await pds.deployments()).map((d) => d.name)).toEqual(names);
    });

    it('sorts descending with a "-" prefix', async () => {
      const page = await client().listPage<PdsDeployment>(deploymentsPath(), { limit: '100', sort_by: '-name' }, 'spec');
      const names = page.data.map((d) => d.name);
      expect(names).toEqual([...names].sort().reverse());
      expect(page.pagination).toBeNull();
    });

    it('reads an unpaginated list ({ data } without pagination) in one call', async () => {
      const pds = client();
      const [job] = await pds.backupJobs();
      const rows = await pds.listAll<{ name: string; status: string }>(`/api/backups/${job.backup_id}/jobs`, {}, 'spec');
      expect(rows.length).toBeGreaterThan(0);
      expect(rows[0]).toEqual(expect.objectContaining({ name: expect.any(String), status: expect.any(String) }));
    });

    it('filters by a field of the same name', async () => {
      const pds = client();
      const [deployment] = await pds.deployments();
      const jobs = await pds.backupJobs({ deployment_id: deployment.id });
      expect(jobs.every((j) => j.deployment_id === deployment.id)).toBe(true);
    });
  });

  describe('errors', () => {
    it('answers not_found for an unknown id (404)', async () => {
      const error = await rejection(client().deployment(randomUUID()));
      expect(error.code).toBe('not_found');
      expect(error.extras.vendor).toMatchObject({ status: 404 });
    });

    it('answers not_found without a call for an id that is not a UUID (PDS would say 400)', async () => {
      const error = await rejection(client().backupJob('not-a-uuid'));
      expect(error.code).toBe('not_found');
      expect(error.extras.vendor).toBeUndefined();
    });

    it('answers vendor_rejected for a 400 (invalid sort_by)', async () => {
      const error = await rejection(client().listPage(`/api/projects/${config().projectId}/deployments`, { sort_by: 'size' }, 'spec'));
      expect(error.code).toBe('vendor_rejected');
      expect(error.extras.vendor).toMatchObject({ status: 400, message: expect.stringContaining('sort_by') });
    });

    it('answers conflict for a 409 (a policy name taken)', async () => {
      const pds = client();
      const [policy] = await pds.policies();
      const error = await rejection(pds.createPolicy({ name: policy.name, schedules: [{ schedule: '0 1 * * *', type: 'full', retention_count: 1 }] }));
      expect(error.code).toBe('conflict');
      expect(error.extras.vendor).toMatchObject({ status: 409 });
    });

    it('answers vendor_rejected for a 422 (restoring a failed backup job)', async () => {
      const pds = client();
      const failed = (await pds.backupJobs()).find((j) => j.completion_status === 'Failed');
      expect(failed).toBeDefined();
      const error = await rejection(pds.startRestore(failed!.id, { name: 'from-failed', deployment_target_id: failed!.deployment_target_id!, namespace_id: failed!.namespace_id! }));
      expect(error.code).toBe('vendor_rejected');
      expect(error.extras.vendor).toMatchObject({ status: 422 });
    });
  });

  describe('faults', () => {
    it('waits out a 429 with Retry-After and retries a read', async () => {
      const pds = client();
      await pds.project(); // token already fetched, so the next request is the read itself
      emulator.setFaults({ rateLimitEvery: 2, rateLimitRetryAfterSeconds: 1 });
      const started = Date.now();
      // Two reads: whichever lands on the every-2nd request is answered 429 and retried after 1 s.
      await expect(pds.project()).resolves.toMatchObject({ id: config().projectId });
      await expect(pds.project()).resolves.toMatchObject({ id: config().projectId });
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    });

    it('answers rate_limited with the vendor wait when every attempt is refused', async () => {
      const pds = client();
      await pds.project();
      emulator.setFaults({ rateLimitEvery: 1, rateLimitRetryAfterSeconds: 0 });
      const error = await rejection(pds.project());
      expect(error.code).toBe('rate_limited');
      expect(error.extras.vendor).toMatchObject({ status: 429 });
    });

    it('retries reads through 5xx answers', async () => {
      const pds = client();
      await pds.project();
      emulator.setFaults({ errorRate: 0.2, errorStatus: 503 });
      for (let i = 0; i < 10; i++) await expect(pds.project()).resolves.toMatchObject({ id: config().projectId });
    });

    it('answers vendor_unavailable when the vendor keeps failing', async () => {
      const pds = client();
      await pds.project();
      emulator.setFaults({ errorRate: 1, errorStatus: 502 });
      const error = await rejection(pds.project());
      expect(error.code).toBe('vendor_unavailable');
      expect(error.extras.vendor).toMatchObject({ status: 502, message: 'Injected fault' });
    });
  });
});
