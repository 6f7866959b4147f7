import { randomUUID } from 'node:crypto';
import { ProblemError } from '@backbridge/core';
import type { RunningEmulator } from '@backbridge/emulator-kit';
import { silentLogger, VENDOR_HTTP_DEFAULTS, type ConnectionContext, type VendorCallOutcome } from '@backbridge/plugin-sdk';
import { ibmBackupRecoveryEmulator } from '../emulator';
import { IbmClient, type IbmConnection } from '../src/client/ibm-client';

const GROUP_HOSTS = '5901263190628181:1725393921826:101';

async function rejection(promise: Promise<unknown>): Promise<ProblemError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('the call resolved; it should have rejected');
}

describe(IbmClient.name, () => {
  let emulator: RunningEmulator;
  let outcomes: VendorCallOutcome[];

  beforeAll(async () => {
    emulator = await ibmBackupRecoveryEmulator.start({ timeScale: 0.01 });
  });
  afterAll(() => emulator.stop());
  beforeEach(() => {
    outcomes = [];
    emulator.setFaults({});
  });

  /** A client of the emulator; every attempt it makes is recorded in `outcomes`. */
  function client(overrides: Partial<IbmConnection> = {}, timeoutMs?: number): IbmClient {
    const context: ConnectionContext = {
      id: randomUUID(),
      name: 'client-spec',
      endpoint: emulator.endpoint,
      config: emulator.config,
      credentials: emulator.credentials,
      logger: silentLogger,
      observeVendorCall: ({ outcome }) => outcomes.push(outcome),
      ...(timeoutMs !== undefined && { timeoutMs }),
    };
    return new IbmClient(context, {
      endpoint: emulator.endpoint,
      tenantId: String(emulator.config.tenantId),
      iamUrl: String(emulator.config.iamUrl),
      apiKey: String(emulator.credentials.apiKey),
      ...overrides,
    });
  }

  describe('auth', () => {
    it('trades the API key for an IAM token and sends it with the tenant header', async () => {
      const policies = await client().listPolicies();
      expect(policies.map((p) => p.name).sort()).toEqual(['Gold', 'Silver']);
    });

    it('adds the trailing slash the tenant header needs', async () => {
      const tenant = String(emulator.config.tenantId).replace(/\/$/, '');
      expect(await client({ tenantId: tenant }).listPolicies()).toHaveLength(2);
    });

    it('refuses an unknown API key as vendor_unavailable, without a call to the service', async () => {
      const error = await rejection(client({ apiKey: 'not-the-api-key-0000' }).listPolicies());
      expect(error.code).toBe('vendor_unavailable');
      expect(error.message).toMatch(/Could not authorize/);
      expect(outcomes).toEqual([]);
    });

    it('refuses an unknown tenant (403 KAccessDenied) as vendor_unavailable', async () => {
      const error = await rejection(client({ tenantId: 'someoneelse/' }).listPolicies());
      expect(error.code).toBe('vendor_unavailable');
      expect(error.extras.vendor).toMatchObject({ status: 403, code: 'KAccessDenied' });
    });

    it('fetches a new token after the service expired the old one, and retries the call once', async () => {
      const ibm = client();
      await ibm.listPolicies();
      emulator.expireTokens();
      expect(await ibm.listPolicies()).toHaveLength(2);
      expect(outcomes).toEqual(['ok', 'client_error', 'ok']);
    });
  });

  describe('paging', () => {
    it('follows the pagination cookie of search/objects to the last page', async () => {
      const objects = await client({ objectsPageSize: 2 }).searchObjects();
      expect(objects.map((o) => o.id)).toEqual([11, 12, 13, 14, 15, 21, 22, 23, 24]);
      expect(outcomes).toHaveLength(5);
    });

    it('pushes comma-joined filters down to search/objects', async () => {
      const objects = await client().searchObjects({ objectIds: ['22', '11'], environments: ['kSQL'] });
      expect(objects.map((o) => o.name)).toEqual(['sales']);
    });

    it('pages runs by moving endTimeUsecs below the oldest run seen, newest first', async () => {
      const all = await client().listRuns(GROUP_HOSTS);
      outcomes = [];
      const paged = await client({ runsPageSize: 5 }).listRuns(GROUP_HOSTS);
      expect(paged.map((r) => r.id)).toEqual(all.map((r) => r.id));
      expect(paged.length).toBeGreaterThanOrEqual(21);
      expect(outcomes.length).toBe(Math.floor(paged.length / 5) + 1);
      const starts = paged.map((r) => r.localBackupInfo!.startTimeUsecs!);
      expect(starts).toEqual([...starts].sort((a, b) => b - a));
    });

    it('sees no runs older than an hour unless it asks for them (the service default)', async () => {
      const { data } = await client().http.get<{ runs: unknown[] }>(`/data-protect/protection-groups/${GROUP_HOSTS}/runs`);
      expect(data.runs).toEqual([]);
    });
  });

  describe('payloads', () => {
    it('keeps int64 ids beyond 2^53 as their exact digits', async () => {
      const registrations = await client().listRegistrations();
      expect(registrations[0].connectionId).toBe('530243354208762051');
      expect(registrations[0].id).toBe(11);
    });

    it('sends group ids with their colons unescaped', async () => {
      const group = await client().getGroup(GROUP_HOSTS);
      expect(group.id).toBe(GROUP_HOSTS);
    });
  });

  describe('error translation', () => {
    it('KEntityNotExistsError (404) -> not_found', async () => {
      const error = await rejection(client().getGroup('5901263190628181:1725393921826:404'));
      expect(error.code).toBe('not_found');
      expect(error.extras.vendor).toMatchObject({ status: 404, code: 'KEntityNotExistsError' });
    });

    it('KDuplicateError (409) -> conflict', async () => {
      const policy = await client().getPolicy('5901263190628181:1725393921826:1');
      const { id: _id, ...copy } = policy;
      const error = await rejection(client().createPolicy(copy));
      expect(error.code).toBe('conflict');
      expect(error.extras.vendor).toMatchObject({ status: 409, code: 'KDuplicateError' });
    });

    it('KValidationError (400) -> vendor_rejected, with the service message', async () => {
      const error = await rejection(
        client().createPolicy({ name: 'no-retention', backupPolicy: { regular: { incremental: { schedule: { unit: 'Days', daySchedule: { frequency: 1 } } } } } }),
      );
      expect(error.code).toBe('vendor_rejected');
      expect(error.extras.vendor).toMatchObject({ status: 400, code: 'KValidationError', message: 'If either of incremental or full schedule is specified then retention must be set' });
    });

    it('a malformed group id (400) -> vendor_rejected', async () => {
      const error = await rejection(client().getGroup('not-a-group'));
      expect(error.code).toBe('vendor_rejected');
    });
  });

  describe('faults', () => {
    it('retries a read after 429 with Retry-After and succeeds', async () => {
      const ibm = client();
      await ibm.listPolicies();
      outcomes = [];
      emulator.setFaults({ rateLimitEvery: 2, rateLimitRetryAfterSeconds: 1 });
      const started = Date.now();
      // Every second request is refused, so of three calls at least one is retried after the wait.
      for (let i = 0; i < 3; i += 1) expect(await ibm.listPolicies()).toHaveLength(2);
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3);
      expect(outcomes).toContain('client_error');
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    });

    it('gives up on a read that is rate limited every time with rate_limited and the wait', async () => {
      const ibm = client();
      await ibm.listPolicies();
      emulator.setFaults({ rateLimitEvery: 1, rateLimitRetryAfterSeconds: 1 });
      const error = await rejection(ibm.listPolicies());
      expect(error.code).toBe('rate_limited');
      expect(error.extras.retryAfter).toBe(1);
    }, 15_000);

    it("retries a read after 5xx up to the SDK's attempts, then answers vendor_unavailable", async () => {
      const ibm = client();
      await ibm.listPolicies();
      outcomes = [];
      emulator.setFaults({ errorRate: 1, errorStatus: 503 });
      const error = await rejection(ibm.listPolicies());
      expect(error.code).toBe('vendor_unavailable');
      expect(error.extras.vendor).toMatchObject({ status: 503, code: 'KInternalError' });
      expect(outcomes).toEqual(Array(VENDOR_HTTP_DEFAULTS.maxAttempts).fill('server_error'));
    });

    it('does not repeat a create after a 5xx', async () => {
      const ibm = client();
      await ibm.listPolicies();
      outcomes = [];
      emulator.setFaults({ errorRate: 1, errorStatus: 500 });
      const error = await rejection(ibm.createRun(GROUP_HOSTS));
      expect(error.code).toBe('vendor_unavailable');
      expect(outcomes).toEqual(['server_error']);
    });

    it('answers vendor_timeout when the service is slower than the timeout', async () => {
      const ibm = client({}, 150);
      await ibm.listPolicies();
      emulator.setFaults({ latencyMs: 400 });
      const error = await rejection(ibm.listPolicies());
      expect(error.code).toBe('vendor_timeout');
    });
  });
});
