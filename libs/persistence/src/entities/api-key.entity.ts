import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: 'viewer' | 'operator' | 'admin';

  /** SHA-256 of the key: keys are 256-bit random, so a fast hash is enough (docs/security.md). */
  @Column({ name: 'key_hash', type: 'text', unique: true })
  keyHash: string;

  /** The first characters of the key, to recognise it in a list. */
  @Column({ name: 'key_prefix', type: 'text' })
  keyPrefix: string;

  /** Set for keys the gateway manages itself (the bootstrap admin key). */
  @Column({ name: 'system_name', type: 'text', nullable: true, unique: true })
  systemName: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}
