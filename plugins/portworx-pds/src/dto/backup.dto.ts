/** `models.Backup`: a backup configuration (a Backup CR) on one deployment. */
export interface PdsBackup {
  id: string;
  deployment_id: string;
  deployment_name?: string;
  data_service_id?: string;
  project_id?: string;
  deployment_target_id?: string;
  namespace_id?: string;
  backup_target_id: string;
  backup_type: 'adhoc' | 'scheduled';
  backup_level: 'snapshot' | 'incremental';
  schedule?: string;
  job_history_limit?: number;
  reclaim_policy?: 'retain' | 'delete';
  /** "State of backup CR in target cluster". */
  state?: 'created' | 'pending' | 'failed';
  suspend?: boolean;
  cluster_resource_name?: string;
  created_at?: string;
  updated_at?: string;
}

/** `controllers.CreateDeploymentBackup`, the body of `POST /api/deployments/{id}/backups`. */
export interface PdsCreateDeploymentBackup {
  backup_level: 'snapshot' | 'incremental';
  backup_target_id: string;
  backup_type: 'adhoc' | 'scheduled';
  job_history_limit: number;
  schedule?: string;
}

/** `models.BackupTarget`: object storage backups go to. */
export interface PdsBackupTarget {
  id: string;
  name: string;
  type: string;
  bucket?: string;
  region?: string;
  backup_credentials_id?: string;
  tenant_id?: string;
  created_at?: string;
  updated_at?: string;
}
