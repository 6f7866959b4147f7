import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestPlugin, FULL_CAPABILITIES, TEST_TOKEN } from '../support/test-plugin/test-plugin';
import { testVendorAt } from '../support/test-plugin/test-vendor';
import { startTestGateway, waitForOperation, type ApiClient, type TestGateway } from '../support/test-gateway';

const PROVIDER = 'test-unified';
const LIMITED = 'test-limited';
const NO_SCHEMA = 'test-no-schema';

describe('the unified API over the test plugin', () => {
  let t: TestGateway;
  let a: { id: string; endpoint: string };
  let b: { id: string; endpoint: string };
  let operator: ApiClient;
  let viewer: ApiClient;

  beforeAll(async () => {
    const limited = createTestPlugin(LIMITED, {
      ...FULL_CAPABILITIES,
      restores: { original: false, alternate: false },
      jobs: { list: true, cancel: false },
      policies: { ...FULL_CAPABILITIES.policies, retention: ['keepLast'] },
    });
    // A plugin that publishes no restore-options schema of its own.
    const plain = createTestPlugin(NO_SCHEMA);
    const noSchema = {
      ...plain,
      async connect(connection: Parameters<typeof plain.connect>[0]) {
        const { restoreOptions: _unused, ...session } = await plain.connect(connection);
        return session;
      },
    };
    t = await startTestGateway({ plugins: [createTestPlugin(PROVIDER), limited, noSchema], env: { VENDOR_TIMEOUT_MS: '1500', LIST_TIMEOUT_MS: '400' } });
    a = await t.connect(PROVIDER, `a-${randomUUID().slice(0, 6)}`);
    b = await t.connect(PROVIDER, `b-${randomUUID().slice(0, 6)}`);
    operator = await t.as('operator');
    viewer = await t.as('viewer');
  });
  afterAll(() => t.close());

  const scoped = (path: string, ...connections: string[]) =>
    `${path}${path.includes('?') ? '&' : '?'}${connections.map((c) => `connection=${c}`).join('&')}`;

  describe('merged lists', () => {
    it.each([1, 3])('pages resources of two connections with pageSize %i to the end: every item once, in name order', async (pageSize) => {
      const names: string[] = [];
      const ids = new Set<string>();
      let token: string | null = null;
      let pages = 0;
      do {
        const path: string = scoped(`/v1/resources?pageSize=${pageSize}${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`, a.id, b.id);
        const answer = await viewer.get(path);
        expect(answer.status).toBe(200);
        expect(answer.body.items.length).toBeLessThanOrEqual(pageSize);
        expect(answer.body.unreachable).toEqual([]);
        for (const item of answer.body.items) {
          names.push(item.name);
          ids.add(item.id);
        }
        token = answer.body.nextPageToken;
        pages += 1;
      } while (token && pages < 100);
      expect(ids.size).toBe(10);
      expect(names).toHaveLength(10);
      expect([...names]).toEqual([...names].sort());
    });

    it('reads each vendor page once per walk: a continuing page takes the page a connection was on from memory', async () => {
      const vendors = [testVendorAt(a.endpoint), testVendorAt(b.endpoint)];
      const before = vendors.map((v) => v.calls.filter((c) => c === 'listResources').length);
      let token: string | null = null;
      let items = 0;
      do {
        // An order of its own, so that no earlier walk left pages behind.
        const answer: any = await viewer.get(scoped(`/v1/resources?pageSize=2&orderBy=createdAt%20desc${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`, a.id, b.id));
        items += answer.body.items.length;
        token = answer.body.nextPageToken;
      } while (token);
      const calls = vendors.map((v, i) => v.calls.filter((c) => c === 'listResources').length - before[i]);
      expect(items).toBe(10);
      // Five resources each, two a page: pages at offsets 0, 2 and 4 per connection, each read once
      // (without the cache each request would read both connections' current pages again: 10 or more).
      expect(calls).toEqual([3, 3]);
    });

    it('orders recovery points newest first by default and can reverse', async () => {
      const desc = await viewer.get(scoped('/v1/recovery-points?pageSize=500', a.id, b.id));
      const times = desc.body.items.map((i: { createdAt: string }) => i.createdAt);
      expect(times.length).toBe(20);
      expect(times).toEqual([...times].sort().reverse());
      const asc = await viewer.get(scoped('/v1/recovery-points?pageSize=500&orderBy=createdAt%20asc', a.id, b.id));
      expect(asc.body.items.map((i: { createdAt: string }) => i.createdAt)).toEqual([...times].sort());
    });

    it('filters in the gateway whatever the plugin pushed down', async () => {
      const vms = await viewer.get(scoped('/v1/resources?type=vm&pageSize=500', a.id));
      expect(vms.body.items.length).toBe(3);
      expect(vms.body.items.every((r: { type: string }) => r.type === 'vm')).toBe(true);
      const named = await viewer.get(scoped('/v1/resources?name=SERVER-B&pageSize=500', a.id));
      expect(named.body.items.map((r: { name: string }) => r.name)).toEqual(['server-b1']);
    });

    it('names an unreachable connection and still answers from the others', async () => {
      testVendorAt(b.endpoint).down = true;
      try {
        const answer = await viewer.get(scoped('/v1/resources?pageSize=500', a.id, b.id));
        expect(answer.status).toBe(200);
        expect(answer.body.items).toHaveLength(5);
        expect(answer.body.unreachable).toEqual([
          { connection: b.id, provider: PROVIDER, error: expect.objectContaining({ code: 'vendor_unavailable', status: 502 }), leftOut: false },
        ]);
        const alone = await viewer.get(scoped('/v1/resources', b.id));
        expect(alone.status).toBe(502);
        expect(alone.body).toMatchObject({ code: 'vendor_unavailable', provider: PROVIDER, connection: b.id });
      } finally {
        testVendorAt(b.endpoint).down = false;
      }
    });

    it('walks to an end while a connection stays down: tried on 3 pages, then left out', async () => {
      testVendorAt(b.endpoint).down = true;
      try {
        const seen: string[] = [];
        const leftOut: boolean[] = [];
        let token: string | null = null;
        let pages = 0;
        do {
          // An order no other test walks: pages kept from earlier walks (ListService) must not answer for the down vendor.
          const answer: any = await viewer.get(scoped(`/v1/resources?pageSize=1&orderBy=name%20desc${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`, a.id, b.id));
          seen.push(...answer.body.items.map((r: { id: string }) => r.id));
          leftOut.push(...answer.body.unreachable.map((u: { leftOut: boolean }) => u.leftOut));
          token = answer.body.nextPageToken;
          pages += 1;
        } while (token && pages < 50);
        expect(token).toBeNull();
        expect(leftOut).toEqual([false, false, true]);
        expect(new Set(seen).size).toBe(5);
        expect(seen).toHaveLength(5);
        // What the lists learned shows in /v1/connections.
        const down = await viewer.get(`/v1/connections/${b.id}`);
        expect(down.body.status).toMatchObject({ state: 'error', message: expect.stringContaining('vendor_unavailable') });
      } finally {
        testVendorAt(b.endpoint).down = false;
      }
      await viewer.get(scoped('/v1/resources?pageSize=1', b.id));
      expect((await viewer.get(`/v1/connections/${b.id}`)).body.status.state).toBe('ok');
    });

    it('answers without a connection slower than LIST_TIMEOUT_MS, naming it', async () => {
      testVendorAt(b.endpoint).delayMs = 900;
      try {
        // The vendor would answer within VENDOR_TIMEOUT_MS (1500): only the list timeout (400) can time it out.
        const answer = await viewer.get(scoped('/v1/resources?pageSize=500', a.id, b.id));
        expect(answer.body.items).toHaveLength(5);
        expect(answer.body.unreachable).toEqual([expect.objectContaining({ connection: b.id, error: expect.objectContaining({ code: 'vendor_timeout', status: 504 }) })]);
      } finally {
        testVendorAt(b.endpoint).delayMs = 0;
      }
    });

    it('refuses a tampered page token, and one from another query', async () => {
      const first = await viewer.get(scoped('/v1/resources?pageSize=2', a.id, b.id));
      const token: string = first.body.nextPageToken;
      const flipped = token.slice(0, 5) + (token[5] === 'A' ? 'B' : 'A') + token.slice(6);
      const tampered = await viewer.get(scoped(`/v1/resources?pageSize=2&pageToken=${encodeURIComponent(flipped)}`, a.id, b.id));
      expect(tampered.status).toBe(400);
      expect(tampered.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'pageToken', message: expect.any(String) }] });
      const otherQuery = await viewer.get(scoped(`/v1/resources?pageSize=2&type=vm&pageToken=${encodeURIComponent(token)}`, a.id, b.id));
      expect(otherQuery.status).toBe(400);
      const garbage = await viewer.get(`/v1/resources?pageToken=%00%01garbage`);
      expect(garbage.status).toBe(400);
    });

    it('validates list parameters', async () => {
      const answer = await viewer.get('/v1/resources?pageSize=501&orderBy=size&unknown=1');
      expect(answer.status).toBe(400);
      const fields = answer.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['orderBy', 'pageSize', 'unknown']);
    });
  });

  describe('objects by id', () => {
    it('round-trips ids and refuses tampered ones', async () => {
      const list = await viewer.get(scoped('/v1/resources?pageSize=1', a.id));
      const resource = list.body.items[0];
      expect(resource).toMatchObject({ provider: PROVIDER, connection: a.id, nativeId: 'res-000', type: 'vm', nativeType: 'test::server' });
      const got = await viewer.get(`/v1/resources/${resource.id}`);
      expect(got.body).toEqual(resource);
      const full = await viewer.get(`/v1/resources/${resource.id}?view=full`);
      expect(full.body).toHaveProperty('native');

      expect((await viewer.get(`/v1/resources/${resource.id.slice(0, -2)}zz`)).status).toBe(400);
      const wrongKind = await viewer.get(`/v1/policies/${resource.id}`);
      expect(wrongKind.status).toBe(400);
      expect(wrongKind.body.errors[0]).toEqual({ field: 'id', message: expect.stringMatching(/not a policy id/) });
      const unknownConnection = resource.id.replace(/^res_./, 'res_A');
      expect([400, 404]).toContain((await viewer.get(`/v1/resources/${unknownConnection}`)).status);
    });

    it('answers not_found for an object the vendor does not have', async () => {
      const rp = (await viewer.get(scoped('/v1/recovery-points?pageSize=1', a.id))).body.items[0];
      const missing = rp.id.slice(0, 3) + Buffer.from(Buffer.concat([Buffer.from(rp.id.slice(3), 'base64url').subarray(0, 16), Buffer.from('rp-missing')])).toString('base64url');
      const answer = await viewer.get(`/v1/recovery-points/${missing}`);
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ code: 'not_found', provider: PROVIDER, connection: a.id });
    });

    it('answers 504 vendor_timeout when the vendor is too slow', async () => {
      testVendorAt(a.endpoint).delayMs = 3000;
      try {
        const answer = await viewer.get(scoped('/v1/vaults', a.id));
        expect(answer.status).toBe(504);
        expect(answer.body.code).toBe('vendor_timeout');
      } finally {
        testVendorAt(a.endpoint).delayMs = 0;
      }
    });
  });

  describe('policies', () => {
    it('creates with structured, rrule and cron schedules and answers each with its rrule', async () => {
      const resource = (await viewer.get(scoped('/v1/resources?pageSize=1', a.id))).body.items[0];
      const created = await operator.post('/v1/policies', {
        connection: a.id,
        name: `nightly-${randomUUID().slice(0, 6)}`,
        schedules: [{ frequency: 'daily', interval: 1, at: { hour: 2, minute: 30 }, timezone: 'UTC' }, { rrule: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=4;BYMINUTE=0' }, { cron: '15 3 1 * *' }],
        retention: { keepLast: 7 },
        resources: [resource.id],
      });
      expect(created.status).toBe(201);
      expect(created.body.schedules.map((s: { rrule: string }) => s.rrule)).toEqual([
        'FREQ=DAILY;INTERVAL=1;BYHOUR=2;BYMINUTE=30',
        'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;BYHOUR=4;BYMINUTE=0',
        'FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=1;BYHOUR=3;BYMINUTE=15',
      ]);
      expect(created.body.schedules[0].cron).toBe('30 2 * * *');
      expect(created.body.warnings).toEqual(['the test vendor keeps only the first schedule']);
      expect(created.body.resources).toEqual([resource.id]);
      const got = await viewer.get(`/v1/policies/${created.body.id}`);
      expect(got.body.name).toBe(created.body.name);
      const covered = await viewer.get(`/v1/resources?policy=${created.body.id}`);
      expect(covered.body.items.map((r: { id: string }) => r.id)).toEqual([resource.id]);
    });

    it('refuses what the vendor cannot express before calling it, naming each field', async () => {
      const limitedConnection = await t.connect(LIMITED);
      const vendor = testVendorAt(limitedConnection.endpoint);
      const before = vendor.calls.length;
      const answer = await operator.post('/v1/policies', {
        connection: limitedConnection.id,
        name: 'too-much',
        schedules: [{ frequency: 'daily', interval: 1, at: { hour: 25, minute: 0 }, timezone: 'Mars/Base' }],
        retention: { keepDays: 30 },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['retention.keepDays', 'schedules[0].at.hour', 'schedules[0].timezone']);
      expect(vendor.calls.length).toBe(before);
    });

    it('dry-runs a policy without calling the vendor', async () => {
      const vendor = testVendorAt(a.endpoint);
      const before = vendor.calls.filter((c) => c === 'createPolicy').length;
      const answer = await operator.post('/v1/policies/validate', {
        connection: a.id,
        name: 'dry',
        schedules: [{ cron: '0 */6 * * *' }],
        retention: { keepDays: 3 },
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ provider: PROVIDER, connection: a.id, translation: { testPolicy: { name: 'dry', every: 'hourly' } }, warnings: [] });
      expect(vendor.calls.filter((c) => c === 'createPolicy').length).toBe(before);
    });

    it('passes on the vendor refusal as vendor_rejected with the vendor detail', async () => {
      const answer = await operator.post('/v1/policies', { connection: a.id, name: 'rejected-by-vendor', schedules: [], retention: { keepLast: 1 } });
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ code: 'vendor_rejected', vendor: { status: 400, code: 'TEST.0001' }, provider: PROVIDER });
    });

    it('will not delete recovery points silently with a policy', async () => {
      const created = await operator.post('/v1/policies', { connection: a.id, name: `del-${randomUUID().slice(0, 6)}`, schedules: [], retention: { keepLast: 1 } });
      const refused = await operator.delete(`/v1/policies/${created.body.id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toMatch(/confirm=delete-recovery-points/);
      expect((await viewer.get(`/v1/policies/${created.body.id}`)).status).toBe(200);
      expect((await operator.delete(`/v1/policies/${created.body.id}?confirm=delete-recovery-points`)).status).toBe(204);
      expect((await viewer.get(`/v1/policies/${created.body.id}`)).status).toBe(404);
      const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
      await db.connect();
      try {
        const audit = await db.query('SELECT action, details FROM audit_events WHERE target = $1 ORDER BY id', [created.body.id]);
        expect(audit.rows).toEqual([
          { action: 'policy.create', details: expect.objectContaining({ provider: PROVIDER }) },
          { action: 'policy.delete', details: { deleteRecoveryPoints: true } },
        ]);
      } finally {
        await db.end();
      }
    });

    it('updates by merging into what the vendor has', async () => {
      const created = await operator.post('/v1/policies', { connection: a.id, name: `upd-${randomUUID().slice(0, 6)}`, schedules: [{ cron: '0 1 * * *' }], retention: { keepLast: 3 } });
      const updated = await operator.patch(`/v1/policies/${created.body.id}`, { enabled: false });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ enabled: false, retention: { keepLast: 3 }, name: created.body.name });
      expect(updated.body.schedules[0].rrule).toBe('FREQ=DAILY;INTERVAL=1;BYHOUR=1;BYMINUTE=0');
    });
  });

  describe('backups, restores and operations', () => {
    it('starts a backup (202), follows it to the end, and lists it', async () => {
      const resource = (await viewer.get(scoped('/v1/resources?pageSize=2', a.id))).body.items[1];
      const started = await operator.post('/v1/backups', { resource: resource.id });
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({ type: 'backup', status: 'running', done: false, provider: PROVIDER, connection: a.id, request: { resource: resource.id } });
      expect(started.body.job).toMatch(/^job_/);

      const second = await operator.post('/v1/backups', { resource: resource.id });
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ code: 'conflict', operation: started.body.id });

      const operation = await waitForOperation(viewer, started.body.id);
      expect(operation).toMatchObject({ status: 'succeeded', done: true, progress: { percent: 100 } });
      expect(operation.result.recoveryPoints).toHaveLength(1);
      expect((await viewer.get(`/v1/recovery-points/${operation.result.recoveryPoints[0]}`)).status).toBe(200);

      const listed = await viewer.get('/v1/operations?type=backup&pageSize=500');
      expect(listed.body.items.map((o: { id: string }) => o.id)).toContain(started.body.id);
    });

    it('replays an Idempotency-Key answer and refuses the key with another body', async () => {
      const resources = (await viewer.get(scoped('/v1/resources?pageSize=4', a.id))).body.items;
      const key = randomUUID();
      const first = await operator.post('/v1/backups', { resource: resources[2].id }, { 'idempotency-key': key });
      const again = await operator.post('/v1/backups', { resource: resources[2].id }, { 'idempotency-key': key });
      expect(first.status).toBe(202);
      expect(again.status).toBe(202);
      expect(again.body.id).toBe(first.body.id);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const other = await operator.post('/v1/backups', { resource: resources[3].id }, { 'idempotency-key': key });
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('idempotency_key_reused');
    });

    it('cancels a running operation and refuses to cancel a finished one', async () => {
      const resource = (await viewer.get(scoped('/v1/resources?pageSize=5', a.id))).body.items[4];
      const started = await operator.post('/v1/backups', { resource: resource.id });
      const cancelling = await operator.post(`/v1/operations/${started.body.id}/cancel`);
      expect(cancelling.status).toBe(200);
      expect(cancelling.body.status).toBe('cancelling');
      const after = await waitForOperation(viewer, started.body.id);
      expect(after).toMatchObject({ status: 'cancelled', done: true });
      const again = await operator.post(`/v1/operations/${started.body.id}/cancel`);
      expect(again.status).toBe(409);
    });

    it('restores to the original location and validates options against the plugin schema', async () => {
      const rp = (await viewer.get(scoped('/v1/recovery-points?pageSize=1', b.id))).body.items[0];
      const options = await viewer.get(`/v1/recovery-points/${rp.id}/restore-options`);
      expect(options.body.options.properties.powerOn).toEqual({ type: 'boolean', default: true });
      const bad = await operator.post('/v1/restores', { recoveryPoint: rp.id, target: { mode: 'original' }, options: { powerOn: 'yes' } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('options.powerOn');
      const started = await operator.post('/v1/restores', { recoveryPoint: rp.id, target: { mode: 'original' } });
      expect(started.status).toBe(202);
      expect(started.body.type).toBe('restore');
      const unsupported = await operator.post('/v1/restores', { recoveryPoint: rp.id, target: { mode: 'alternate', name: 'copy' } });
      expect(unsupported.status).toBe(501);
      expect(unsupported.body).toMatchObject({ code: 'capability_not_supported', capability: 'restores.alternate' });
    });

    it('holds restores of a plugin without a schema to what GET restore-options publishes for it', async () => {
      const connection = await t.connect(NO_SCHEMA);
      const rp = (await viewer.get(scoped('/v1/recovery-points?pageSize=1', connection.id))).body.items[0];
      const published = await viewer.get(`/v1/recovery-points/${rp.id}/restore-options`);
      expect(published.body.options).toEqual({ type: 'object', properties: {}, additionalProperties: false });
      const refused = await operator.post('/v1/restores', { recoveryPoint: rp.id, target: { mode: 'original' }, options: { powerOn: true } });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: 'options.powerOn', message: 'is not a known field' }]);
      expect((await operator.post('/v1/restores', { recoveryPoint: rp.id, target: { mode: 'original' } })).status).toBe(202);
    });

    it('answers capability_not_supported without calling a plugin that cannot do it', async () => {
      const limitedConnection = await t.connect(LIMITED);
      const rp = (await viewer.get(scoped('/v1/recovery-points?pageSize=1', limitedConnection.id))).body.items[0];
      const vendor = testVendorAt(limitedConnection.endpoint);
      const before = vendor.calls.length;
      const answer = await operator.post('/v1/restores', { recoveryPoint: rp.id, target: { mode: 'original' } });
      expect(answer.status).toBe(501);
      expect(vendor.calls.length).toBe(before);
    });
  });

  describe('providers and enablement', () => {
    it('lists providers with capabilities and connection schemas', async () => {
      const answer = await viewer.get('/v1/providers');
      expect(answer.body.map((p: { id: string }) => p.id)).toEqual([PROVIDER, LIMITED, NO_SCHEMA]);
      expect(answer.body[1]).toMatchObject({ enabled: true, capabilities: { restores: { original: false } }, connectionSchema: { credentials: { required: ['type', 'token'] } } });
    });

    it('disables a plugin at once: its calls answer provider_disabled and lists leave it out', async () => {
      const limitedConnection = await t.connect(LIMITED);
      const disabled = await t.admin.patch(`/v1/providers/${LIMITED}`, { enabled: false });
      expect(disabled.body.enabled).toBe(false);
      try {
        const list = await viewer.get(`/v1/resources?provider=${LIMITED}`);
        expect(list.status).toBe(200);
        expect(list.body.items).toEqual([]);
        const any = (await viewer.get(scoped('/v1/resources?pageSize=1', a.id))).body.items[0];
        expect(any.provider).toBe(PROVIDER);
        const test = await t.admin.post(`/v1/connections/${limitedConnection.id}/test`);
        expect(test.status).toBe(409);
        expect(test.body.code).toBe('provider_disabled');
        expect((await viewer.get(`/v1/providers/${LIMITED}`)).body.enabled).toBe(false);
      } finally {
        await t.admin.patch(`/v1/providers/${LIMITED}`, { enabled: true });
      }
      expect((await t.admin.post(`/v1/connections/${limitedConnection.id}/test`)).body.status.state).toBe('ok');
    });
  });

  describe('connections', () => {
    it('stores credentials encrypted and never returns them', async () => {
      const secret = `${TEST_TOKEN}`;
      const created = await t.admin.post('/v1/connections', {
        provider: PROVIDER,
        name: `secret-${randomUUID().slice(0, 6)}`,
        endpoint: `http://test.invalid/${randomUUID()}`,
        credentials: { type: 'token', token: secret },
      });
      expect(created.status).toBe(201);
      expect(created.body.credentials).toEqual({ type: 'token', configured: true });
      expect(created.body.status.state).toBe('ok');
      const everything = JSON.stringify([(await t.admin.get('/v1/connections')).body, (await t.admin.get(`/v1/connections/${created.body.id}`)).body]);
      expect(everything).not.toContain(secret);

      const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
      await db.connect();
      try {
        const rows = await db.query('SELECT * FROM connections WHERE id = $1', [created.body.id]);
        expect(rows.rows).toHaveLength(1);
        expect(JSON.stringify(rows.rows[0])).not.toContain(secret);
        expect(rows.rows[0].credentials_sealed).toMatch(/^v1\./);
        const audit = await db.query('SELECT details FROM audit_events WHERE target = $1', [created.body.id]);
        expect(audit.rows.length).toBeGreaterThan(0);
        expect(JSON.stringify(audit.rows)).not.toContain(secret);
      } finally {
        await db.end();
      }
    });

    it('refuses bad credentials live and stores nothing', async () => {
      const name = `bad-${randomUUID().slice(0, 6)}`;
      const answer = await t.admin.post('/v1/connections', { provider: PROVIDER, name, endpoint: 'http://test.invalid/x', credentials: { type: 'token', token: 'wrong-token-123' } });
      expect(answer.status).toBe(502);
      expect(answer.body.code).toBe('vendor_unavailable');
      const list = await t.admin.get('/v1/connections');
      expect(list.body.map((c: { name: string }) => c.name)).not.toContain(name);
      const skipped = await t.admin.post('/v1/connections?validate=false', { provider: PROVIDER, name, endpoint: 'http://test.invalid/x', credentials: { type: 'token', token: 'wrong-token-123' } });
      expect(skipped.status).toBe(201);
      expect(skipped.body.status.state).toBe('unknown');
      const tested = await t.admin.post(`/v1/connections/${skipped.body.id}/test`);
      expect(tested.body.status).toMatchObject({ state: 'error', message: expect.stringMatching(/vendor_unavailable/) });
    });

    it('validates config and credentials against the plugin schema, naming fields but never values', async () => {
      const answer = await t.admin.post('/v1/connections', {
        provider: PROVIDER,
        name: 'schema',
        endpoint: 'http://test.invalid/y',
        config: { project: '', extra: 1 },
        credentials: { type: 'token', token: 'short', pasword: 'typo-secret' },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['config.extra', 'config.project', 'credentials.pasword', 'credentials.token']);
      expect(JSON.stringify(answer.body)).not.toContain('typo-secret');
    });

    it('refuses a duplicate name, an unknown provider and a malformed id', async () => {
      const name = (await t.admin.get(`/v1/connections/${a.id}`)).body.name;
      const duplicate = await t.admin.post('/v1/connections', { provider: PROVIDER, name, endpoint: 'http://test.invalid/z', credentials: { type: 'token', token: TEST_TOKEN } });
      expect(duplicate.status).toBe(409);
      const unknown = await t.admin.post('/v1/connections', { provider: 'nope', name: 'n', endpoint: 'http://test.invalid/z', credentials: { type: 'token', token: TEST_TOKEN } });
      expect(unknown.status).toBe(404);
      expect((await t.admin.get('/v1/connections/not-a-uuid')).status).toBe(400);
      expect((await t.admin.get(`/v1/connections/${randomUUID()}`)).status).toBe(404);
    });
  });

  describe('bad input', () => {
    it('answers malformed JSON, wrong types and oversized bodies with problems, never 500', async () => {
      const malformed = await operator.request('POST', '/v1/backups', '{"resource":', { 'content-type': 'application/json' });
      expect(malformed.status).toBe(400);
      expect(malformed.headers.get('content-type')).toMatch(/problem\+json/);
      const wrongType = await operator.post('/v1/backups', { resource: 42 });
      expect(wrongType.status).toBe(400);
      expect(wrongType.body.errors[0].field).toBe('resource');
      const huge = await operator.post('/v1/backups', { resource: 'x'.repeat(2 * 1024 * 1024) });
      expect(huge.status).toBe(413);
      const unknownRoute = await viewer.get('/v1/nothing-here');
      expect(unknownRoute.status).toBe(404);
      expect(unknownRoute.body.code).toBe('not_found');
    });

    it('sets x-request-id and serves metrics', async () => {
      const answer = await viewer.get('/v1/providers', { 'x-request-id': 'trace-123' });
      expect(answer.headers.get('x-request-id')).toBe('trace-123');
      const metrics = await t.anonymous.get('/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.body).toMatch(/backbridge_http_request_duration_seconds_count\{method="GET",route="\/v1\/providers",status="200"\}/);
    });
  });
});
