import { randomUUID } from 'node:crypto';
import { ProblemError, silentLogger, type ProviderSession } from '@backbridge/plugin-sdk';
import type { PolicySpec } from '@backbridge/core';
import type { RunningEmulator } from '@backbridge/emulator-kit';
import { portworxPdsPlugin } from '@backbridge/portworx-pds';
import { portworxPdsEmulator } from '@backbridge/portworx-pds/emulator';

describe('PDS session: policies', () => {
  let emulator: RunningEmulator;
  let session: ProviderSession;
  const spec = (over: Partial<PolicySpec> = {}): PolicySpec => ({
    name: `p-${randomUUID().slice(0, 8)}`,
    enabled: true,
    schedules: [{ frequency: 'hourly', interval: 4, at: { hour: 0, minute: 15 }, timezone: 'UTC' }],
    retention: { keepLast: 2 },
    resourceNativeIds: [],
    ...over,
  });
  const all = { pageSize: 100, orderBy: { field: 'name' as const, direction: 'asc' as const }, filter: {} };

  beforeAll(async () => {
    emulator = await portworxPdsEmulator.start({ timeScale: 0.01 });
    session = await portworxPdsPlugin.connect({ id: randomUUID(), name: 's', endpoint: emulator.endpoint, config: emulator.config, credentials: emulator.credentials, logger: silentLogger });
  });
  afterAll(() => emulator.stop());

  it('translates without sending: the BackupPolicy body and one attachment per deployment', () => {
    const deployment = randomUUID();
    const { translation } = session.translatePolicy!(spec({ name: 'four-hourly', resourceNativeIds: [deployment] }));
    expect(translation).toEqual({
      backupPolicy: { name: 'four-hourly', schedules: [{ schedule: '15 */4 * * *', type: 'full', retention_count: 2 }] },
      attach: [{ deployment, scheduled_backup: { backup_policy_id: '<new policy id>', backup_target_id: emulator.config.defaultBackupTargetId } }],
    });
  });

  it('refuses a disabled policy and time-based retention', () => {
    expect(() => session.translatePolicy!(spec({ enabled: false }))).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    expect(() => session.translatePolicy!(spec({ retention: { keepDays: 7 } }))).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });

  it('leaves nothing behind when an attachment fails: no policy, the attached deployment detached again', async () => {
    const resources = (await session.listResources!(all)).items;
    const free = resources.find((r) => r.policyNativeIds.length === 0)!;
    const wanted = spec({ resourceNativeIds: [free.nativeId, randomUUID()] });
    const error = await session.createPolicy!(wanted).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).code).toBe('not_found');
    const policies = (await session.listPolicies!(all)).items;
    expect(policies.some((p) => p.name === wanted.name)).toBe(false);
    expect((await session.getResource!({ nativeId: free.nativeId })).policyNativeIds).toEqual([]);
  });

  it('shows the policy on its deployments and the deployments on the policy', async () => {
    const free = (await session.listResources!(all)).items.find((r) => r.policyNativeIds.length === 0)!;
    const created = await session.createPolicy!(spec({ resourceNativeIds: [free.nativeId] }));
    expect(created.resourceNativeIds).toEqual([free.nativeId]);
    expect(created.vaultNativeId).toBe(emulator.config.defaultBackupTargetId);
    expect((await session.getResource!({ nativeId: free.nativeId })).policyNativeIds).toEqual([created.nativeId]);
    await session.deletePolicy!({ nativeId: created.nativeId, deleteRecoveryPoints: false });
    expect((await session.getResource!({ nativeId: free.nativeId })).policyNativeIds).toEqual([]);
  });
});
