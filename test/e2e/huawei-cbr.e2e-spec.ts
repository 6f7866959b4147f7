import type { RunningEmulator } from '@backbridge/emulator-kit';
import { huaweiCbrPlugin } from '@backbridge/huawei-cbr';
import { huaweiCbrEmulator } from '@backbridge/huawei-cbr/emulator';
import { startTestGateway, type ApiClient, type TestGateway } from '../support/test-gateway';

/** The unified API over the Huawei CBR plugin and its emulator, as a client would use it. */
describe('the unified API over Huawei CBR', () => {
  let t: TestGateway;
  let emulator: RunningEmulator;
  let connection: string;
  let operator: ApiClient;
  let viewer: ApiClient;

  beforeAll(async () => {
    emulator = await huaweiCbrEmulator.start({ timeScale: 0.02 });
    t = await startTestGateway({ plugins: [huaweiCbrPlugin] });
    const created = await t.admin.post('/v1/connections', {
      provider: 'huawei-cbr',
      name: 'cbr-emulator',
      endpoint: emulator.endpoint,
      region: emulator.region,
      config: emulator.config,
      credentials: emulator.credentials,
    });
    if (created.status !== 201) throw new Error(`connection refused: ${created.status} ${JSON.stringify(created.body)}`);
    connection = created.body.id;
    operator = await t.as('operator');
    viewer = await t.as('viewer');
  });
  afterAll(async () => {
    await t?.close();
    await emulator?.stop();
  });

  const inConnection = (path: string) => `${path}${path.includes('?') ? '&' : '?'}connection=${connection}`;
  const resourceNamed = async (name: string) => {
    const answer = await viewer.get(inConnection(`/v1/resources?name=${name}&pageSize=500`));
    const found = answer.body.items.find((r: { name: string }) => r.name === name);
    if (!found) throw new Error(`no resource ${name} in ${JSON.stringify(answer.body)}`);
    return found;
  };
  const followToTheEnd = async (operationId: string) => {
    for (let i = 0; i < 100; i += 1) {
      const answer = await viewer.get(`/v1/operations/${operationId}`);
      if (answer.body.done) return answer.body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`operation ${operationId} did not finish`);
  };

  it('shows the connection as checked against the vendor', async () => {
    const answer = await viewer.get(`/v1/connections/${connection}`);
    expect(answer.body).toMatchObject({ provider: 'huawei-cbr', credentials: { type: 'password', configured: true }, status: { state: 'ok' } });
  });

  it('lists the servers and disks in the vaults, in name order, with their policies', async () => {
    const answer = await viewer.get(inConnection('/v1/resources?pageSize=500'));
    expect(answer.status).toBe(200);
    const names = answer.body.items.map((r: { name: string }) => r.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['ecs-web-01', 'ecs-dev-01', 'evs-logs-01']));
    const types = new Set(answer.body.items.map((r: { type: string }) => r.type));
    expect(types).toEqual(new Set(['vm', 'volume']));
    const web = answer.body.items.find((r: { name: string }) => r.name === 'ecs-web-01');
    expect(web).toMatchObject({ nativeType: 'OS::Nova::Server', region: 'ap-southeast-1' });
    expect(web.policies).toHaveLength(1);
    expect((await resourceNamed('ecs-dev-01')).policies).toEqual([]);
  });

  it('creates, reads, updates and deletes a policy bound to the vault of its resource', async () => {
    const dev = await resourceNamed('ecs-dev-01');
    const created = await operator.post('/v1/policies', {
      connection,
      name: 'e2e-dev-servers',
      schedules: [{ frequency: 'daily', interval: 1, at: { hour: 3, minute: 0 }, timezone: 'Asia/Shanghai' }],
      retention: { keepDays: 7 },
      resources: [dev.id],
    });
    expect(created.status).toBe(201);
    expect(created.body.schedules[0]).toMatchObject({ frequency: 'daily', at: { hour: 19, minute: 0 }, timezone: 'UTC', rrule: 'FREQ=DAILY;INTERVAL=1;BYHOUR=19;BYMINUTE=0' });
    expect(created.body.retention).toEqual({ keepDays: 7 });
    // CBR protects whole vaults: the other server of the vault comes along, with a warning.
    const build = await resourceNamed('ecs-build-01');
    expect([...created.body.resources].sort()).toEqual([dev.id, build.id].sort());
    expect(created.body.warnings.join(' ')).toMatch(/whole vaults/);
    expect((await resourceNamed('ecs-dev-01')).policies).toEqual([created.body.id]);

    const got = await viewer.get(`/v1/policies/${created.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ name: 'e2e-dev-servers', enabled: true, retention: { keepDays: 7 } });

    const updated = await operator.patch(`/v1/policies/${created.body.id}`, { enabled: false, retention: { keepLast: 5 }, schedules: [{ rrule: 'FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=6;BYMINUTE=0' }] });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ enabled: false, retention: { keepLast: 5 } });
    expect(updated.body.schedules[0]).toMatchObject({ frequency: 'weekly', daysOfWeek: ['MO', 'TH'], at: { hour: 6, minute: 0 } });

    const monthly = await operator.post('/v1/policies/validate', { connection, name: 'monthly', schedules: [{ cron: '0 1 1 * *' }], retention: { keepLast: 1 } });
    expect(monthly.status).toBe(400);
    expect(monthly.body.errors[0].field).toBe('schedules[0].frequency');

    expect((await operator.delete(`/v1/policies/${created.body.id}`)).status).toBe(204);
    expect((await viewer.get(`/v1/policies/${created.body.id}`)).status).toBe(404);
    // Taking the policy off the vault left the resources (and their backups) in place.
    expect((await resourceNamed('ecs-dev-01')).policies).toEqual([]);
  });

  it('backs up a server to a succeeded operation, finds the recovery point and restores it', async () => {
    const web = await resourceNamed('ecs-web-01');
    const started = await operator.post('/v1/backups', { resource: web.id });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ type: 'backup', provider: 'huawei-cbr', connection });
    const backup = await followToTheEnd(started.body.id);
    expect(backup).toMatchObject({ status: 'succeeded', done: true, progress: { percent: 100 } });
    expect(backup.result.recoveryPoints).toHaveLength(1);
    const rpId: string = backup.result.recoveryPoints[0];

    const points = await viewer.get(`/v1/recovery-points?resource=${web.id}&pageSize=500`);
    expect(points.status).toBe(200);
    expect(points.body.items.length).toBeGreaterThan(1);
    expect(points.body.items[0]).toMatchObject({ id: rpId, status: 'available', kind: 'incremental', resource: web.id, resourceName: 'ecs-web-01' });
    expect(points.body.items.every((p: { resource: string }) => p.resource === web.id)).toBe(true);

    const options = await viewer.get(`/v1/recovery-points/${rpId}/restore-options`);
    expect(options.body.options.properties.powerOn).toMatchObject({ type: 'boolean', default: true });
    const restore = await operator.post('/v1/restores', { recoveryPoint: rpId, target: { mode: 'original' }, options: { powerOn: false } });
    expect(restore.status).toBe(202);
    const restored = await followToTheEnd(restore.body.id);
    expect(restored).toMatchObject({ type: 'restore', status: 'succeeded', done: true, result: { resources: [web.id] } });
  });

  it('lists the vendor jobs, newest first, with the backup and restore just made', async () => {
    const answer = await viewer.get(inConnection('/v1/jobs?pageSize=500'));
    expect(answer.status).toBe(200);
    const jobs = answer.body.items;
    expect(jobs.length).toBeGreaterThan(30);
    const times = jobs.map((j: { createdAt: string }) => j.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set(jobs.map((j: { type: string }) => j.type))).toEqual(new Set(['backup', 'restore']));
    expect(jobs.some((j: { status: string }) => j.status === 'failed')).toBe(true);
    const backups = await viewer.get(inConnection('/v1/jobs?type=restore&pageSize=500'));
    expect(backups.body.items.every((j: { type: string }) => j.type === 'restore')).toBe(true);
  });

  it('lists the vaults with capacity in bytes', async () => {
    const answer = await viewer.get(inConnection('/v1/vaults?pageSize=500'));
    expect(answer.body.items.map((v: { name: string }) => v.name)).toEqual(['vault-data-disks', 'vault-dev-servers', 'vault-prod-servers']);
    expect(answer.body.items[0]).toMatchObject({ kind: 'vault', capacityBytes: 3000 * 2 ** 30 });
  });

  it('answers capability_not_supported for what CBR cannot do', async () => {
    const policy = (await viewer.get(inConnection('/v1/policies?pageSize=1'))).body.items[0];
    const run = await operator.post(`/v1/policies/${policy.id}/run`);
    expect(run.status).toBe(501);
    expect(run.body).toMatchObject({ code: 'capability_not_supported', capability: 'policies.run' });

    const disk = await resourceNamed('evs-archive-01');
    const rp = (await viewer.get(`/v1/recovery-points?resource=${disk.id}&pageSize=1`)).body.items[0];
    const alternate = await operator.post('/v1/restores', { recoveryPoint: rp.id, target: { mode: 'alternate', name: 'copy' } });
    expect(alternate.status).toBe(501);
    expect(alternate.body).toMatchObject({ code: 'capability_not_supported', capability: 'restores.alternate' });

    const started = await operator.post('/v1/backups', { resource: disk.id });
    const cancel = await operator.post(`/v1/operations/${started.body.id}/cancel`);
    expect(cancel.status).toBe(501);
    expect(cancel.body).toMatchObject({ code: 'capability_not_supported', capability: 'jobs.cancel' });
    await followToTheEnd(started.body.id);
  });
});
