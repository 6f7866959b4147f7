import type { RunningEmulator } from '@backbridge/emulator-kit';
import type { ProviderSession, RecoveryPointFilter } from '@backbridge/plugin-sdk';
import { walkList } from '@backbridge/plugin-sdk/conformance';
import { directRecoveryPointGet, walkRecoveryPointsDirect } from '../../../bench/direct/huawei-cbr';
import { huaweiCbrEmulator } from '../emulator';
import { huaweiCbrPlugin } from '../src';
import { connectionTo } from './emulator-connection';

const EXTRA = 25_000;

/** The benchmark's direct client (bench/direct/huawei-cbr.ts) against the plugin, on 25,000 extra recovery points. */
describe('bench/direct/huawei-cbr', () => {
  let emulator: RunningEmulator;
  let session: ProviderSession;
  let seedMs: number;

  beforeAll(async () => {
    const started = performance.now();
    emulator = await huaweiCbrEmulator.start({ timeScale: 0.05, extraRecoveryPoints: EXTRA });
    seedMs = performance.now() - started;
    session = await huaweiCbrPlugin.connect(connectionTo(emulator));
  }, 30_000);
  afterAll(() => emulator.stop());

  it(`seeds ${EXTRA} extra recovery points in well under 2 s`, () => {
    process.stdout.write(`huawei-cbr: emulator with ${EXTRA} extra recovery points started in ${seedMs.toFixed(0)} ms\n`);
    expect(seedMs).toBeLessThan(2000);
  });

  it('walks as many recovery points straight from the emulator as through the plugin, in seconds', async () => {
    let started = performance.now();
    const direct = await walkRecoveryPointsDirect(emulator);
    const directMs = performance.now() - started;
    started = performance.now();
    const { items } = await walkList<{ nativeId: string }>(
      (req) => session.listRecoveryPoints!({ ...req, filter: {} as RecoveryPointFilter }),
      500,
      { field: 'createdAt', direction: 'desc' },
    );
    const pluginMs = performance.now() - started;
    process.stdout.write(`huawei-cbr: walked ${direct} recovery points directly in ${directMs.toFixed(0)} ms, ${items.length} through the plugin (pageSize 500) in ${pluginMs.toFixed(0)} ms\n`);
    expect(direct).toBeGreaterThan(EXTRA);
    expect(items).toHaveLength(direct);
    expect(new Set(items.map((i) => i.nativeId)).size).toBe(direct);
    expect(directMs).toBeLessThan(10_000);
    expect(pluginMs).toBeLessThan(15_000);
  }, 60_000);

  it('builds the native GET of one recovery point, authenticated', async () => {
    const [first] = (await session.listRecoveryPoints!({ pageSize: 1, orderBy: { field: 'createdAt', direction: 'desc' }, filter: {} })).items;
    const { url, headers } = await directRecoveryPointGet(emulator, first.nativeId);
    const answer = await fetch(url, { headers });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { backup: { id: string } }).backup.id).toBe(first.nativeId);
  });
});
