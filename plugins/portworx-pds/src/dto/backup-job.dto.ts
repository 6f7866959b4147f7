/** `models.BackupJob`: one execution of a Backup, i.e. one recovery point. */
export interface PdsBackupJob {
  id: string;
  name?: string;
  backup_id?: string;
  deployment_id?: string;
  deployment_target_id?: string;
  namespace_id?: string;
  project_id?: string;
  image_id?: string;
  completion_status?: string;
  /** `JobFailed | VolumeSnapshotFailed | PXCloudCredentialsNotFound` when Failed. */
  error_code?: string;
  error_message?: string;
  start_time?: string;
  completion_time?: string;
  timestamp?: string;
  /** "FileSize of the CloudSnap image" (unit not stated; read as bytes). */
  file_size?: number;
  cloud_snap_id?: string;
  created_at?: string;
  updated_at?: string;
}

/** `models.Restore`: a restore always creates a new deployment (`deployment_id`). */
export interface PdsRestore {
  id: string;
  name?: string;
  backup_job_id?: string;
  deployment_id?: string;
  deployment_target_id?: string;
  namespace_id?: string;
  apply_status?: string;
  /** "Status of the restore process on the Target Cluster" (plain string). */
  status?: string;
  error_code?: string;
  start_time?: string;
  completion_time?: string;
  created_at?: string;
  updated_at?: string;
}

/** `requests.CreateRestoreRequest`. */
export interface PdsCreateRestoreRequest {
  name: string;
  deployment_target_id: string;
  namespace_id: string;
}
