import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One event of `GET /v1/events`; the bigserial id is the SSE event id clients resume from. */
@Entity({ name: 'events' })
export class EventEntity {
  /** bigint comes back from `pg` as a string; ids are compared in SQL, never in JS numbers. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** e.g. `operation.created`, `operation.status_changed`, `operation.finished`, `connection.status_changed`. */
  @Column({ type: 'text' })
  type: string;

  /** The id of the object the event is about. */
  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
