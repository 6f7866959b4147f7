import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type ConnectionStatusState = 'ok' | 'error' | 'unknown';

@Entity({ name: 'connections' })
export class ConnectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  provider: string;

  @Column({ type: 'text', unique: true })
  name: string;

  @Column({ type: 'text' })
  endpoint: string;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  config: Record<string, unknown>;

  /** AES-256-GCM sealed JSON of the credentials (see SecretBox); never the plaintext. */
  @Column({ name: 'credentials_sealed', type: 'text' })
  credentialsSealed: string;

  @Column({ name: 'credentials_type', type: 'text' })
  credentialsType: string;

  @Column({ name: 'status_state', type: 'text', default: 'unknown' })
  statusState: ConnectionStatusState;

  @Column({ name: 'status_checked_at', type: 'timestamptz', nullable: true })
  statusCheckedAt: Date | null;

  @Column({ name: 'status_message', type: 'text', nullable: true })
  statusMessage: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
