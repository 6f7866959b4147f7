import { randomUUID } from 'node:crypto';
import { silentLogger, type Page } from '@backbridge/plugin-sdk';
import type { RecoveryPointRecord } from '@backbridge/core';
import type { RunningEmulator } from '@backbridge/emulator-kit';
import { portworxPdsPlugin } from '@backbridge/portworx-pds';
import { portworxPdsEmulator } from '@backbridge/portworx-pds/emulator';
import { directRecoveryPointGet, walkRecoveryPointsDirect } from '../../../bench/direct/portworx-pds';

/** The benchmark's direct PDS client sees what the plugin sees. */
describe('bench/direct/portworx-pds', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await portworxPdsEmulator.start({ timeScale: 0.01, extraRecoveryPoints: 1_000 });
  });
  afterAll(() => emulator.stop());

  it('walks as many recovery points as the plugin lists, and GETs one natively', async () => {
    const session = await portworxPdsPlugin.connect({ id: randomUUID(), name: 'pds-direct', endpoint: emulator.endpoint, config: emulator.config, credentials: emulator.credentials, logger: silentLogger });
    const points: RecoveryPointRecord[] = [];
    let cursor: string | undefined;
    do {
      const page: Page<RecoveryPointRecord> = await session.listRecoveryPoints!({ pageSize: 500, cursor, orderBy: { field: 'createdAt', direction: 'desc' }, filter: {} });
      points.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    expect(await walkRecoveryPointsDirect(emulator)).toBe(points.length);
    expect(points.length).toBeGreaterThan(1_000);

    const { url, headers } = await directRecoveryPointGet(emulator, points[700].nativeId);
    const response = await fetch(url, { headers });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: points[700].nativeId });
  });
});
