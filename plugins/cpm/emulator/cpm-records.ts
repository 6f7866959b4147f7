/**
 * What the emulated CPM server keeps, in the vendor's own field names (CPM REST API 1.4.0).
 * Timestamps are epoch milliseconds here and formatted on the way out.
 */

/** The target families of the reference (§13.21–13.54), named as in their paths. */
export const TARGET_FAMILIES = ['instances', 'volumes', 'rds_databases', 'rds_clusters', 'dynamodb_tables', 'redshift_clusters', 'efs'] as const;
export type TargetFamily = (typeof TARGET_FAMILIES)[number];

/** An AWS object the emulated CPM account can see; it becomes visible in the API only as a policy target. */
export interface AwsObject {
  family: TargetFamily;
  aws_resource_id: string;
  aws_region: string;
  name: string;
  zone: string;
  /** instances */
  aws_resource_type?: string;
  platform?: string;
  image_id?: string;
  /** volumes */
  capacity?: number;
  iops?: number;
  created?: number;
  /** RDS databases and clusters (§13.39–13.46) */
  engine?: string;
  storage?: number;
  aws_resource_class?: string;
  multi_az?: boolean;
  storage_type?: string;
  port?: number;
  subnet_group_name?: string;
  /** DynamoDB tables (§13.21–13.24): added by name; the emulator uses the table name as its AWS id too. */
  partition_key?: string;
  sort_key?: string;
  /** Redshift clusters (§13.47–13.50) */
  node_type?: string;
  nodes?: number;
  node_storage?: number;
  /** EFS (§13.25–13.29) */
  size_in_bytes?: number;
  num_mount_targets?: number;
  performance_mode?: string;
}

export interface PolicyState {
  id: number;
  name: string;
  description: string | null;
  account: number;
  user: number;
  enabled: boolean;
  generations: number;
  schedules: number[];
  auto_remove_resource: 'N' | 'Y' | 'A';
  dr_enabled: boolean;
  last_modified: number;
}

export interface TargetState {
  id: number;
  policy: number;
  object: AwsObject;
  /** EFS targets only: the AWS Backup settings of the add/update body (§13.25, §13.28). */
  efs?: EfsTargetOptions;
}

export interface EfsTargetOptions {
  backup_iam_role_arn: string | null;
  backup_vault_name: string;
  expire_option: string;
  expire_option_value: number | null;
  move_to_cold_storage_option: string;
  move_to_cold_storage_option_value: number | null;
}

export interface ScheduleState {
  id: number;
  name: string;
  description: string | null;
  user: number;
  every_unit: string;
  every_how_many: number;
  start_date: number;
  end_date: number | null;
  timezone?: string;
  allow_on: Record<Weekday, boolean>;
  last_modified: number;
}

export const WEEKDAY_FIELDS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAY_FIELDS)[number];

/** The final letter a run reaches (B, A, S or F); I and P are computed from the clock. */
export type BackupOutcome = 'B' | 'A' | 'S' | 'F';

export interface SnapshotRecordState {
  id: number;
  backup: number;
  family: TargetFamily;
  object: AwsObject;
  succeeded: boolean;
  snapshot_id: string;
}

export interface BackupState {
  id: number;
  tracker_id: number;
  policy: number;
  policy_name: string;
  account: number;
  user: number;
  startedAt: number;
  /** Unscaled milliseconds from start to In Progress and to the end. */
  toInProgressMs: number;
  toEndMs: number;
  outcome: BackupOutcome;
  is_retry: boolean;
  snapshots: SnapshotRecordState[];
}

export type RecoveryOutcome = 'R' | 'A' | 'F';

export type RecoveryType = 'I' | 'V' | 'R' | 'A' | 'C' | 'D' | 'E';

/** §14.1 recovery_type per family. */
export const RECOVERY_TYPE: Record<TargetFamily, RecoveryType> = {
  instances: 'I',
  volumes: 'V',
  rds_databases: 'R',
  rds_clusters: 'A',
  redshift_clusters: 'C',
  dynamodb_tables: 'D',
  efs: 'E',
};

export interface RecoveryState {
  id: number;
  backup_record: number;
  backup_time: number;
  policy: number;
  account: number;
  user: number;
  /** I (Instance), V (Volume), R (RDS Database), A (RDS Cluster), C (Redshift Cluster), D (DynamoDB Table), E (EFS). */
  recovery_type: RecoveryType;
  startedAt: number;
  toEndMs: number;
  outcome: RecoveryOutcome;
  original_id: string;
  recovered_id: string;
}
