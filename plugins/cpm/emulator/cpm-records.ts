/**
 * What the emulated CPM server keeps, in the vendor's own field names (CPM REST API 1.4.0).
 * Timestamps are epoch milliseconds here and formatted on the way out.
 */

export type TargetFamily = 'instances' | 'volumes';

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

export interface RecoveryState {
  id: number;
  backup_record: number;
  backup_time: number;
  policy: number;
  account: number;
  user: number;
  recovery_type: 'I' | 'V';
  startedAt: number;
  toEndMs: number;
  outcome: RecoveryOutcome;
  original_id: string;
  recovered_id: string;
}
