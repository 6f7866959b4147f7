import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'operations' })
@Index('operations_resource_active', ['resourceKey'], { where: 'done = false' })
export class OperationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  type: 'backup' | 'restore';

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'boolean', default: false })
  done: boolean;

  @Column({ type: 'text' })
  provider: string;

  @Column({ name: 'connection_id', type: 'uuid' })
  connectionId: string;

  /** The unified request as the client sent it. */
  @Column({ type: 'jsonb' })
  request: Record<string, unknown>;

  /** The resource the work is about (connection + native id), for the one-at-a-time rule. */
  @Column({ name: 'resource_key', type: 'text', nullable: true })
  resourceKey: string | null;

  /** The plugin's reference to the vendor's job; null until the vendor accepted the work. */
  @Column({ name: 'job_ref', type: 'text', nullable: true })
  jobRef: string | null;

  @Column({ name: 'job_native_id', type: 'text', nullable: true })
  jobNativeId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  progress: Record<string, unknown> | null;

  @Column({ name: 'status_message', type: 'text', nullable: true })
  statusMessage: string | null;

  @Column({ type: 'jsonb', nullable: true })
  result: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  error: Record<string, unknown> | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  /** The instances that follow this operation (WORKER_GROUP): only their workers poll it. */
  @Column({ name: 'worker_group', type: 'text', default: 'default' })
  workerGroup: string;

  /** When the vendor accepted the work; the poll interval grows with the time since. */
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'poll_count', type: 'integer', default: 0 })
  pollCount: number;

  /** Polls in a row that could not reach the vendor; resets on the next answer. */
  @Column({ name: 'poll_failures', type: 'integer', default: 0 })
  pollFailures: number;

  @Column({ name: 'polled_at', type: 'timestamptz', nullable: true })
  polledAt: Date | null;

  /** The gateway instance (host:pid) that polled last: shows which worker follows the work. */
  @Column({ name: 'polled_by', type: 'text', nullable: true })
  polledBy: string | null;

  /** Polls per gateway instance, e.g. {"host:41": 6, "host:57": 3}: how the work was shared. */
  @Column({ name: 'polls_by', type: 'jsonb', default: {} })
  pollsBy: Record<string, number>;

  /** When the gateway saw the work finish (for the end-to-done latency figure). */
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
