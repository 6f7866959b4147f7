/**
 * Durable operations across gateway processes: the compiled gateway runs as real child processes
 * on the test database, the vendor emulators run here (so they outlive a killed gateway).
 */
import { randomBytes } from 'node:crypto';
import type { RunningEmulator, SandboxEmulator } from '@backbridge/emulator-kit';
import { huaweiCbrEmulator } from '@backbridge/huawei-cbr/emulator';
import { ibmBackupRecoveryEmulator } from '@backbridge/ibm-backup-recovery/emulator';
import { portworxPdsEmulator } from '@backbridge/portworx-pds/emulator';
import { Client } from 'pg';
import { backupableResources, connectEmulators, inBatches } from '../support/fleet';
import { buildGateway, spawnGateway, type GatewayProcess } from '../support/gateway-process';
import { listenToEvents, type ReceivedEvent } from '../support/sse-client';
import { ApiClient, waitForOperation } from '../support/test-gateway';

jest.setTimeout(300_000);

/** Phases on stderr, so a slow CI run shows where the time went. */
const phase = (name: string) => process.stderr.write(`[durable-operations ${new Date().toISOString()}] ${name}\n`);

/** Vendors whose backups cover exactly the resource asked for (a CPM backup runs a whole policy). */
const EMULATORS: SandboxEmulator[] = [ibmBackupRecoveryEmulator, huaweiCbrEmulator, portworxPdsEmulator];
/** Emulated jobs take ~3 s at scale 1: five times slower keeps them running across a restart. */
const TIME_SCALE = 5;

function processEnv(group: string, secrets: { jwt: string; key: string }): Record<string, string | undefined> {
  return {
    DATABASE_URL: process.env.TEST_DATABASE_URL,
    SECRETS_KEY: secrets.key,
    JWT_SECRET: secrets.jwt,
    ADMIN_API_KEY: process.env.TEST_ADMIN_API_KEY,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.BACKBRIDGE_TEST_GATEWAY_LOG_LEVEL ?? 'error',
    PLUGINS: 'ibm-backup-recovery,huawei-cbr,portworx-pds',
    SANDBOX: 'false',
    WORKER_GROUP: group,
    OPERATION_POLL_MIN_MS: '200',
    OPERATION_POLL_MAX_MS: '2000',
    LOGIN_RATE_LIMIT: '10000',
    API_RATE_LIMIT: '1000000',
  };
}

async function adminOf(url: string): Promise<ApiClient> {
  const anonymous = new ApiClient(url);
  const answer = await anonymous.post('/v1/auth/token', { apiKey: process.env.TEST_ADMIN_API_KEY });
  if (answer.status !== 200) throw new Error(`token: ${answer.status} ${JSON.stringify(answer.body)}`);
  return anonymous.withToken(answer.body.accessToken);
}

describe('durable operations across gateway processes', () => {
  const secrets = { jwt: randomBytes(32).toString('hex'), key: randomBytes(32).toString('hex') };
  const emulators: RunningEmulator[] = [];
  const processes: GatewayProcess[] = [];
  let db: Client;

  beforeAll(async () => {
    phase('building the gateway');
    buildGateway();
    phase('built');
    db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    db.on('error', () => undefined); // the database may stop before this client at the very end
    await db.connect();
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop().catch(() => undefined)));
    await Promise.all(emulators.map((e) => e.stop()));
    await db?.end();
  });

  it('finishes every operation after the gateway is SIGKILLed mid-work, without starting any twice', async () => {
    const group = `kill${randomBytes(4).toString('hex')}`;
    phase('SIGKILL test: spawning the first process');
    const first = await spawnGateway(processEnv(group, secrets));
    processes.push(first);
    const admin = await adminOf(first.url);
    phase('SIGKILL test: connecting emulators');
    const fleet = await connectEmulators(admin, EMULATORS, { copies: 4, tag: group, timeScale: TIME_SCALE });
    emulators.push(...fleet.running);
    const connections = fleet.connections;
    const resources = (await backupableResources(admin, connections)).slice(0, 50);
    expect(resources).toHaveLength(50);
    const startedAt = new Date(Date.now() - 1000).toISOString();

    phase('SIGKILL test: starting 50 backups');
    const started = await inBatches(resources, 10, (r) => admin.post('/v1/backups', { resource: r.id }));
    const refused = started.map((answer, i) => ({ answer, resource: resources[i] })).filter((x) => x.answer.status !== 202);
    if (refused.length) console.log(first.output().slice(0, 6000));
    expect(refused.map((x) => `${x.resource.provider} ${x.resource.name}: ${x.answer.body.detail}`)).toEqual([]);
    const ids = started.map((s) => s.body.id as string);
    const running = await db.query(`SELECT count(*)::int AS n FROM operations WHERE id = ANY($1) AND done = false`, [ids]);
    expect(running.rows[0].n).toBeGreaterThan(0);

    phase('SIGKILL test: killing the first process');
    await first.kill();
    const second = await spawnGateway(processEnv(group, secrets));
    processes.push(second);
    const again = await adminOf(second.url);

    const finished = await Promise.all(ids.map((id) => waitForOperation(again, id, 120_000)));
    phase('SIGKILL test: all operations done');
    expect(finished.map((o) => o.done)).toEqual(ids.map(() => true));
    // The vendor's own outcome: each operation ends as its vendor job did.
    for (const operation of finished) {
      const job = await again.get(`/v1/jobs/${operation.job}`);
      expect({ operation: operation.id, status: operation.status }).toEqual({ operation: operation.id, status: job.body.status });
    }
    // Exactly one backup job per resource at the vendor since the test began: none started twice.
    for (const resource of resources) {
      const jobs = (await again.get(`/v1/jobs?type=backup&resource=${resource.id}&startedAfter=${encodeURIComponent(startedAt)}&pageSize=50`)).body.items;
      expect({ resource: resource.name, jobs: jobs.length }).toEqual({ resource: resource.name, jobs: 1 });
    }
    const polledBy = await db.query(`SELECT DISTINCT polled_by FROM operations WHERE id = ANY($1)`, [ids]);
    expect(polledBy.rows.map((r) => r.polled_by)).toContain(`${require('node:os').hostname()}:${second.child.pid}`);
    await second.stop();
  });

  it('shares the work of one group between two processes, one poller per operation, events reaching both', async () => {
    const group = `pair${randomBytes(4).toString('hex')}`;
    const a = await spawnGateway(processEnv(group, secrets));
    const b = await spawnGateway(processEnv(group, secrets));
    processes.push(a, b);
    const adminA = await adminOf(a.url);
    const adminB = await adminOf(b.url);
    const fleet = await connectEmulators(adminA, EMULATORS, { copies: 1, tag: group, timeScale: TIME_SCALE });
    emulators.push(...fleet.running);
    const connections = fleet.connections;
    const resources = (await backupableResources(adminA, connections)).slice(0, 20);

    const seenByB: ReceivedEvent[] = [];
    const token = (await new ApiClient(b.url).post('/v1/auth/token', { apiKey: process.env.TEST_ADMIN_API_KEY })).body.accessToken;
    const stream = listenToEvents(b.url, token, seenByB);
    await stream.ready;

    // The same Idempotency-Key sent to both processes at once: one operation.
    const key = randomBytes(8).toString('hex');
    const twins = await Promise.all([adminA, adminB].map((c) => c.post('/v1/backups', { resource: resources[0].id }, { 'idempotency-key': key })));
    const twinIds = new Set(twins.filter((t) => t.status === 202).map((t) => t.body.id));
    expect(twinIds.size).toBe(1);
    for (const t of twins) expect([202, 409]).toContain(t.status);
    const keyed = await db.query(`SELECT count(*)::int AS n FROM operations WHERE worker_group = $1 AND request->>'resource' = $2`, [group, resources[0].id]);
    expect(keyed.rows[0].n).toBe(1);

    phase('two processes: starting backups');
    const started = await inBatches(resources.slice(1), 10, (r) => adminA.post('/v1/backups', { resource: r.id }));
    const ids = [...twinIds, ...started.map((s) => s.body.id as string)];
    const finished = await Promise.all(ids.map((id) => waitForOperation(adminB, id, 120_000)));
    phase('two processes: all operations done');
    expect(finished.every((o) => o.done)).toBe(true);

    // Both processes polled; never two at once for one operation (pg-boss keeps each poll's times).
    const polls = await db.query(`SELECT key AS instance, sum(value::int)::int AS n FROM operations, jsonb_each_text(polls_by) WHERE id = ANY($1) GROUP BY 1`, [ids]);
    const host = require('node:os').hostname();
    expect(polls.rows.map((r) => r.instance).sort()).toEqual([`${host}:${a.child.pid}`, `${host}:${b.child.pid}`].sort());
    const overlaps = await db.query(
      `SELECT count(*)::int AS n FROM pgboss.job x JOIN pgboss.job y
         ON x.name = y.name AND x.singleton_key = y.singleton_key AND x.id < y.id
        WHERE x.name = $1 AND x.started_on IS NOT NULL AND y.started_on IS NOT NULL
          AND x.started_on < coalesce(y.completed_on, now()) AND y.started_on < coalesce(x.completed_on, now())`,
      [`operation-poll.${group}`],
    );
    expect(overlaps.rows[0].n).toBe(0);

    // Every operation was created on A; B's subscriber saw each one created and finished.
    const finishedSeen = () => new Set(seenByB.filter((e) => e.type === 'operation.finished').map((e) => e.data.id));
    for (const deadline = Date.now() + 15_000; ids.some((id) => !finishedSeen().has(id)) && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    stream.close();
    for (const id of ids) {
      expect(seenByB.filter((e) => e.data.id === id).map((e) => e.type)).toEqual(expect.arrayContaining(['operation.created', 'operation.finished']));
    }
    const eventIds = seenByB.map((e) => BigInt(e.id));
    expect(eventIds).toEqual([...eventIds].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
  });
});
