/**
 * CPM REST API 1.4.0 payloads, in the vendor's own words (reference chapters named per type).
 * Every response field is optional in the reference; ids are integers in bodies, strings in paths.
 */

/** §1.7: what a list answers when `page` and `page_size` are sent (otherwise a bare array). */
export interface CpmPage<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** §25.1 / §25.2 */
export interface CpmTokenPair {
  access?: string;
  refresh?: string;
}

/** §24.5 */
export interface CpmVersion {
  api_version?: string;
  cpm_version?: string;
}

/** §1.10: `{"errors": [{"<field>": [{"message", "code"}]}]}` */
export interface CpmErrorBody {
  errors?: Record<string, { message?: string; code?: string }[]>[];
}

export type CpmAutoRemove = 'N' | 'Y' | 'A';

/** §13.1–13.4 response_policies_* */
export interface CpmPolicy {
  id?: number;
  name?: string;
  description?: string | null;
  account?: number;
  user?: number;
  enabled?: boolean;
  generations?: number;
  schedules?: number[];
  auto_remove_resource?: CpmAutoRemove;
  dr_enabled?: boolean;
  copy_to_s3_enabled?: boolean;
  last_modified?: string | null;
}

/** §13.1 data_policies_create (account and name required) and §13.4 data_policies_update (name required, no account). */
export interface CpmPolicyWrite {
  account?: number;
  name: string;
  description?: string;
  enabled?: boolean;
  generations?: number;
  schedules?: number[];
}

/** §22.1 every_unit: M (Minutes), H (Hours), D (Days), W (Weeks), O (Months). */
export type CpmEveryUnit = 'M' | 'H' | 'D' | 'W' | 'O';

export const CPM_WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type CpmWeekday = (typeof CPM_WEEKDAYS)[number];
export type CpmAllowOn = { [D in CpmWeekday as `allow_on_${D}`]?: boolean };

/** §22.1–22.4 response_schedules_* */
export interface CpmSchedule extends CpmAllowOn {
  id?: number;
  name?: string;
  description?: string | null;
  user?: number;
  every_unit?: string;
  every_how_many?: number;
  start_date?: string | null;
  end_date?: string | null;
  timezone?: string;
  last_modified?: string | null;
  disable_times?: { id?: number; day?: string; start_time?: string; end_time?: string }[];
}

/** §22.1 data_schedules_create (name, every_how_many and user required). */
export interface CpmScheduleWrite extends CpmAllowOn {
  name: string;
  description?: string;
  user?: number;
  every_unit: CpmEveryUnit;
  every_how_many: number;
  start_date: string;
  timezone: string;
}

/**
 * The target families this plugin reads, as named in their paths: §13.30–34 (EC2 instances), §13.51–54
 * (independent EBS volumes), §13.43–46 (RDS databases), §13.39–42 (RDS/Aurora clusters), §13.21–24
 * (DynamoDB tables), §13.47–50 (Redshift clusters), §13.25–29 (EFS).
 */
export type CpmTargetFamily = 'instances' | 'volumes' | 'rds_databases' | 'rds_clusters' | 'dynamodb_tables' | 'redshift_clusters' | 'efs';

/** The list responses of §13.22, §13.26, §13.31, §13.40, §13.44, §13.48 and §13.52, merged (each family has a subset). */
export interface CpmTarget {
  id?: number;
  aws_region?: string;
  aws_resource_id?: string;
  aws_resource_type?: string;
  name?: string;
  resource_type?: string;
  tagged?: boolean;
  status?: string;
  zone?: string;
  /** instances */
  image_id?: string;
  platform?: string;
  state?: string;
  /** volumes */
  capacity?: number;
  created?: string | null;
  /** RDS databases and clusters, DynamoDB tables: capacity in GiB */
  storage?: number;
  engine?: string;
  /** RDS databases */
  aws_resource_class?: string;
  iops?: number;
  multi_az?: boolean;
  publicly_accessible?: boolean;
  storage_type?: string;
  /** DynamoDB tables: added by name (§13.21) */
  aws_resource_name?: string;
  partition_key?: string;
  sort_key?: string | null;
  table_arn?: string;
  /** Redshift clusters */
  node_type?: string;
  nodes?: number;
  node_storage?: number;
  encrypted?: boolean;
  /** EFS */
  size_in_bytes?: number;
  num_mount_targets?: number;
  backup_vault_name?: string;
  expire_option?: string;
}

/** §13.21, §13.25, §13.30, §13.35, §13.39, §13.43, §13.47: the required fields of a target add body. */
export type CpmTargetCreate = { aws_region: string; aws_resource_id: string } | { aws_region: string; aws_resource_name: string };

/** §7.1 backup record `status`. */
export type CpmBackupStatus = 'I' | 'P' | 'B' | 'A' | 'S' | 'D' | 'F' | 'M' | 'G';

/** §7.1 response_backups_list */
export interface CpmBackupRecord {
  id?: number;
  name?: string | null;
  description?: string | null;
  account?: number;
  policy?: number;
  user?: number;
  start_time?: string | null;
  end_time?: string | null;
  status?: string;
  dr_status?: string;
  is_recoverable?: boolean;
  is_retry?: boolean;
  marked_for_deletion?: boolean;
}

/** §7.35 response_backups_snapshots_instances_list (no times, no `succeeded`). */
export interface CpmInstanceRecord {
  id?: number;
  account_id?: number;
  backed_up_resource_id?: string;
  backed_up_resource_name?: string;
  aws_image_id?: string | null;
  aws_instance_type?: string;
  platform?: string;
  region?: string;
}

/**
 * §7.60 response_backups_snapshots_volumes_list; the records of §7.24 (DynamoDB), §7.28 (EFS), §7.48 (RDS
 * clusters), §7.52 (RDS databases) and §7.56 (Redshift) share these fields (without `capacity`).
 */
export interface CpmVolumeRecord {
  id?: number;
  backup_id?: string;
  account_id?: number;
  backed_up_resource_id?: string;
  backed_up_resource_name?: string;
  capacity?: number;
  deletion_time?: string | null;
  start_time?: string | null;
  end_time?: string | null;
  policy_name?: string;
  region?: string;
  snapshot_id?: string;
  snapshot_type?: string;
  status?: string;
  succeeded?: boolean;
  zone?: string;
  /** RDS databases and clusters */
  db_instance_class?: string;
  port?: number;
  /** RDS clusters and Redshift */
  cluster_id?: string;
  /** Redshift */
  aws_node_type?: string;
  aws_nodes?: number;
  /** EFS: `snapshot_id` is the AWS Backup recovery point */
  backup_vault_name?: string;
  expire_time?: string | null;
  performance_mode?: string;
}

export type CpmSnapshotRecord = CpmInstanceRecord | CpmVolumeRecord;

/** §14.1 recovery `status`. */
export type CpmRecoveryStatus = 'P' | 'R' | 'A' | 'F';

/** §14.1 response_recoveries_list and the 202 body of every recover (§7.27, §7.31, §7.40, §7.51, §7.55, §7.59, §7.63). */
export interface CpmRecovery {
  id?: number;
  backup_record?: number;
  backup_time?: string | null;
  policy?: number;
  account?: number;
  user?: number;
  recovery_time?: string | null;
  recovery_type?: string;
  status?: string;
  recovered_resource_ids?: string | null;
}
