import { randomUUID } from 'node:crypto';
import type { RecoveryPointRecord } from '@backbridge/core';
import type { RunningEmulator } from '@backbridge/emulator-kit';
import { silentLogger, type ProviderSession } from '@backbridge/plugin-sdk';
import { directRecoveryPointGet, walkRecoveryPointsDirect } from '../../../bench/direct/ibm-backup-recovery';
import { ibmBackupRecoveryEmulator } from '../emulator';
import { ibmBackupRecoveryPlugin } from '../src';

/** The benchmark's direct client (bench/direct), checked against the plugin on an emulator of benchmark size. */
describe('bench/direct/ibm-backup-recovery', () => {
  const EXTRA = 25_000;
  let emulator: RunningEmulator;
  let session: ProviderSession;
  let seedMs: number;

  beforeAll(async () => {
    const started = performance.now();
    emulator = await ibmBackupRecoveryEmulator.start({ extraRecoveryPoints: EXTRA });
    seedMs = performance.now() - started;
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

  it(`starts with ${EXTRA} extra recovery points in well under 2 s`, () => {
    expect(seedMs).toBeLessThan(2_000);
  });

  it('walks as many recovery points directly as the plugin lists, each walk in seconds', async () => {
    let started = performance.now();
    const direct = await walkRecoveryPointsDirect(emulator);
    const directMs = performance.now() - started;

    started = performance.now();
    let listed = 0;
    let cursor: string | undefined;
    do {
      const page = await session.listRecoveryPoints!({ pageSize: 500, cursor, orderBy: { field: 'createdAt', direction: 'desc' }, filter: {} });
      listed += page.items.length;
      cursor = page.cursor;
    } while (cursor !== undefined);
    const pluginMs = performance.now() - started;

    expect(direct).toBeGreaterThan(EXTRA);
    expect(listed).toBe(direct);
    expect(directMs).toBeLessThan(20_000);
    expect(pluginMs).toBeLessThan(30_000);
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
