import { encodeUnifiedId } from '@backbridge/core';
import type { RunningEmulator } from '@backbridge/emulator-kit';
import { ibmBackupRecoveryPlugin } from '@backbridge/ibm-backup-recovery';
import { ibmBackupRecoveryEmulator } from '@backbridge/ibm-backup-recovery/emulator';
import { startTestGateway, type ApiClient, type TestGateway } from '../support/test-gateway';

const PROVIDER = 'ibm-backup-recovery';

/** Polls an operation (each GET refreshes it from the vendor) until it is done. */
async function followOperation(client: ApiClient, id: string): Promise<any> {
  for (let i = 0; i < 100; i += 1) {
    const answer = await client.get(`/v1/operations/${id}`);
    expect(answer.status).toBe(200);
    if (answer.body.done) return answer.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`operation ${id} did not finish`);
}

describe('IBM Cloud Backup and Recovery through the unified API', () => {
  let t: TestGateway;
  let emulator: RunningEmulator;
  let connectionId: string;
  let operator: ApiClient;
  let viewer: ApiClient;
  const scoped = (path: string) => `${path}${path.includes('?') ? '&' : '?'}connection=${connectionId}`;

  beforeAll(async () => {
    // Slow enough that a cancel reaches a running backup on a busy machine: a backup takes 600 ms.
    emulator = await ibmBackupRecoveryEmulator.start({ timeScale: 0.2 });
    t = await startTestGateway({ plugins: [ibmBackupRecoveryPlugin] });
    const created = await t.admin.post('/v1/connections', {
      provider: PROVIDER,
      name: `ibm-${Date.now()}`,
      endpoint: emulator.endpoint,
      region: emulator.region,
      config: emulator.config,
      credentials: emulator.credentials,
    });
    expect(created.status).toBe(201);
    connectionId = created.body.id;
    operator = await t.as('operator');
    viewer = await t.as('viewer');
  });

  afterAll(async () => {
    await t?.close();
    await emulator?.stop();
  });

  it('lists the hosts and SQL objects of the instance as resources, by name', async () => {
    const answer = await viewer.get(scoped('/v1/resources?pageSize=100'));
    expect(answer.status).toBe(200);
    const names = answer.body.items.map((r: { name: string }) => r.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['app-lnx-01', 'sales', 'sql-win-01/MSSQLSERVER']));
    const sales = answer.body.items.find((r: { name: string }) => r.name === 'sales');
    expect(sales).toMatchObject({ type: 'database', nativeType: 'kSQL/kDatabase' });
    const databases = await viewer.get(scoped('/v1/resources?type=database&pageSize=100'));
    expect(databases.body.items.map((r: { name: string }) => r.name).sort()).toEqual(['inventory', 'payroll', 'sales']);
  });

  it('creates, reads, updates and deletes a policy (a protection group with its own protection policy)', async () => {
    const resources = (await viewer.get(scoped('/v1/resources?pageSize=100'))).body.items;
    const build = resources.find((r: { name: string }) => r.name === 'build-lnx-03');
    const created = await operator.post('/v1/policies', {
      connection: connectionId,
      name: 'e2e-build-hosts',
      description: 'Build host, nightly',
      schedules: [{ frequency: 'daily', at: { hour: 2, minute: 30 }, timezone: 'Europe/Berlin' }],
      retention: { keepLast: 14 },
      resources: [build.id],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'e2e-build-hosts',
      enabled: true,
      schedules: [{ frequency: 'daily', interval: 1, at: { hour: 2, minute: 30 }, timezone: 'Europe/Berlin' }],
      retention: { keepDays: 14 },
      resources: [build.id],
    });
    expect(created.body.warnings.join(' ')).toMatch(/keepLast 14 is kept as 14 days/);

    const read = await viewer.get(`/v1/policies/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ name: 'e2e-build-hosts', retention: { keepDays: 14 } });

    const updated = await operator.patch(`/v1/policies/${created.body.id}`, {
      enabled: false,
      schedules: [{ frequency: 'weekly', daysOfWeek: ['MO', 'TH'], at: { hour: 23, minute: 0 }, timezone: 'UTC' }],
      retention: { gfs: { daily: 7, weekly: 4, monthly: 6 } },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      enabled: false,
      schedules: [{ frequency: 'weekly', daysOfWeek: ['MO', 'TH'], at: { hour: 23, minute: 0 }, timezone: 'UTC' }],
      retention: { gfs: { daily: 7, weekly: 4, monthly: 6 } },
    });

    const mixed = await operator.patch(`/v1/policies/${created.body.id}`, { resources: [build.id, resources.find((r: { name: string }) => r.name === 'payroll').id] });
    expect(mixed.status).toBe(400);

    expect((await operator.delete(`/v1/policies/${created.body.id}`)).status).toBe(204);
    expect((await viewer.get(`/v1/policies/${created.body.id}`)).status).toBe(404);
  });

  it('backs up a resource to a recovery point, finds it by resource and restores it', async () => {
    const resource = (await viewer.get(scoped('/v1/resources?name=app-lnx-01'))).body.items[0];
    const started = await operator.post('/v1/backups', { resource: resource.id });
    expect(started.status).toBe(202);
    const backup = await followOperation(viewer, started.body.id);
    expect(backup).toMatchObject({ type: 'backup', status: 'succeeded', done: true });
    expect(backup.result.recoveryPoints).toHaveLength(1);
    const pointId = backup.result.recoveryPoints[0];

    const points = await viewer.get(`/v1/recovery-points?resource=${resource.id}&pageSize=500`);
    expect(points.status).toBe(200);
    expect(points.body.items.map((p: { id: string }) => p.id)).toContain(pointId);
    const point = points.body.items.find((p: { id: string }) => p.id === pointId);
    expect(point).toMatchObject({ status: 'available', kind: 'incremental', resource: resource.id });
    expect(points.body.items[0].id).toBe(pointId);

    const restore = await operator.post('/v1/restores', { recoveryPoint: pointId, target: { mode: 'original' }, options: { paths: ['/etc/'] } });
    expect(restore.status).toBe(202);
    const restored = await followOperation(viewer, restore.body.id);
    expect(restored).toMatchObject({ type: 'restore', status: 'succeeded', done: true, result: { resources: [resource.id] } });

    const hosts = (await viewer.get(scoped('/v1/resources?name=app-lnx-02'))).body.items;
    const alternate = await operator.post('/v1/restores', {
      recoveryPoint: pointId,
      target: { mode: 'alternate', location: { hostId: hosts[0].nativeId, path: '/restore/app-lnx-01' } },
    });
    expect(alternate.status).toBe(202);
    expect(await followOperation(viewer, alternate.body.id)).toMatchObject({ status: 'succeeded', result: { resources: [hosts[0].id] } });

    // The run held this one object only, so its point can be deleted.
    const deleted = await operator.delete(`/v1/recovery-points/${pointId}`);
    expect([deleted.status, deleted.body]).toEqual([204, undefined]);
    expect((await viewer.get(`/v1/recovery-points/${pointId}`)).status).toBe(404);
  });

  it('cancels a running backup and runs a whole policy', async () => {
    const sales = (await viewer.get(scoped('/v1/resources?name=sales'))).body.items[0];
    const started = await operator.post('/v1/backups', { resource: sales.id });
    expect(started.status).toBe(202);
    const cancelling = await operator.post(`/v1/operations/${started.body.id}/cancel`);
    expect(cancelling.status).toBe(200);
    expect(await followOperation(viewer, started.body.id)).toMatchObject({ status: 'cancelled' });

    const policy = (await viewer.get(scoped('/v1/policies?name=pg-sql-databases'))).body.items[0];
    const run = await operator.post(`/v1/policies/${policy.id}/run`);
    expect(run.status).toBe(202);
    const done = await followOperation(viewer, run.body.id);
    expect(done).toMatchObject({ status: 'succeeded' });
    expect(done.result.recoveryPoints).toHaveLength(2);
  });

  it('lists backup runs and recoveries as jobs', async () => {
    const jobs = await viewer.get(scoped('/v1/jobs?pageSize=500'));
    expect(jobs.status).toBe(200);
    const types = new Set(jobs.body.items.map((j: { type: string }) => j.type));
    expect(types).toEqual(new Set(['backup', 'restore']));
    expect(jobs.body.items.length).toBeGreaterThan(30);
    const failed = jobs.body.items.find((j: { status: string }) => j.status === 'failed');
    expect(failed.error.message).toEqual(expect.any(String));
  });

  it('answers 501 capability_not_supported for what IBM cannot do', async () => {
    const point = (await viewer.get(scoped('/v1/recovery-points?pageSize=1'))).body.items[0];
    // Lists leave out connections that cannot list the kind; reading one answers 501.
    const vaults = await viewer.get(scoped('/v1/vaults'));
    expect(vaults.status).toBe(200);
    expect(vaults.body.items).toEqual([]);

    const vault = await viewer.get(`/v1/vaults/${encodeUnifiedId('vault', connectionId, 'local')}`);
    expect(vault.status).toBe(501);
    expect(vault.body.code).toBe('capability_not_supported');

    const restore = await operator.post('/v1/restores', { recoveryPoint: point.id, target: { mode: 'original' } });
    expect(restore.status).toBe(202);
    const cancel = await operator.post(`/v1/operations/${restore.body.id}/cancel`);
    expect(cancel.status).toBe(501);
    expect(cancel.body.code).toBe('capability_not_supported');
    await followOperation(viewer, restore.body.id);
  });
});
