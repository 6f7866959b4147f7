import { encodeUnifiedId } from '@backbridge/core';
import { cpmPlugin } from '@backbridge/cpm';
import { cpmEmulator, type RunningCpmEmulator } from '@backbridge/cpm/emulator';
import { startTestGateway, type ApiClient, type TestGateway } from '../support/test-gateway';

/** The CPM plugin through the real gateway, against the CPM emulator, as a client would use it. */
describe('the unified API over the CPM plugin', () => {
  let t: TestGateway;
  let emulator: RunningCpmEmulator;
  let operator: ApiClient;
  let connection: string;
  const resources: Record<string, { id: string; type: string; nativeId: string }> = {};

  beforeAll(async () => {
    // Runs take 3 s at timeScale 1 (I → P → B); 0.05 makes them 150 ms.
    emulator = await cpmEmulator.start({ timeScale: 0.05 });
    t = await startTestGateway({ plugins: [cpmPlugin] });
    operator = await t.as('operator');
    const created = await t.admin.post('/v1/connections', {
      provider: 'cpm',
      name: 'cpm-e2e',
      endpoint: emulator.endpoint,
      config: emulator.config,
      credentials: emulator.credentials,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ provider: 'cpm', credentials: { type: 'apiKey', configured: true }, status: { state: 'ok', message: expect.stringContaining('CPM 3.0.0') } });
    connection = created.body.id;
  });
  afterAll(async () => {
    await t?.close();
    await emulator?.stop();
  });

  /** Polls GET /v1/operations/{id} (each GET refreshes from CPM) until it is done. */
  async function finished(operationId: string) {
    for (let i = 0; i < 50; i++) {
      const answer = await operator.get(`/v1/operations/${operationId}`);
      expect(answer.status).toBe(200);
      if (answer.body.done) return answer.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`operation ${operationId} did not finish`);
  }

  it('lists the protected instances, volumes, databases, clusters and file systems', async () => {
    const answer = await operator.get(`/v1/resources?connection=${connection}&pageSize=50`);
    expect(answer.status).toBe(200);
    expect(answer.body.unreachable).toEqual([]);
    for (const item of answer.body.items) resources[item.name] = item;
    expect(Object.keys(resources).sort()).toEqual(
      ['analytics-aurora', 'db-01', 'db-data', 'db-logs', 'orders-db', 'sessions', 'shared-assets', 'warehouse', 'web-01', 'web-02', 'web-data'],
    );
    expect(resources['web-01']).toMatchObject({ type: 'vm', nativeType: 'instances', region: 'us-east-1', lastBackupAt: expect.any(String) });
    expect(resources['db-data']).toMatchObject({ type: 'volume', nativeType: 'volumes', zone: 'eu-west-1a' });
    expect(resources['orders-db']).toMatchObject({ type: 'database', nativeType: 'rds_databases', zone: 'us-east-1a' });
    expect(resources['sessions']).toMatchObject({ type: 'database', nativeType: 'dynamodb_tables' });
    expect(resources['analytics-aurora']).toMatchObject({ type: 'database-cluster', nativeType: 'rds_clusters' });
    expect(resources['warehouse']).toMatchObject({ type: 'database-cluster', nativeType: 'redshift_clusters' });
    expect(resources['shared-assets']).toMatchObject({ type: 'file-system', nativeType: 'efs' });
  });

  it('creates, reads, updates and deletes a policy (deleting only with the confirmation)', async () => {
    const created = await operator.post('/v1/policies', {
      connection,
      name: 'e2e-nightly',
      description: 'made by the e2e test',
      schedules: [{ frequency: 'weekly', daysOfWeek: ['MO', 'TH'], at: { hour: 3, minute: 15 }, timezone: 'Europe/Berlin' }],
      retention: { keepLast: 5 },
      resources: [resources['web-01'].id, resources['web-data'].id],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'e2e-nightly',
      enabled: true,
      schedules: [{ frequency: 'weekly', interval: 1, daysOfWeek: ['MO', 'TH'], at: { hour: 3, minute: 15 }, timezone: 'Europe/Berlin' }],
      retention: { keepLast: 5 },
      resources: [resources['web-01'].id, resources['web-data'].id].sort(),
    });
    const id = created.body.id;
    expect((await operator.get(`/v1/policies/${id}`)).body).toMatchObject({ name: 'e2e-nightly', retention: { keepLast: 5 } });

    const updated = await operator.patch(`/v1/policies/${id}`, { enabled: false, retention: { keepLast: 9 }, resources: [resources['web-02'].id] });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ enabled: false, retention: { keepLast: 9 }, resources: [resources['web-02'].id], schedules: [{ daysOfWeek: ['MO', 'TH'] }] });
    expect((await operator.get(`/v1/resources/${resources['web-02'].id}`)).body.policies).toContain(id);

    const unconfirmed = await operator.delete(`/v1/policies/${id}`);
    expect(unconfirmed.status).toBe(409);
    expect((await operator.request('DELETE', `/v1/policies/${id}?confirm=delete-recovery-points`)).status).toBe(204);
    expect((await operator.get(`/v1/policies/${id}`)).status).toBe(404);
  });

  it('refuses a policy CPM cannot store before sending it', async () => {
    const answer = await operator.post('/v1/policies', {
      connection,
      name: 'spaces are not allowed',
      schedules: [{ frequency: 'daily', at: { hour: 1, minute: 0 } }],
      retention: { keepLast: 3 },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'name' }] });
  });

  let recoveryPoint: string;

  it('backs up a resource by running its policy, to a succeeded operation naming the recovery point', async () => {
    const started = await operator.post('/v1/backups', { resource: resources['db-data'].id });
    expect(started.status).toBe(202);
    const operation = await finished(started.body.id);
    expect(operation).toMatchObject({ type: 'backup', status: 'succeeded', statusMessage: expect.stringContaining('whole policy') });
    expect(operation.result.recoveryPoints).toHaveLength(1);
    recoveryPoint = operation.result.recoveryPoints[0];

    const listed = await operator.get(`/v1/recovery-points?resource=${resources['db-data'].id}&pageSize=100`);
    expect(listed.status).toBe(200);
    expect(listed.body.items[0]).toMatchObject({ id: recoveryPoint, resource: resources['db-data'].id, status: 'available', kind: 'snapshot', resourceType: 'volume' });
    expect(listed.body.items.length).toBeGreaterThan(1);
  });

  it('restores the recovery point as a new volume, to a succeeded operation', async () => {
    const options = await operator.get(`/v1/recovery-points/${recoveryPoint}/restore-options`);
    expect(options.body).toMatchObject({ target: { properties: { mode: { enum: ['alternate'] } } }, options: { properties: { zone: { type: 'string' } } } });
    const started = await operator.post('/v1/restores', { recoveryPoint, target: { mode: 'alternate' }, options: { zone: 'eu-west-1b' } });
    expect(started.status).toBe(202);
    const operation = await finished(started.body.id);
    expect(operation).toMatchObject({ type: 'restore', status: 'succeeded', result: { resources: [expect.stringMatching(/^res_/)] } });
    expect(emulator.received.some((r) => r.method === 'POST' && /\/snapshots\/volumes\/\d+\/recover\/$/.test(r.url) && JSON.parse(r.body).zone === 'eu-west-1b')).toBe(true);
  });

  it('lists the backup and restore jobs, the new ones first', async () => {
    const answer = await operator.get(`/v1/jobs?connection=${connection}&pageSize=5`);
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((j: { type: string }) => j.type).sort()).toEqual(expect.arrayContaining(['backup', 'restore']));
    const restores = await operator.get(`/v1/jobs?connection=${connection}&type=restore&pageSize=50`);
    expect(restores.body.items).toHaveLength(3);
    expect(restores.body.items[0]).toMatchObject({ status: 'succeeded', resource: resources['db-data'].id });
  });

  it('answers 501 capability_not_supported for what CPM cannot do', async () => {
    const unsupported = async (answer: Promise<{ status: number; body: { code: string; capability: string } }>, capability: string) => {
      const { status, body } = await answer;
      expect({ status, code: body.code, capability: body.capability }).toEqual({ status: 501, code: 'capability_not_supported', capability });
    };
    await unsupported(operator.delete(`/v1/recovery-points/${recoveryPoint}`), 'recoveryPoints.delete');
    await unsupported(operator.post('/v1/restores', { recoveryPoint, target: { mode: 'original' } }), 'restores.original');
    await unsupported(operator.get(`/v1/vaults/${encodeUnifiedId('vault', connection, '1')}`), 'vaults.list');
    const running = await operator.post('/v1/backups', { resource: resources['db-01'].id });
    expect(running.status).toBe(202);
    await unsupported(operator.post(`/v1/operations/${running.body.id}/cancel`), 'jobs.cancel');
    await finished(running.body.id);
  });

  it('backs up an RDS database and restores it as a new one named by the target', async () => {
    const orders = resources['orders-db'];
    const backup = await finished((await operator.post('/v1/backups', { resource: orders.id })).body.id);
    expect(backup).toMatchObject({ type: 'backup', status: 'succeeded' });
    expect(backup.result.recoveryPoints).toHaveLength(1);
    const point = backup.result.recoveryPoints[0];
    const listed = await operator.get(`/v1/recovery-points?resource=${orders.id}&pageSize=100`);
    expect(listed.body.items[0]).toMatchObject({ id: point, resource: orders.id, resourceType: 'database', status: 'available' });

    const options = await operator.get(`/v1/recovery-points/${point}/restore-options`);
    expect(options.body).toMatchObject({ target: { properties: { name: { type: 'string' } } }, options: { properties: { dbInstanceClass: { type: 'string' } } } });
    const invalid = await operator.post('/v1/restores', { recoveryPoint: point, target: { mode: 'alternate', name: '1-starts-with-a-digit' } });
    expect(invalid.status).toBe(400);

    const started = await operator.post('/v1/restores', { recoveryPoint: point, target: { mode: 'alternate', name: 'orders-e2e' }, options: { dbInstanceClass: 'db.t3.large', multiAz: true } });
    expect(started.status).toBe(202);
    const restore = await finished(started.body.id);
    expect(restore).toMatchObject({ type: 'restore', status: 'succeeded', result: { resources: [expect.stringMatching(/^res_/)] } });
    const recover = emulator.received.find((r) => r.method === 'POST' && /\/snapshots\/rds_databases\/\d+\/recover\/$/.test(r.url));
    expect(JSON.parse(recover!.body)).toEqual({ aws_resource_id: 'orders-e2e', db_instance_class: 'db.t3.large', multi_az: true });
  });
});
