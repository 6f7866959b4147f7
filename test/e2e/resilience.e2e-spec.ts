import type { RunningEmulator } from '@backbridge/emulator-kit';
import { SANDBOX_EMULATORS } from '@backbridge/sandbox';
import { SHIPPED_PLUGINS } from '../../apps/gateway/src/plugins/plugin-catalogue';
import { connectEmulators } from '../support/fleet';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { walkMerged } from '../support/merged-walk';

const LIST_TIMEOUT_MS = 8_000;

/** The vendor-call counter of one outcome, summed over every operation of a plugin. */
async function vendorCalls(t: TestGateway, plugin: string, outcome: string): Promise<number> {
  const text: string = (await t.admin.get('/metrics')).body;
  const line = new RegExp(`^backbridge_vendor_call_duration_seconds_count\\{([^}]*)\\} (\\d+)`, 'gm');
  let total = 0;
  for (const match of text.matchAll(line)) {
    if (match[1].includes(`plugin="${plugin}"`) && match[1].includes(`outcome="${outcome}"`)) total += Number(match[2]);
  }
  return total;
}

describe('resilience against the emulators’ fault injection', () => {
  let t: TestGateway;
  let running: RunningEmulator[] = [];
  let connections: string[];
  let scope: string;
  /** connectEmulators connects them in order, one connection each. */
  const connectionOf = (emulator: RunningEmulator) => connections[running.indexOf(emulator)];

  beforeAll(async () => {
    t = await startTestGateway({ plugins: SHIPPED_PLUGINS, env: { LIST_TIMEOUT_MS: String(LIST_TIMEOUT_MS) } });
    const fleet = await connectEmulators(t.admin, SANDBOX_EMULATORS, { copies: 1, tag: 'resilience', timeScale: 0.05 });
    running = fleet.running;
    connections = [...fleet.connections];
    scope = connections.map((id) => `connection=${id}`).join('&');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await Promise.all(running.map((e) => e.stop()));
  });

  it('20 % 5xx and 5 % 429 (Retry-After 1 s) at every vendor: every list walk and get answers in full, as without faults', async () => {
    const kinds = ['resources', 'policies', 'recovery-points', 'jobs', 'vaults'];
    const clean = new Map<string, string[]>();
    for (const kind of kinds) clean.set(kind, (await walkMerged(t.admin, `/v1/${kind}?${scope}`, 50)).ids);

    for (const emulator of running) emulator.setFaults({ errorRate: 0.2, errorStatus: 503, rateLimitEvery: 20, rateLimitRetryAfterSeconds: 1 });
    // Fresh sessions, so that logins and token calls meet the faults too.
    for (const emulator of running) emulator.expireTokens();
    try {
      for (const kind of kinds) {
        const walk = await walkMerged(t.admin, `/v1/${kind}?${scope}`, 50);
        expect({ kind, ids: walk.ids }).toEqual({ kind, ids: clean.get(kind) });
        // Reads by id, a few per kind and vendor.
        const sample = walk.items.filter((item, i, all) => all.findIndex((other) => other.provider === item.provider) + 3 > i);
        const gets = await Promise.all(sample.map((item) => t.admin.get(`/v1/${kind}/${item.id}`)));
        expect(gets.filter((answer) => answer.status !== 200).map((answer) => `${answer.status} ${JSON.stringify(answer.body)}`)).toEqual([]);
      }
      for (const emulator of running) {
        expect({ plugin: emulator.pluginId, retried: (await vendorCalls(t, emulator.pluginId, 'server_error')) > 0 }).toEqual({ plugin: emulator.pluginId, retried: true });
      }
    } finally {
      for (const emulator of running) emulator.setFaults({});
    }
  }, 300_000);

  it('a connection whose emulator is stopped is named in unreachable within LIST_TIMEOUT_MS while the others answer', async () => {
    const stopped = running.find((e) => e.pluginId === 'huawei-cbr')!;
    const connection = { id: connectionOf(stopped) };
    await stopped.stop();
    const started = Date.now();
    const page = await t.admin.get(`/v1/recovery-points?${scope}&pageSize=50`);
    const elapsed = Date.now() - started;
    expect(page.status).toBe(200);
    expect(page.body.unreachable).toEqual([expect.objectContaining({ connection: connection.id, provider: 'huawei-cbr', error: expect.objectContaining({ code: expect.stringMatching(/^vendor_(unavailable|timeout)$/) }) })]);
    expect(new Set(page.body.items.map((item: any) => item.provider))).toEqual(new Set(['cpm', 'ibm-backup-recovery', 'portworx-pds']));
    expect(elapsed).toBeLessThan(LIST_TIMEOUT_MS + 2_000);
    const status = (await t.admin.get(`/v1/connections/${connection.id}`)).body.status;
    expect(status.state).toBe('error');
  }, 60_000);

  it('an opened circuit answers at once, without calling the vendor', async () => {
    const flaky = running.find((e) => e.pluginId === 'portworx-pds')!;
    const connection = { id: connectionOf(flaky) };
    flaky.setFaults({ errorRate: 1, errorStatus: 500 });
    let problem: any;
    for (let attempt = 0; attempt < 10 && !/circuit/.test(problem?.detail ?? ''); attempt++) {
      problem = (await t.admin.get(`/v1/recovery-points?connection=${connection.id}&pageSize=5`)).body;
    }
    expect(problem).toMatchObject({ code: 'vendor_unavailable', detail: expect.stringMatching(/circuit .* is open/) });

    // The vendor would now answer, after 5 s: an open circuit does not ask it.
    flaky.setFaults({ latencyMs: 5_000 });
    const sentBefore = (await vendorCalls(t, 'portworx-pds', 'ok')) + (await vendorCalls(t, 'portworx-pds', 'server_error'));
    const openBefore = await vendorCalls(t, 'portworx-pds', 'circuit_open');
    const started = Date.now();
    const answer = await t.admin.get(`/v1/recovery-points?connection=${connection.id}&pageSize=5`);
    const elapsed = Date.now() - started;
    expect(answer.status).toBe(502);
    expect(answer.body.detail).toMatch(/circuit .* is open/);
    expect(elapsed).toBeLessThan(5_000);
    expect(await vendorCalls(t, 'portworx-pds', 'circuit_open')).toBeGreaterThan(openBefore);
    expect((await vendorCalls(t, 'portworx-pds', 'ok')) + (await vendorCalls(t, 'portworx-pds', 'server_error'))).toBe(sentBefore);
    flaky.setFaults({});
  }, 120_000);
});
