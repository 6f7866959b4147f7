import type { RunningEmulator } from '@backbridge/emulator-kit';
import type { ProviderSession, RecoveryPointFilter } from '@backbridge/plugin-sdk';
import { walkList } from '@backbridge/plugin-sdk/conformance';
import { directRecoveryPointGet, walkRecoveryPointsDirect } from '../../../bench/direct/huawei-cbr';
import { huaweiCbrEmulator } from '../emulator';
import { huaweiCbrPlugin } from '../src';
import { connectionTo } from './emulator-connection';

/** Deep-walk size; the benchmark's own 25,000 is timed by `npm run bench`, not here. */
const EXTRA = 2_000;

/** The benchmark's direct client (bench/direct/huawei-cbr.ts) against the plugin, on extra recovery points. */
describe('bench/direct/huawei-cbr', () => {
  let emulator: RunningEmulator;
  let session: ProviderSession;

  beforeAll(async () => {
    emulator = await huaweiCbrEmulator.start({ timeScale: 0.05, extraRecoveryPoints: EXTRA });
    session = await huaweiCbrPlugin.connect(connectionTo(emulator));
  }, 30_000);
  afterAll(() => emulator.stop());

  it('walks as many recovery points straight from the emulator as through the plugin', async () => {
    const direct = await walkRecoveryPointsDirect(emulator);
    const { items } = await walkList<{ nativeId: string }>(
      (req) => session.listRecoveryPoints!({ ...req, filter: {} as RecoveryPointFilter }),
      500,
      { field: 'createdAt', direction: 'desc' },
    );
    expect(direct).toBeGreaterThan(EXTRA);
    expect(items).toHaveLength(direct);
    expect(new Set(items.map((i) => i.nativeId)).size).toBe(direct);
  }, 60_000);

  it('builds the native GET of one recovery point, authenticated', async () => {
    const [first] = (await session.listRecoveryPoints!({ pageSize: 1, orderBy: { field: 'createdAt', direction: 'desc' }, filter: {} })).items;
    const { url, headers } = await directRecoveryPointGet(emulator, first.nativeId);
    const answer = await fetch(url, { headers });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { backup: { id: string } }).backup.id).toBe(first.nativeId);
  });
});
