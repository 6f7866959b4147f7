/** `models.BackupSchedule`. `id` "is UUID and it is generated on the UI side". */
export interface PdsBackupSchedule {
  id?: string;
  /** "CRON expression for the backup schedule." */
  schedule: string;
  type: 'incremental' | 'full';
  /** "Number of retained backup jobs. Must be 1 or greater." */
  retention_count: number;
}

/** `models.BackupPolicy`: tenant-scoped; no enabled flag, no target, no time zone, no resources. */
export interface PdsBackupPolicy {
  id: string;
  name: string;
  schedules: PdsBackupSchedule[];
  tenant_id?: string;
  account_id?: string;
  created_at?: string;
  updated_at?: string;
}

/** `POST /api/tenants/{id}/backup-policies` and `PUT /api/backup-policies/{id}` body. */
export interface PdsBackupPolicyRequest {
  name: string;
  schedules: PdsBackupSchedule[];
}
