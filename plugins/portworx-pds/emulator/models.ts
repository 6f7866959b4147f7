/**
 * The PDS API's own models (API version 121), as the emulator stores and answers them. Field names
 * and types follow the vendor's OpenAPI models (`models.Deployment`, `models.BackupJob`, ...).
 * Kept apart from the plugin's DTOs on purpose: the emulator follows the documentation, not the plugin.
 */

export interface Account {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
  eula: { accepted: boolean; accepted_version: string };
  global_config: Record<string, unknown>;
}

export interface Tenant {
  id: string;
  name: string;
  account_id: string;
  created_at: string;
  updated_at: string;
}

export interface Project {
  id: string;
  name: string;
  tenant_id: string;
  account_id: string;
  created_at: string;
  updated_at: string;
}

export interface DeploymentTarget {
  id: string;
  name: string;
  account_id: string;
  tenant_id: string;
  cluster_id: string;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface Namespace {
  id: string;
  name: string;
  status: string;
  deployment_target_id: string;
  tenant_id: string;
  account_id: string;
  created_at: string;
  updated_at: string;
}

export interface DataService {
  id: string;
  name: string;
  short_name: string;
  has_full_backup: boolean;
  has_incremental_backup: boolean;
  created_at: string;
  updated_at: string;
}

export interface Deployment {
  id: string;
  name: string;
  cluster_resource_name: string;
  account_id: string;
  tenant_id: string;
  project_id: string;
  deployment_target_id: string;
  namespace_id: string;
  data_service_id: string;
  version_id: string;
  image_id: string;
  node_count: number;
  service_type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  state: 'created' | 'pending' | 'failed';
  dns_zone: string;
  tls_enabled: boolean;
  restore_id: string;
  created_at: string;
  updated_at: string;
}

export interface BackupTarget {
  id: string;
  name: string;
  type: 'azure' | 's3' | 's3-compatible';
  bucket: string;
  region: string;
  backup_credentials_id: string;
  tenant_id: string;
  account_id: string;
  created_at: string;
  updated_at: string;
}

export interface BackupSchedule {
  id: string;
  schedule: string;
  type: 'incremental' | 'full';
  retention_count: number;
}

export interface BackupPolicy {
  id: string;
  name: string;
  schedules: BackupSchedule[];
  tenant_id: string;
  account_id: string;
  created_at: string;
  updated_at: string;
}

export interface Backup {
  id: string;
  deployment_id: string;
  deployment_name: string;
  data_service_id: string;
  project_id: string;
  tenant_id: string;
  account_id: string;
  deployment_target_id: string;
  namespace_id: string;
  backup_target_id: string;
  backup_type: 'adhoc' | 'scheduled';
  backup_level: 'snapshot' | 'incremental';
  schedule: string;
  job_history_limit: number;
  reclaim_policy: 'retain' | 'delete';
  state: 'created' | 'pending' | 'failed';
  suspend: boolean;
  cluster_resource_name: string;
  created_at: string;
  updated_at: string;
}

export interface BackupJob {
  id: string;
  name: string;
  backup_id: string;
  deployment_id: string;
  deployment_target_id: string;
  namespace_id: string;
  project_id: string;
  image_id: string;
  completion_status: 'Active' | 'Succeeded' | 'Failed';
  error_code: string;
  error_message: string;
  start_time: string;
  completion_time: string;
  timestamp: string;
  file_size: number;
  cloud_snap_id: string;
  cloud_credential_name: string;
  backup_capability: string;
  backup_spec: Record<string, unknown>;
  data_service_spec: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export interface Restore {
  id: string;
  name: string;
  backup_job_id: string;
  deployment_id: string;
  deployment_target_id: string;
  namespace_id: string;
  cluster_resource_name: string;
  cloud_snap_id: string;
  cloud_credential_name: string;
  apply_status: string;
  status: string;
  error_code: string;
  start_time: string;
  completion_time: string;
  timestamp: string;
  created_at: string;
  updated_at: string;
}

/** PDS timestamps are RFC 3339 UTC with microseconds ("2022-04-02T19:57:31.414608Z"). */
export function pdsTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000Z');
}
