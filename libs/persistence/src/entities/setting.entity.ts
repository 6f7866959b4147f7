import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Values the gateway generates once and keeps (e.g. the embedded mode's JWT secret). */
@Entity({ name: 'settings' })
export class SettingEntity {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  value: string;
}
