/**
 * `npm run bench`: what the gateway costs over talking to the vendors directly. Starts the vendor
 * emulators and the gateway (compiled, on the embedded database) as processes of their own, runs
 * each scenario side by side in one run, prints a table and writes it into docs/performance.md.
 * Asserts nothing: the figures are for people to read (targets are in the table).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import type { RunningEmulator } from '@backbridge/emulator-kit';
import { spawnGateway, type GatewayProcess } from '../test/support/gateway-process';
import { ApiClient } from '../test/support/test-gateway';
import { startEmulatorProcess, rssOf, watchRss, type EmulatorProcess } from './bench-processes';
import * as cpmDirect from './direct/cpm';
import * as ibmDirect from './direct/ibm-backup-recovery';
import * as cbrDirect from './direct/huawei-cbr';
import * as pdsDirect from './direct/portworx-pds';

interface DirectClient {
  walkRecoveryPointsDirect(emulator: RunningEmulator): Promise<number>;
  directRecoveryPointGet(emulator: RunningEmulator, recoveryPointNativeId: string): Promise<{ url: string; headers: Record<string, string> }>;
}

const VENDORS: { id: string; direct: DirectClient }[] = [
  { id: 'cpm', direct: cpmDirect },
  { id: 'ibm-backup-recovery', direct: ibmDirect },
  { id: 'huawei-cbr', direct: cbrDirect },
  { id: 'portworx-pds', direct: pdsDirect },
];

const DEEP_WALK_POINTS = Number(process.env.BENCH_DEEP_WALK_POINTS ?? 100_000);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 5);
const ROOT = join(__dirname, '..');
const ADMIN_KEY = `bench-admin-${randomBytes(16).toString('hex')}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${value.toFixed(2)} ms`;
const ratio = (value: number) => value.toFixed(2);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

function gatewayEnv(dataDir: string): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    ADMIN_API_KEY: ADMIN_KEY,
    PORT: '0',
    HOST: '127.0.0.1',
    // Request logs would measure the terminal, not the gateway.
    LOG_LEVEL: 'warn',
    SANDBOX: 'false',
    API_RATE_LIMIT: '1000000',
    LOGIN_RATE_LIMIT: '10000',
  };
}

/** Where libs/persistence keeps the template of new embedded clusters. */
function clusterTemplate(): string {
  const version = (JSON.parse(readFileSync(join(ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string }).version;
  return join(ROOT, 'node_modules', '.cache', 'backbridge', `pglite-${version}-cluster.tar.gz`);
}

/** Process start to the first 200 from /health/ready. */
async function coldStart(dataDir: string): Promise<{ ms: number; gateway: GatewayProcess }> {
  const started = performance.now();
  const gateway = await spawnGateway(gatewayEnv(dataDir));
  for (;;) {
    const ready = await fetch(`${gateway.url}/health/ready`).catch(() => undefined);
    if (ready?.status === 200) break;
    await sleep(5);
  }
  return { ms: performance.now() - started, gateway };
}

async function adminOf(url: string): Promise<{ client: ApiClient; token: string }> {
  const answer = await new ApiClient(url).post('/v1/auth/token', { apiKey: ADMIN_KEY });
  if (answer.status !== 200) throw new Error(`token: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { client: new ApiClient(url, answer.body.accessToken), token: answer.body.accessToken };
}

async function connect(admin: ApiClient, emulator: EmulatorProcess, name: string): Promise<string> {
  const created = await admin.post('/v1/connections', {
    provider: emulator.pluginId,
    name,
    endpoint: emulator.endpoint,
    ...(emulator.region ? { region: emulator.region } : {}),
    config: emulator.config,
    credentials: emulator.credentials,
  });
  if (created.status !== 201) throw new Error(`connect ${name}: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.id;
}

async function load(url: string, headers: Record<string, string>, connections: number): Promise<autocannon.Result> {
  const result = await autocannon({ url, headers, connections, duration: LOAD_SECONDS });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result;
}

/** Sequential requests, one at a time: latency without queueing. */
async function serialLatencies(count: number, send: () => Promise<Response>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const response = await send();
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`answered ${response.status}`);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

it('gateway: proxy overhead, fan-out, deep walk and cold start', async () => {
  const rows: string[][] = [];
  const notes: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'backbridge-bench-'));
  const emulators: EmulatorProcess[] = [];
  let gateway: GatewayProcess | undefined;
  try {
    // ---------------------------------------------------------------- cold start
    // The first new cluster of an install also saves the template later ones are unpacked from.
    const templated = existsSync(clusterTemplate());
    const first = await coldStart(join(dataDir, 'first'));
    await first.gateway.stop();
    const fresh = await coldStart(join(dataDir, 'fresh'));
    await fresh.gateway.stop();
    const again = await coldStart(join(dataDir, 'fresh'));
    gateway = again.gateway;
    if (!templated) {
      rows.push(['cold start, first new DATA_DIR of this install (initdb, saves the cluster template)', `${(first.ms / 1000).toFixed(2)} s`, '< 3 s', verdict(first.ms < 3000)]);
    }
    const freshMs = templated ? Math.max(first.ms, fresh.ms) : fresh.ms;
    rows.push(['cold start, new DATA_DIR (cluster from the template, migrations, keys)', `${(freshMs / 1000).toFixed(2)} s`, '< 3 s', verdict(freshMs < 3000)]);
    rows.push(['cold start, existing DATA_DIR', `${(again.ms / 1000).toFixed(2)} s`, '< 3 s', verdict(again.ms < 3000)]);
    const { client: admin, token } = await adminOf(gateway.url);
    const auth = { authorization: `Bearer ${token}` };

    // ---------------------------------------------------------------- the gateway's own floor
    const floor = await load(`${gateway.url}/v1/providers/cpm`, auth, 10);
    const health = await load(`${gateway.url}/health/live`, {}, 10);
    notes.push(
      `The gateway's own floor, no vendor call: ${floor.requests.average.toFixed(0)} req/s for an authenticated \`GET /v1/providers/cpm\` (token check, role and rate-limit guards, serialization), ${health.requests.average.toFixed(0)} req/s for the unauthenticated \`GET /health/live\`.`,
    );

    // ---------------------------------------------------------------- proxy overhead
    for (const vendor of VENDORS) {
      const emulator = await startEmulatorProcess(vendor.id);
      emulators.push(emulator);
      const connection = await connect(admin, emulator, `bench-${vendor.id}`);
      const listed = await admin.get(`/v1/recovery-points?pageSize=1&connection=${connection}`);
      const point = listed.body.items?.[0];
      if (!point) throw new Error(`${vendor.id}: no recovery point to GET (${JSON.stringify(listed.body)})`);
      const native = await vendor.direct.directRecoveryPointGet(emulator, point.nativeId);
      const viaGateway = { url: `${gateway.url}/v1/recovery-points/${point.id}`, headers: auth };
      const direct = await load(native.url, native.headers, 10);
      const proxied = await load(viaGateway.url, viaGateway.headers, 10);
      const directSerial = await serialLatencies(300, () => fetch(native.url, { headers: native.headers }));
      const proxiedSerial = await serialLatencies(300, () => fetch(viaGateway.url, { headers: viaGateway.headers }));
      const throughput = proxied.requests.average / direct.requests.average;
      const addedP50 = pct(proxiedSerial, 50) - pct(directSerial, 50);
      const addedP99 = pct(proxiedSerial, 99) - pct(directSerial, 99);
      rows.push([
        `proxy overhead, ${vendor.id}: GET /v1/recovery-points/{id} vs native GET`,
        `${proxied.requests.average.toFixed(0)} vs ${direct.requests.average.toFixed(0)} req/s = ${ratio(throughput)}; added p50 ${ms(addedP50)}, p99 ${ms(addedP99)}`,
        'throughput >= 0.60, added p50 < 1 ms',
        verdict(throughput >= 0.6 && addedP50 < 1),
      ]);
      await emulator.stop();
    }

    // ---------------------------------------------------------------- fan-out
    const slow: { id: string; connection: string }[] = [];
    for (const vendor of VENDORS) {
      const emulator = await startEmulatorProcess(vendor.id, ['--latency-ms', '100']);
      emulators.push(emulator);
      slow.push({ id: vendor.id, connection: await connect(admin, emulator, `bench-slow-${vendor.id}`) });
    }
    const firstPage = (ids: string[]) => () => fetch(`${gateway!.url}/v1/recovery-points?pageSize=50${ids.map((id) => `&connection=${id}`).join('')}`, { headers: auth });
    // Warm the sessions (tokens) so that neither side pays a login.
    await serialLatencies(2, firstPage(slow.map((s) => s.connection)));
    const singles = await Promise.all(slow.map(async (s) => ({ id: s.id, p50: median(await serialLatencies(10, firstPage([s.connection]))) })));
    const merged = median(await serialLatencies(10, firstPage(slow.map((s) => s.connection))));
    const slowest = singles.reduce((a, b) => (b.p50 > a.p50 ? b : a));
    const fanOut = merged / slowest.p50;
    rows.push([
      'fan-out: first page across 4 connections (each vendor +100 ms) vs the slowest alone',
      `${ms(merged)} vs ${ms(slowest.p50)} (${slowest.id}) = ${ratio(fanOut)}`,
      '<= 1.15',
      verdict(fanOut <= 1.15),
    ]);
    notes.push(`Fan-out, each connection alone (p50 of 10 first pages): ${singles.map((s) => `${s.id} ${ms(s.p50)}`).join(', ')}.`);

    // ---------------------------------------------------------------- deep walk
    const perVendor = Math.ceil(DEEP_WALK_POINTS / VENDORS.length);
    const deep: { emulator: EmulatorProcess; connection: string; direct: DirectClient }[] = [];
    for (const vendor of VENDORS) {
      const emulator = await startEmulatorProcess(vendor.id, ['--extra-recovery-points', String(perVendor)]);
      emulators.push(emulator);
      deep.push({ emulator, connection: await connect(admin, emulator, `bench-deep-${vendor.id}`), direct: vendor.direct });
    }
    const directStart = performance.now();
    const directCounts = await Promise.all(deep.map((d) => d.direct.walkRecoveryPointsDirect(d.emulator)));
    const directSeconds = (performance.now() - directStart) / 1000;
    const directItems = directCounts.reduce((a, b) => a + b, 0);

    const scope = deep.map((d) => `&connection=${d.connection}`).join('');
    const baseline = rssOf(gateway.child.pid!);
    const rss = watchRss(gateway.child.pid!);
    const walkStart = performance.now();
    let walked = 0;
    let pages = 0;
    let pageToken: string | null = null;
    do {
      const page: any = await admin.get(`/v1/recovery-points?pageSize=500${scope}${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`);
      if (page.status !== 200 || page.body.unreachable.length > 0) throw new Error(`deep walk page ${pages + 1}: ${page.status} ${JSON.stringify(page.body).slice(0, 500)}`);
      walked += page.body.items.length;
      pageToken = page.body.nextPageToken;
      pages++;
    } while (pageToken);
    const walkSeconds = (performance.now() - walkStart) / 1000;
    const peak = rss.stop();
    const walkRatio = walked / walkSeconds / (directItems / directSeconds);
    rows.push([
      `deep walk: ${walked} recovery points, 4 connections, pageSize 500, through the gateway vs each emulator directly (4 at once)`,
      `${(walked / walkSeconds).toFixed(0)} vs ${(directItems / directSeconds).toFixed(0)} items/s = ${ratio(walkRatio)}`,
      '>= 0.50',
      verdict(walkRatio >= 0.5),
    ]);
    rows.push(['deep walk: gateway peak RSS growth', `${mb(peak - baseline)} (${mb(baseline)} -> ${mb(peak)})`, '< 64 MB', verdict(peak - baseline < 64 * 2 ** 20)]);
    if (walked !== directItems) notes.push(`The gateway walked ${walked} recovery points, the direct walks ${directItems}: the sandbox seed differs from what the vendor APIs list directly.`);
    notes.push(`Deep walk: ${pages} gateway pages in ${walkSeconds.toFixed(1)} s; direct walks ${directCounts.join(' + ')} items in ${directSeconds.toFixed(1)} s.`);
  } finally {
    await gateway?.stop();
    await Promise.all(emulators.map((e) => e.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  }

  const cpu = cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, ${mb(totalmem())} RAM, Node ${process.version}`;
  const table = [
    '| scenario | measured | target | |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
  const section = [
    '<!-- bench:gateway:start -->',
    `Run on ${new Date().toISOString().slice(0, 10)}, ${machine}, embedded PGlite, \`LOG_LEVEL=warn\`:`,
    '',
    table,
    '',
    ...notes.map((n) => `- ${n}`),
    '<!-- bench:gateway:end -->',
  ].join('\n');
  const file = join(ROOT, 'docs', 'performance.md');
  const doc = readFileSync(file, 'utf8');
  writeFileSync(file, doc.replace(/<!-- bench:gateway:start -->[\s\S]*<!-- bench:gateway:end -->/, section));
  process.stdout.write(`\n${section}\n`);
});
