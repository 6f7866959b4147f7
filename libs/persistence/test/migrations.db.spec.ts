import { createDataSource, runMigrations, startEmbeddedPostgres, type EmbeddedPostgres } from '@backbridge/persistence';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

const TABLES = ['api_keys', 'audit_events', 'connections', 'events', 'idempotency_keys', 'operations', 'provider_settings', 'settings'];

async function tablesOf(ds: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await ds.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

describe('migrations', () => {
  describe(`on the test database (${process.env.TEST_DATABASE_KIND})`, () => {
    let ds: DataSource;
    beforeAll(async () => {
      ds = createDataSource(process.env.TEST_DATABASE_URL!, 2);
      await ds.initialize();
    });
    afterAll(() => ds.destroy());

    it('has created every table and recorded the migration', async () => {
      expect(await tablesOf(ds)).toEqual(expect.arrayContaining([...TABLES, 'migrations']));
      const applied: { name: string }[] = await ds.query('SELECT name FROM migrations');
      expect(applied.map((m) => m.name)).toEqual(expect.arrayContaining(['InitialSchema1764500000000', 'DurableOperations1764600000000']));
      expect(await ds.showMigrations()).toBe(false);
    });

    it('runs nothing the second time', async () => {
      expect(await runMigrations(ds)).toEqual([]);
    });

    it('enforces the operation status vocabulary in the database', async () => {
      await expect(
        ds.query(
          `INSERT INTO operations (type, status, provider, connection_id, request, created_by) VALUES ('backup','bogus','x',$1,'{}','t')`,
          [randomUUID()],
        ),
      ).rejects.toThrow(/check constraint/);
    });
  });

  describe('on a fresh embedded database', () => {
    let embedded: EmbeddedPostgres;
    let ds: DataSource;
    beforeAll(async () => {
      embedded = await startEmbeddedPostgres();
      ds = createDataSource(embedded.url, 5);
      await ds.initialize();
    });
    afterAll(async () => {
      await ds.destroy();
      await embedded.stop();
    });

    it('migrates up from nothing, concurrently from two callers, once', async () => {
      const [a, b] = await Promise.all([runMigrations(ds), runMigrations(ds)]);
      expect([...a, ...b]).toEqual(['InitialSchema1764500000000', 'DurableOperations1764600000000']);
      expect(await tablesOf(ds)).toEqual(expect.arrayContaining(TABLES));
    });

    it('reverts down to nothing', async () => {
      await ds.undoLastMigration();
      expect(await tablesOf(ds)).not.toContain('events');
      await ds.undoLastMigration();
      expect(await tablesOf(ds)).toEqual(['migrations']);
    });
  });
});
