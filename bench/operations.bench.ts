/**
 * `npm run bench:operations`: how quickly the workers notice that a vendor job ended, and how many
 * database queries a running operation costs. Prints a table; asserts nothing.
 *
 * Database: embedded (a fresh in-memory PGlite) unless BENCH_DATABASE_URL names a PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { hostname, cpus } from 'node:os';
import { Client } from 'pg';
import { SANDBOX_EMULATORS } from '@backbridge/sandbox';
import { migrateDatabase, startEmbeddedPostgres, type EmbeddedPostgres } from '@backbridge/persistence';
import type { RunningEmulator } from '@backbridge/emulator-kit';
import { SHIPPED_PLUGINS } from '../apps/gateway/src/plugins/plugin-catalogue';
import { backupableResources, connectEmulators, inBatches } from '../test/support/fleet';
import { startTestGateway, waitForOperation, type TestGateway } from '../test/support/test-gateway';

/** Every query any pg client of this process sends (TypeORM, pg-boss, the event reader). */
let queries = 0;
const originalQuery = Client.prototype.query;
Client.prototype.query = function countedQuery(this: Client, ...args: unknown[]) {
  queries++;
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof Client.prototype.query;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

async function queriesPerMinute(windowMs: number): Promise<number> {
  const before = queries;
  await sleep(windowMs);
  return ((queries - before) * 60_000) / windowMs;
}

it('operations: end-to-done latency and database load', async () => {
  let embedded: EmbeddedPostgres | undefined;
  let url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres();
    url = embedded.url;
  }
  await migrateDatabase(url);
  process.env.TEST_DATABASE_URL = url;
  process.env.TEST_ADMIN_API_KEY = `admin-${randomBytes(24).toString('hex')}`;
  const rows: string[][] = [];
  let gateway: TestGateway | undefined;
  const emulators: RunningEmulator[] = [];
  try {
    // Defaults of a real deployment: first poll after 1 s, growing to at most 60 s.
    gateway = await startTestGateway({ plugins: SHIPPED_PLUGINS, env: { OPERATION_POLL_MIN_MS: '1000', OPERATION_POLL_MAX_MS: '60000' } });
    // timeScale 20: emulated jobs last about a minute, long enough to measure a steady state.
    const fleet = await connectEmulators(gateway.admin, SANDBOX_EMULATORS, { copies: 1, tag: 'bench', timeScale: 20 });
    emulators.push(...fleet.running);
    const resources = await backupableResources(gateway.admin, fleet.connections);

    await sleep(5_000);
    const idle = await queriesPerMinute(20_000);
    const started = await inBatches(resources, 10, (r) => gateway!.admin.post('/v1/backups', { resource: r.id }));
    const ids = started.filter((s) => s.status === 202).map((s) => s.body.id as string);
    await sleep(5_000);
    const db = new Client({ connectionString: url });
    await db.connect();
    const pollsNow = async () => Number((await db.query('SELECT coalesce(sum(poll_count), 0)::int AS n FROM operations WHERE id = ANY($1)', [ids])).rows[0].n);
    const pollsBefore = await pollsNow();
    const busy = await queriesPerMinute(20_000);
    const polls = (await pollsNow()) - pollsBefore;
    const finished = await Promise.all(ids.map((id) => waitForOperation(gateway!.admin, id, 300_000)));

    const lagMs: number[] = [];
    for (const operation of finished) {
      const job = (await gateway.admin.get(`/v1/jobs/${operation.job}`)).body;
      const row = await db.query('SELECT finished_at FROM operations WHERE id = $1', [operation.id]);
      if (job.endedAt && row.rows[0]?.finished_at) lagMs.push(new Date(row.rows[0].finished_at).getTime() - Date.parse(job.endedAt));
    }
    await db.end();
    const perOperation = (busy - idle) / ids.length;
    // The bench's own two poll-count queries are in the busy window: take them out.
    const perPoll = ((busy - idle) * (20_000 / 60_000) - 2) / Math.max(1, polls);
    rows.push(
      ['running operations', String(ids.length)],
      ['queries/min, idle gateway', idle.toFixed(0)],
      ['queries/min, with the operations running', busy.toFixed(0)],
      ['queries/min per running operation (first half minute: polled every 1-3 s)', perOperation.toFixed(1)],
      ['polls in the 20 s window', String(polls)],
      ['queries per poll (fetch, read, vendor answer written, next poll queued, events)', perPoll.toFixed(1)],
      ['queries/min per operation polled every 60 s (jobs older than 10 min)', (perPoll).toFixed(1)],
      ['vendor job end -> operation done, p50', `${(percentile(lagMs, 50) / 1000).toFixed(2)} s`],
      ['vendor job end -> operation done, p90', `${(percentile(lagMs, 90) / 1000).toFixed(2)} s`],
      ['vendor job end -> operation done, max', `${(Math.max(...lagMs) / 1000).toFixed(2)} s`],
      ['measured on', `${hostname()}, ${cpus().length} cores, ${embedded ? 'embedded PGlite' : 'PostgreSQL'}, ${new Date().toISOString().slice(0, 10)}`],
    );
  } finally {
    await gateway?.close();
    await Promise.all(emulators.map((e) => e.stop()));
    await embedded?.stop();
  }
  process.stdout.write(`\n| measure | value |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n\n`);
});
