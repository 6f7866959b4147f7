import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A plugin's enablement; a plugin with no row is enabled. */
@Entity({ name: 'provider_settings' })
export class ProviderSettingEntity {
  @PrimaryColumn({ name: 'provider_id', type: 'text' })
  providerId: string;

  @Column({ type: 'boolean' })
  enabled: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
