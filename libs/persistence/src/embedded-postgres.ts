import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgresOptions {
  /** Folder for the database files; omit for an in-memory database (tests). */
  dataDir?: string;
  /** Loopback port; 0 picks a free one. */
  port?: number;
  /** At least the pool size of every client (TypeORM, pg-boss): pglite-socket defaults to 1. */
  maxConnections?: number;
  /** Where the template of new clusters is kept; default node_modules/.cache/backbridge (see openDataDir). */
  clusterTemplate?: string;
}

export interface EmbeddedPostgres {
  /** A postgres:// URL for the ordinary `pg` driver. */
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL compiled to WASM (PGlite), served on 127.0.0.1 by pglite-socket so that TypeORM's
 * `postgres` driver, the `pg` pool and pg-boss work unchanged (see docs/architecture.md).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const db = options.dataDir ? await openDataDir(options.dataDir, options.clusterTemplate ?? clusterTemplatePath()) : new PGlite();
  await db.waitReady;
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxConnections: options.maxConnections ?? 64,
  });
  keepProtocolCyclesTogether(server, db);
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  return {
    url: `postgres://postgres@${host}:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/**
 * Opens the cluster in `dataDir`, creating it when absent. Creating one runs initdb inside WASM,
 * about 2 s on these machines, most of a first start; so the first cluster made on an install is
 * saved as a template (PGlite's own dump, per PGlite version, under node_modules/.cache) and later
 * new folders are unpacked from it in about 0.5 s. Anything wrong with the template: initdb as before.
 */
async function openDataDir(dataDir: string, template: string | undefined): Promise<PGlite> {
  // PGlite creates only the last folder of dataDir.
  mkdirSync(dataDir, { recursive: true });
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  if (fresh && template && existsSync(template)) {
    try {
      const db = new PGlite(dataDir, { loadDataDir: new Blob([readFileSync(template)]) });
      await db.waitReady;
      return db;
    } catch {
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(dataDir, { recursive: true });
    }
  }
  const db = new PGlite(dataDir);
  await db.waitReady;
  if (fresh && template) await saveClusterTemplate(db, template);
  return db;
}

/** node_modules/.cache/backbridge/pglite-<version>.tar.gz of the node_modules that holds PGlite. */
function clusterTemplatePath(): string | undefined {
  try {
    const entry = require.resolve('@electric-sql/pglite');
    const marker = `${sep}node_modules${sep}`;
    const modules = entry.slice(0, entry.lastIndexOf(marker) + marker.length - 1);
    const version = (JSON.parse(readFileSync(join(modules, '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string }).version;
    return join(modules, '.cache', 'backbridge', `pglite-${version}-cluster.tar.gz`);
  } catch {
    return undefined;
  }
}

/** Written to a temporary name and renamed, so that two first starts never leave half a template. */
async function saveClusterTemplate(db: PGlite, template: string): Promise<void> {
  try {
    const dump = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
    mkdirSync(dirname(template), { recursive: true });
    const partial = `${template}.${process.pid}.partial`;
    writeFileSync(partial, dump);
    renameSync(partial, template);
  } catch {
    // Only a later start's speed depends on it.
  }
}

/** The internals of pglite-socket 0.2.17's query queue that `keepProtocolCyclesTogether` replaces. */
interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
}
interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

/** Extended-protocol messages after which the connection's cycle is still open (until Sync). */
const CYCLE_OPENERS = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));

/**
 * pglite-socket serves every connection from PGlite's one session and queues their messages one by
 * one; it keeps a connection's messages together only inside a transaction. A query outside a
 * transaction is several messages (Parse, Bind, Describe, Execute, Sync), and when a client's
 * messages arrive in separate TCP reads, another connection's Parse can land between them: that
 * Bind then meets the wrong statement, and answers reach the wrong client. Seen with the gateway
 * in another process under load. This queue also keeps a connection's cycle together up to its Sync.
 */
function keepProtocolCyclesTogether(server: PGLiteSocketServer, db: PGlite): void {
  const queue = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  let openCycleOf: number | null = null;
  const clearForHandler = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    clearForHandler(handlerId);
    if (openCycleOf === handlerId) {
      openCycleOf = null;
      void queue.processQueue();
    }
  };
  if (process.env.BACKBRIDGE_PGLITE_DEBUG) {
    setInterval(() => {
      const owners = [...new Set(queue.queue.map((i) => i.handlerId))];
      process.stderr.write(`[pglite-queue] connections ${server.getStats().activeConnections} open cycle of ${openCycleOf} last ${queue.lastHandlerId} inTx ${db.isInTransaction()} processing ${queue.processing} queued ${queue.queue.length} from ${owners.join(',')}\n`);
    }, 5000).unref();
  }
  queue.processQueue = async function processQueue(this: QueryQueue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = openCycleOf ?? (db.isInTransaction() ? this.lastHandlerId : null);
        const index = owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === owner);
        // The owner's next message has not arrived yet: wait for it (its enqueue restarts this loop).
        if (index === -1) break;
        const [item] = this.queue.splice(index, 1);
        let bytes = 0;
        try {
          await db.runExclusive(() =>
            db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          openCycleOf = null;
          item.reject(error);
          continue;
        }
        openCycleOf = CYCLE_OPENERS.has(item.message[0]) ? item.handlerId : null;
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
}
