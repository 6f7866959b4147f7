import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source';

/** Any fixed number: every instance takes the same lock, so only one migrates at a time. */
const MIGRATION_LOCK = 7_310_224_001;

let inProcess: Promise<unknown> = Promise.resolve();

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so that several gateway instances
 * starting together on one database migrate once. PGlite serves every socket from one backend
 * session, where advisory locks are re-entrant and so exclude nothing; an in-process queue covers
 * it (only one process can own an embedded database). Returns the names of the migrations it ran.
 */
export function runMigrations(dataSource: DataSource): Promise<string[]> {
  const run = inProcess.then(() => migrateLocked(dataSource));
  inProcess = run.catch(() => undefined);
  return run;
}

async function migrateLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

/** Pending migrations, for the readiness check. */
export async function hasPendingMigrations(dataSource: DataSource): Promise<boolean> {
  return dataSource.showMigrations();
}

/** Opens a short-lived connection, migrates, closes (used by tests' global setup and tooling). */
export async function migrateDatabase(url: string): Promise<string[]> {
  const dataSource = createDataSource(url, 2);
  await dataSource.initialize();
  try {
    return await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
