import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@backbridge/persistence';

/**
 * Many connections share PGlite's single session through pglite-socket. Each connection's
 * extended-protocol cycle (Parse, Bind, Execute ... Sync) must run without another connection's
 * messages in between, or one connection's Bind meets another's statement.
 */
describe('the embedded database under concurrent connections', () => {
  let embedded: EmbeddedPostgres;
  const clients: Client[] = [];

  beforeAll(async () => {
    embedded = await startEmbeddedPostgres();
    for (let i = 0; i < 24; i++) {
      const client = new Client({ connectionString: embedded.url });
      await client.connect();
      clients.push(client);
    }
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await embedded.stop();
  });

  it('answers each connection its own query, with its own parameters', async () => {
    const wrong: string[] = [];
    await Promise.all(
      clients.map(async (client, c) => {
        for (let round = 0; round < 60; round++) {
          if (round % 3 === c % 3) await new Promise((resolve) => setTimeout(resolve, round % 2));
          // Different parameter counts per connection: an interleaved Bind fails or answers wrongly.
          const params = Array.from({ length: (c % 4) + 1 }, (_, i) => `${c}-${round}-${i}`);
          const sql = `SELECT ${params.map((_, i) => `$${i + 1}::text AS p${i}`).join(', ')}`;
          const result = await client.query(sql, params).catch((error: Error) => ({ rows: [{ error: error.message }] }));
          if (JSON.stringify(Object.values(result.rows[0])) !== JSON.stringify(params)) wrong.push(`${c}/${round}: ${JSON.stringify(result.rows[0])}`);
        }
      }),
    );
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('keeps a transaction on its own connection while others query', async () => {
    const [a, b] = clients;
    await a.query('CREATE TABLE IF NOT EXISTS concurrency_probe (n int)');
    await a.query('BEGIN');
    await a.query('INSERT INTO concurrency_probe VALUES ($1)', [1]);
    const seenByOther = b.query('SELECT count(*)::int AS n FROM concurrency_probe');
    await a.query('ROLLBACK');
    expect((await seenByOther).rows[0].n).toBe(0);
  });
});
