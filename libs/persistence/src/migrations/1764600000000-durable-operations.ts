import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Durable operations: what the workers need on each operation (when the vendor work started, how
 * often it was polled, the last poll error), the operation an idempotent request recorded, and the
 * `events` log behind `GET /v1/events`.
 */
export class DurableOperations1764600000000 implements MigrationInterface {
  name = 'DurableOperations1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE operations ADD COLUMN worker_group text NOT NULL DEFAULT 'default'`);
    await q.query(`ALTER TABLE operations ADD COLUMN started_at timestamptz`);
    await q.query(`ALTER TABLE operations ADD COLUMN poll_count integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE operations ADD COLUMN poll_failures integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE operations ADD COLUMN polled_at timestamptz`);
    await q.query(`ALTER TABLE operations ADD COLUMN polled_by text`);
    await q.query(`ALTER TABLE operations ADD COLUMN polls_by jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await q.query(`ALTER TABLE operations ADD COLUMN finished_at timestamptz`);
    // The operation a request with an Idempotency-Key recorded, written with the operation's intent.
    await q.query(`ALTER TABLE idempotency_keys ADD COLUMN operation_id uuid`);
    await q.query(`CREATE INDEX operations_unfinished ON operations (worker_group, created_at) WHERE done = false`);
    await q.query(`CREATE INDEX operations_expiry ON operations (expires_at) WHERE expires_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE events (
        id bigserial PRIMARY KEY,
        type text NOT NULL,
        subject text NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX events_created ON events (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE events`);
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN operation_id`);
    await q.query(`DROP INDEX operations_expiry`);
    await q.query(`DROP INDEX operations_unfinished`);
    for (const column of ['finished_at', 'polls_by', 'polled_by', 'polled_at', 'poll_failures', 'poll_count', 'started_at', 'worker_group']) {
      await q.query(`ALTER TABLE operations DROP COLUMN ${column}`);
    }
  }
}
