import type { CbrOffsetPage, CbrResourceType } from './cbr-common.dto';

export type CbrBackupStatus =
  | 'available'
  | 'protecting'
  | 'deleting'
  | 'restoring'
  | 'error'
  | 'waiting_protect'
  | 'waiting_delete'
  | 'waiting_restore';

export interface CbrBackupExtendInfo {
  auto_trigger?: boolean | null;
  bootable?: boolean | null;
  incremental?: boolean | null;
  snapshot_id?: string | null;
  support_lld?: boolean | null;
  /** Spelled this way in some examples. */
  support_llid?: boolean | null;
  supported_restore_mode?: 'na' | 'backup' | 'snapshot' | null;
  contain_system_disk?: boolean | null;
  encrypted?: boolean | null;
  system_disk?: boolean | null;
}

/** BackupResp (seed §4.5.1). */
export interface CbrBackup {
  id: string;
  checkpoint_id: string;
  created_at: string;
  description?: string | null;
  expired_at?: string | null;
  extend_info?: CbrBackupExtendInfo | null;
  image_type?: string;
  name?: string;
  parent_id?: string | null;
  project_id?: string;
  protected_at?: string | null;
  provider_id?: string;
  resource_az?: string | null;
  resource_id: string;
  resource_name?: string | null;
  /** GB of the resource, not of the backup. */
  resource_size?: number;
  resource_type: CbrResourceType;
  status: CbrBackupStatus;
  updated_at?: string | null;
  vault_id: string;
  children?: CbrBackup[];
  enterprise_project_id?: string;
  replication_records?: unknown[];
}

export interface CbrBackupList extends CbrOffsetPage {
  backups: CbrBackup[];
}

export interface CbrBackupShow {
  backup: CbrBackup;
}

/** BackupRestore (seed §4.5.4). */
export interface CbrBackupRestore {
  mappings?: { backup_id: string; volume_id: string }[];
  power_on?: boolean;
  server_id?: string;
  volume_id?: string;
}
