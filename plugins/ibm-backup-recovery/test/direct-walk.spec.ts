import { randomUUID } from 'node:crypto';
import type { RecoveryPointRecord } from '@backbridge/core';
import type { RunningEmulator } from '@backbridge/emulator-kit';
import { silentLogger, type ProviderSession } from '@backbridge/plugin-sdk';
import { directRecoveryPointGet, walkRecoveryPointsDirect } from '../../../bench/direct/ibm-backup-recovery';
import { ibmBackupRecoveryEmulator } from '../emulator';
import { ibmBackupRecoveryPlugin } from '../src';

/** The benchmark's direct client (bench/direct), checked against the plugin on an emulator of deep-walk size (the benchmark's own size, 25,000, is timed by `npm run bench`, not here). */
describe('bench/direct/ibm-backup-recovery', () => {
  const EXTRA = 2_000;
  let emulator: RunningEmulator;
  let session: ProviderSession;

  beforeAll(async () => {
    emulator = await ibmBackupRecoveryEmulator.start({ extraRecoveryPoints: EXTRA });
    session = await ibmBackupRecoveryPlugin.connect({
      id: randomUUID(),
      name: 'direct-walk',
      endpoint: emulator.endpoint,
      config: emulator.config,
      credentials: emulator.credentials,
      logger: silentLogger,
    });
  }, 60_000);
  afterAll(() => emulator?.stop());

  it('walks as many recovery points directly as the plugin lists, counted the same', async () => {
    const direct = await walkRecoveryPointsDirect(emulator);

    let listed = 0;
    let cursor: string | undefined;
    do {
      const page = await session.listRecoveryPoints!({ pageSize: 500, cursor, orderBy: { field: 'createdAt', direction: 'desc' }, filter: {} });
      listed += page.items.length;
      cursor = page.cursor;
    } while (cursor !== undefined);

    expect(direct).toBeGreaterThan(EXTRA);
    expect(listed).toBe(direct);
  }, 90_000);

  it("gives a native GET that reads the point the plugin's getRecoveryPoint reads", async () => {
    const [point] = (await session.listRecoveryPoints!({ pageSize: 1, orderBy: { field: 'createdAt', direction: 'desc' }, filter: {} })).items as RecoveryPointRecord[];
    const { url, headers } = await directRecoveryPointGet(emulator, point.nativeId);
    const answer = await fetch(url, { headers });
    expect(answer.status).toBe(200);
    const { snapshots } = (await answer.json()) as { snapshots: { id: string; objectId: number }[] };
    const got = await session.getRecoveryPoint!({ nativeId: point.nativeId });
    expect(snapshots.map((s) => s.id)).toEqual([(got.native as { id: string }).id]);
    expect(String(snapshots[0].objectId)).toBe(point.resourceNativeId);
  });
});
