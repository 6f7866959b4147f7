import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '@backbridge/persistence';

/** Creates a table in a fresh cluster, then reads it back: the cluster works. */
async function usable(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TABLE probe (n int)');
    await client.query('INSERT INTO probe VALUES (42)');
    return (await client.query('SELECT n FROM probe')).rows[0].n;
  } finally {
    await client.end();
  }
}

describe('new embedded clusters from a template', () => {
  const root = mkdtempSync(join(tmpdir(), 'backbridge-template-'));
  const template = join(root, 'cache', 'cluster.tar.gz');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('saves the first new cluster as the template and unpacks later ones from it', async () => {
    const first = await startEmbeddedPostgres({ dataDir: join(root, 'a'), clusterTemplate: template });
    try {
      expect(await usable(first.url)).toBe(42);
    } finally {
      await first.stop();
    }
    expect(existsSync(template)).toBe(true);
    // The template is the bare cluster, saved before anything ran: the first folder's table is not in it.
    const second = await startEmbeddedPostgres({ dataDir: join(root, 'b'), clusterTemplate: template });
    try {
      expect(await usable(second.url)).toBe(42);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it('falls back to creating the cluster when the template is unreadable', async () => {
    writeFileSync(template, 'not a tarball');
    const db = await startEmbeddedPostgres({ dataDir: join(root, 'c'), clusterTemplate: template });
    try {
      expect(await usable(db.url)).toBe(42);
    } finally {
      await db.stop();
    }
  }, 60_000);
});
