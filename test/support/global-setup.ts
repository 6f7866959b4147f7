/**
 * One database for the whole jest run: a real PostgreSQL when DATABASE_URL is set (CI's second
 * pass), otherwise an in-memory embedded PGlite. Tests read it from TEST_DATABASE_URL and
 * migrations run once here, before the workers start.
 */
import { randomBytes } from 'node:crypto';
import { startEmbeddedPostgres } from '../../libs/persistence/src/embedded-postgres';
import { migrateDatabase } from '../../libs/persistence/src/migrate';

export default async function globalSetup(): Promise<void> {
  const external = process.env.DATABASE_URL;
  let url: string;
  if (external) {
    url = external;
    process.env.TEST_DATABASE_KIND = 'postgresql';
  } else {
    const embedded = await startEmbeddedPostgres();
    (globalThis as { __embeddedPostgres?: unknown }).__embeddedPostgres = embedded;
    url = embedded.url;
    process.env.TEST_DATABASE_KIND = 'pglite';
  }
  process.env.TEST_DATABASE_URL = url;
  // One bootstrap admin key for every gateway of the run: they share the database.
  process.env.TEST_ADMIN_API_KEY = `admin-${randomBytes(24).toString('hex')}`;
  await migrateDatabase(url);
  // eslint-disable-next-line no-console
  console.log(`\n[backbridge tests] database: ${process.env.TEST_DATABASE_KIND} (${url.replace(/\/\/[^@]*@/, '//')})`);
}
