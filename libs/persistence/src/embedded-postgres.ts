import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgresOptions {
  /** Folder for the database files; omit for an in-memory database (tests). */
  dataDir?: string;
  /** Loopback port; 0 picks a free one. */
  port?: number;
  /** At least the pool size of every client (TypeORM, pg-boss): pglite-socket defaults to 1. */
  maxConnections?: number;
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
  if (options.dataDir) {
    // PGlite creates only the last folder of dataDir.
    mkdirSync(options.dataDir, { recursive: true });
  }
  const db = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  await db.waitReady;
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxConnections: options.maxConnections ?? 64,
  });
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
