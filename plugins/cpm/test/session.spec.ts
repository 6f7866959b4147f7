import { ProblemError, type PolicySpec } from '@backbridge/core';
import { pollWork } from '@backbridge/plugin-sdk/conformance';
import { cpmPlugin } from '../src';
import { cpmEmulator, type RunningCpmEmulator } from '../emulator';
import { cpmConnection } from './cpm-connection';
import type { ProviderSession } from '@backbridge/plugin-sdk';

async function problemOf(promise: Promise<unknown>): Promise<ProblemError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('the call resolved; it should have rejected');
}

const ORDER = { field: 'name', direction: 'asc' } as const;

describe('the CPM session against the emulator', () => {
  let emulator: RunningCpmEmulator;
  let session: ProviderSession;
  const byName = async (name: string) => (await session.listResources!({ pageSize: 50, orderBy: ORDER, filter: {} })).items.find((r) => r.name === name)!;
  const spec = (resourceNativeIds: string[], name = 'session-test'): PolicySpec => ({
    name,
    enabled: true,
    schedules: [{ frequency: 'daily', interval: 1, at: { hour: 4, minute: 0 }, timezone: 'UTC' }],
    retention: { keepLast: 3 },
    resourceNativeIds,
  });

  beforeEach(async () => {
    emulator = await cpmEmulator.start({ timeScale: 0.02 });
    session = await cpmPlugin.connect(cpmConnection(emulator));
  });
  afterEach(() => emulator.stop());

  it('asks which policy to run when a resource is in several, and runs the named one', async () => {
    const web = await byName('web-01');
    const created = await session.createPolicy!(spec([web.nativeId]));
    const ambiguous = await problemOf(session.startBackup!({ resourceNativeId: web.nativeId }));
    expect(ambiguous).toMatchObject({ code: 'validation_failed', extras: { errors: [{ field: 'policy' }] } });
    const started = await session.startBackup!({ resourceNativeId: web.nativeId, policyNativeId: created.nativeId });
    const done = await pollWork(() => session.getWork!({ jobRef: started.jobRef }));
    expect(done).toMatchObject({ status: 'succeeded', jobNativeId: expect.stringMatching(/^backup-\d+$/) });
    expect(done.result?.recoveryPointNativeIds).toHaveLength(1);
    const point = await session.getRecoveryPoint!({ nativeId: done.result!.recoveryPointNativeIds![0] });
    expect(point).toMatchObject({ resourceNativeId: web.nativeId, policyNativeId: created.nativeId, status: 'available' });
  });

  it('names every target of a policy run', async () => {
    const policies = await session.listPolicies!({ pageSize: 10, orderBy: ORDER, filter: {} });
    const web = policies.items.find((p) => p.name === 'web-servers')!;
    const started = await session.runPolicy!({ policyNativeId: web.nativeId });
    const done = await pollWork(() => session.getWork!({ jobRef: started.jobRef }));
    expect(done.result?.recoveryPointNativeIds).toHaveLength(web.resourceNativeIds.length);
  });

  it('refuses to delete a policy without the confirmation, since CPM deletes its snapshots too', async () => {
    const error = await problemOf(session.deletePolicy!({ nativeId: '1', deleteRecoveryPoints: false }));
    expect(error.code).toBe('conflict');
    expect((await session.getPolicy!({ nativeId: '1' })).name).toBe('web-servers');
    await session.deletePolicy!({ nativeId: '1', deleteRecoveryPoints: true });
    const left = await session.listRecoveryPoints!({ pageSize: 500, orderBy: ORDER, filter: { policyNativeId: '1' } });
    expect(left.items).toEqual([]);
  });

  it('leaves nothing behind when CPM refuses part of a create', async () => {
    const web = await byName('web-01');
    const before = emulator.received.length;
    // A second policy of the same name is refused (400) after its schedule was made: the schedule is removed again.
    const error = await problemOf(session.createPolicy!(spec([web.nativeId], 'web-servers')));
    expect(error.code).toBe('vendor_rejected');
    const calls = emulator.received.slice(before).map((r) => `${r.method} ${r.url.split('?')[0]}`);
    expect(calls).toEqual(expect.arrayContaining(['POST /api/schedules/', 'POST /api/policies/', expect.stringMatching(/^DELETE \/api\/schedules\/\d+\/$/)]));
  });

  it('restores an instance as a new one and reports its id', async () => {
    const points = await session.listRecoveryPoints!({ pageSize: 500, orderBy: { field: 'createdAt', direction: 'desc' }, filter: { resourceNativeId: (await byName('db-01')).nativeId, status: 'available' } });
    const started = await session.startRestore!({ recoveryPointNativeId: points.items[0].nativeId, target: { mode: 'alternate' }, options: { instanceType: 'r5.xlarge' } });
    const done = await pollWork(() => session.getWork!({ jobRef: started.jobRef }));
    expect(done).toMatchObject({ status: 'succeeded', result: { resourceNativeIds: [expect.stringMatching(/^i-0/)] } });
    const job = await session.getJob!({ nativeId: started.jobNativeId! });
    expect(job).toMatchObject({ type: 'restore', status: 'succeeded', resourceNativeId: (await byName('db-01')).nativeId });
  });

  it('lists every family with its unified type and the start of its policies’ newest successful run', async () => {
    const { items } = await session.listResources!({ pageSize: 50, orderBy: ORDER, filter: {} });
    const byType = Object.fromEntries(items.map((r) => [r.name, `${r.type}/${r.nativeType}`]));
    expect(byType).toMatchObject({
      'orders-db': 'database/rds_databases',
      sessions: 'database/dynamodb_tables',
      'analytics-aurora': 'database-cluster/rds_clusters',
      warehouse: 'database-cluster/redshift_clusters',
      'shared-assets': 'file-system/efs',
      'web-01': 'vm/instances',
    });
    // One one-record page of backups per policy, not a call per resource.
    const latest = emulator.received.filter((r) => r.url.startsWith('/api/backups/?') && r.url.includes('ordering=-start_time'));
    expect(latest).toHaveLength(2);
    const newestOfWeb = (await session.listJobs!({ pageSize: 100, orderBy: { field: 'createdAt', direction: 'desc' }, filter: { policyNativeId: '1', type: 'backup', status: 'succeeded' } })).items[0];
    expect(items.find((r) => r.name === 'orders-db')!.lastBackupAt).toBe(newestOfWeb.startedAt);
    await expect(session.listResources!({ pageSize: 50, orderBy: ORDER, filter: { type: 'database-cluster' } })).resolves.toMatchObject({ items: [{ name: 'analytics-aurora' }, { name: 'warehouse' }] });
  });

  it('puts a DynamoDB table (by name) and an RDS database (by id) into a new policy', async () => {
    const created = await session.createPolicy!(spec([(await byName('sessions')).nativeId, (await byName('orders-db')).nativeId]));
    expect(created.resourceNativeIds).toEqual(['orders-db', 'sessions']);
    const bodies = emulator.received.filter((r) => r.method === 'POST' && /\/targets\/(dynamodb_tables|rds_databases)\/$/.test(r.url)).map((r) => JSON.parse(r.body));
    expect(bodies).toEqual(expect.arrayContaining([{ aws_region: 'us-east-1', aws_resource_name: 'sessions' }, { aws_region: 'us-east-1', aws_resource_id: 'orders-db' }]));
  });

  it('restores an RDS database and a DynamoDB table under the names given, and publishes their options', async () => {
    const pointOf = async (name: string) =>
      (await session.listRecoveryPoints!({ pageSize: 500, orderBy: { field: 'createdAt', direction: 'desc' }, filter: { resourceNativeId: (await byName(name)).nativeId, status: 'available' } })).items[0];
    const rds = await pointOf('orders-db');
    expect(rds).toMatchObject({ resourceType: 'database', nativeId: expect.stringMatching(/^\d+\/rds_databases\/\d+$/) });
    const schema = await session.restoreOptions!({ nativeId: rds.nativeId });
    expect(schema.target).toMatchObject({ properties: { name: { type: 'string' } } });
    expect(schema.options).toMatchObject({ properties: { dbInstanceClass: { type: 'string' }, storageType: { enum: ['standard', 'io1', 'gp2'] } } });

    const restoredDb = await session.startRestore!({ recoveryPointNativeId: rds.nativeId, target: { mode: 'alternate', name: 'orders-copy' }, options: { multiAz: true } });
    expect(await pollWork(() => session.getWork!({ jobRef: restoredDb.jobRef }))).toMatchObject({ status: 'succeeded', result: { resourceNativeIds: ['orders-copy'] } });

    const table = await pointOf('sessions');
    const restoredTable = await session.startRestore!({ recoveryPointNativeId: table.nativeId, target: { mode: 'alternate' }, options: {} });
    const done = await pollWork(() => session.getWork!({ jobRef: restoredTable.jobRef }));
    expect(done).toMatchObject({ status: 'succeeded', result: { resourceNativeIds: [expect.stringMatching(/^sessions-r[0-9a-z]+$/)] } });
    const job = await session.getJob!({ nativeId: restoredTable.jobNativeId! });
    expect(job).toMatchObject({ type: 'restore', resourceNativeId: 'sessions', native: { recovery_type: 'D' } });
  });
});
