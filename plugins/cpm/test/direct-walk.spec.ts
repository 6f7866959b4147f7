import type { RecoveryPointRecord } from '@backbridge/core';
import type { ProviderSession } from '@backbridge/plugin-sdk';
import { walkList } from '@backbridge/plugin-sdk/conformance';
import { directRecoveryPointGet, walkRecoveryPointsDirect } from '../../../bench/direct/cpm';
import { cpmPlugin } from '../src';
import { cpmEmulator, type RunningCpmEmulator } from '../emulator';
import { cpmConnection } from './cpm-connection';

/** The benchmark's direct CPM client (bench/direct/cpm.ts) sees what the plugin sees. */
describe('the direct CPM client of the benchmark', () => {
  let emulator: RunningCpmEmulator;
  let session: ProviderSession;

  beforeAll(async () => {
    emulator = await cpmEmulator.start({ extraRecoveryPoints: 2000 });
    session = await cpmPlugin.connect(cpmConnection(emulator));
  });
  afterAll(() => emulator?.stop());

  it('walks as many recovery points through the CPM API as the plugin lists', async () => {
    const direct = await walkRecoveryPointsDirect(emulator);
    const { items } = await walkList((req) => session.listRecoveryPoints!(req), 500, { field: 'createdAt', direction: 'desc' });
    expect(direct).toBe(items.length);
    expect(direct).toBeGreaterThan(2000);
  }, 60_000);

  it('gets one recovery point with the native GET the plugin uses', async () => {
    const [point] = (await session.listRecoveryPoints!({ pageSize: 1, orderBy: { field: 'createdAt', direction: 'desc' }, filter: {} })).items as RecoveryPointRecord[];
    const { url, headers } = await directRecoveryPointGet(emulator, point.nativeId);
    const answer = await fetch(url, { headers });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ id: Number(point.nativeId.split('/')[2]), backed_up_resource_id: point.resourceNativeId });
  });
});
