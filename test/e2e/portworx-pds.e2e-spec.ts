import type { RunningEmulator } from '@backbridge/emulator-kit';
import { portworxPdsPlugin } from '@backbridge/portworx-pds';
import { portworxPdsEmulator } from '@backbridge/portworx-pds/emulator';
import { startTestGateway, type ApiClient, type TestGateway } from '../support/test-gateway';

/** Polls GET /v1/operations/{id} (which refreshes from PDS on read) until the operation is done. */
async function settle(client: ApiClient, operationId: string): Promise<any> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const answer = await client.get(`/v1/operations/${operationId}`);
    expect(answer.status).toBe(200);
    if (answer.body.done) return answer.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`operation ${operationId} did not finish`);
}

describe('Portworx Data Services through the unified API', () => {
  let t: TestGateway;
  let emulator: RunningEmulator;
  let operator: ApiClient;
  let connection: string;

  beforeAll(async () => {
    emulator = await portworxPdsEmulator.start({ timeScale: 0.05 });
    t = await startTestGateway({ plugins: [portworxPdsPlugin] });
    operator = await t.as('operator');
    const created = await t.admin.post('/v1/connections', {
      provider: 'portworx-pds',
      name: 'pds-e2e',
      endpoint: emulator.endpoint,
      config: emulator.config,
      credentials: emulator.credentials,
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toMatchObject({ state: 'ok' });
    connection = created.body.id;
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await emulator?.stop();
  });

  const resources = async () => (await operator.get(`/v1/resources?connection=${connection}&pageSize=100`)).body.items as any[];

  it('lists the deployments as databases and database clusters, in name order', async () => {
    const items = await resources();
    expect(items.length).toBeGreaterThanOrEqual(6);
    expect(items.map((r) => r.name)).toEqual([...items.map((r) => r.name)].sort());
    expect(new Set(items.map((r) => r.type))).toEqual(new Set(['database', 'database-cluster']));
    expect(items.find((r) => r.name === 'pg-orders')).toMatchObject({ type: 'database-cluster', nativeType: 'PostgreSQL', provider: 'portworx-pds' });
  });

  it('creates, reads, updates and deletes a policy, attaching it to deployments', async () => {
    const items = await resources();
    const [first, second] = items.filter((r) => r.name === 'pg-analytics' || r.name === 'mysql-users');
    const vaults = (await operator.get(`/v1/vaults?connection=${connection}`)).body.items as any[];
    expect(vaults.length).toBe(2);
    const created = await operator.post('/v1/policies', {
      connection,
      name: 'e2e-nightly',
      schedules: [{ frequency: 'daily', at: { hour: 1, minute: 30 }, timezone: 'UTC' }],
      retention: { keepLast: 5 },
      resources: [first.id],
      vault: vaults[0].id,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'e2e-nightly', enabled: true, retention: { keepLast: 5 }, resources: [first.id], vault: vaults[0].id });
    expect(created.body.schedules[0]).toMatchObject({ frequency: 'daily', at: { hour: 1, minute: 30 }, cron: '30 1 * * *' });

    const read = await operator.get(`/v1/policies/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.resources).toEqual([first.id]);
    const protectedNow = (await operator.get(`/v1/resources/${first.id}`)).body;
    expect(protectedNow.policies).toEqual([created.body.id]);

    const updated = await operator.patch(`/v1/policies/${created.body.id}`, {
      schedules: [{ frequency: 'weekly', daysOfWeek: ['MO', 'TH'], at: { hour: 3, minute: 0 }, timezone: 'UTC' }],
      retention: { keepLast: 8 },
      resources: [second.id],
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ retention: { keepLast: 8 }, resources: [second.id] });
    expect(updated.body.schedules[0]).toMatchObject({ frequency: 'weekly', daysOfWeek: ['MO', 'TH'] });
    expect((await operator.get(`/v1/resources/${first.id}`)).body.policies).toEqual([]);

    const disabled = await operator.patch(`/v1/policies/${created.body.id}`, { enabled: false });
    expect(disabled.status).toBe(400);
    expect(disabled.body).toMatchObject({ code: 'validation_failed' });

    const deleted = await operator.delete(`/v1/policies/${created.body.id}`);
    expect(deleted.status).toBe(204);
    expect((await operator.get(`/v1/policies/${created.body.id}`)).status).toBe(404);
    expect((await operator.get(`/v1/resources/${second.id}`)).body.policies).toEqual([]);
  });

  it('backs up a deployment on demand, finds the recovery point by resource, restores it into a new deployment and lists the jobs', async () => {
    const resource = (await resources()).find((r) => r.name === 'mysql-catalog');
    const started = await operator.post('/v1/backups', { resource: resource.id, retention: { keepLast: 3 } });
    expect(started.status).toBe(202);
    const backup = await settle(operator, started.body.id);
    expect(backup).toMatchObject({ type: 'backup', status: 'succeeded' });
    expect(backup.result.recoveryPoints).toHaveLength(1);
    const recoveryPointId: string = backup.result.recoveryPoints[0];

    const points = await operator.get(`/v1/recovery-points?resource=${resource.id}&pageSize=100`);
    expect(points.status).toBe(200);
    const made = points.body.items.find((p: any) => p.id === recoveryPointId);
    expect(made).toMatchObject({ status: 'available', kind: 'full', resource: resource.id, resourceName: 'mysql-catalog' });
    expect(points.body.items.every((p: any) => p.resource === resource.id)).toBe(true);

    const restore = await operator.post('/v1/restores', { recoveryPoint: recoveryPointId, target: { mode: 'alternate', name: 'mysql-catalog-copy' } });
    expect(restore.status).toBe(202);
    const restored = await settle(operator, restore.body.id);
    expect(restored).toMatchObject({ type: 'restore', status: 'succeeded' });
    expect(restored.result.resources).toHaveLength(1);
    const copy = await operator.get(`/v1/resources/${restored.result.resources[0]}`);
    expect(copy.body).toMatchObject({ name: 'mysql-catalog-copy', nativeType: 'MySQL' });

    const jobs = await operator.get(`/v1/jobs?connection=${connection}&pageSize=500`);
    expect(jobs.status).toBe(200);
    const types = new Set(jobs.body.items.map((j: any) => j.type));
    expect(types).toEqual(new Set(['backup', 'restore']));
    expect(jobs.body.items.some((j: any) => j.recoveryPoint === recoveryPointId && j.status === 'succeeded')).toBe(true);
  });

  it('answers 501 capability_not_supported for what PDS cannot do', async () => {
    const policy = (await operator.get(`/v1/policies?connection=${connection}`)).body.items[0];
    const run = await operator.post(`/v1/policies/${policy.id}/run`);
    expect(run.status).toBe(501);
    expect(run.body).toMatchObject({ code: 'capability_not_supported', capability: 'policies.run' });

    const point = (await operator.get(`/v1/recovery-points?connection=${connection}&pageSize=1`)).body.items[0];
    const inPlace = await operator.post('/v1/restores', { recoveryPoint: point.id, target: { mode: 'original' } });
    expect(inPlace.status).toBe(501);
    expect(inPlace.body).toMatchObject({ code: 'capability_not_supported', capability: 'restores.original' });

    const resource = (await resources()).find((r) => r.name === 'redis-sessions');
    const started = await operator.post('/v1/backups', { resource: resource.id });
    expect(started.status).toBe(202);
    const cancel = await operator.post(`/v1/operations/${started.body.id}/cancel`);
    expect(cancel.status).toBe(501);
    expect(cancel.body).toMatchObject({ code: 'capability_not_supported', capability: 'jobs.cancel' });
    await settle(operator, started.body.id);
  });
});
