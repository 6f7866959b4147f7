/**
 * IBM Cloud Backup and Recovery payloads, in the service's own words (names from IBM's
 * OpenAPI-generated SDKs; the API reference lost its schemas). Only what the plugin reads or sends.
 */

export type IbmEnvironment = 'kPhysical' | 'kSQL' | (string & {});

/** `{errorCode, message}` from the service; IAM answers `{errorCode, errorMessage}`. */
export interface IbmErrorBody {
  errorCode?: string;
  message?: string;
  errorMessage?: string;
}

export interface IbmProtectionGroupSummary {
  id: string;
  name?: string;
  protectionEnvType?: string;
  policyId?: string;
  policyName?: string;
  lastBackupRunStatus?: string;
}

export interface IbmObjectProtectionInfo {
  objectId?: number;
  sourceId?: number;
  regionId?: string;
  protectionGroups?: IbmProtectionGroupSummary[] | null;
}

/** `SearchObject`, the protectable asset. */
export interface IbmObject {
  id: number;
  name: string;
  sourceId?: number;
  sourceName?: string;
  environment: IbmEnvironment;
  objectType?: string;
  logicalSizeBytes?: number;
  uuid?: string;
  osType?: string;
  protectionType?: string;
  objectProtectionInfos?: IbmObjectProtectionInfo[] | null;
}

export interface IbmSearchObjectsResponse {
  objects?: IbmObject[] | null;
  paginationCookie?: string;
  count?: number;
}

export type IbmScheduleUnit = 'Minutes' | 'Hours' | 'Days' | 'Weeks' | 'Months' | 'Years';
export type IbmWeekday = 'Sunday' | 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday';

export interface IbmIncrementalSchedule {
  unit: IbmScheduleUnit | (string & {});
  minuteSchedule?: { frequency: number };
  hourSchedule?: { frequency: number };
  daySchedule?: { frequency: number };
  weekSchedule?: { dayOfWeek: IbmWeekday[] };
  monthSchedule?: { dayOfWeek?: IbmWeekday[]; weekOfMonth?: string; dayOfMonth?: number };
  yearSchedule?: { dayOfYear: string };
}

export type IbmRetentionUnit = 'Days' | 'Weeks' | 'Months' | 'Years';

export interface IbmRetention {
  unit: IbmRetentionUnit | (string & {});
  duration: number;
  dataLockConfig?: unknown;
}

export interface IbmExtendedRetention {
  schedule: { unit: string; frequency?: number };
  retention: IbmRetention;
  runType?: string;
  configId?: string;
}

export interface IbmTargetSettings {
  targetType?: 'Local' | 'Archival' | (string & {});
  archivalTargetSettings?: { targetId: number; targetName?: string };
  useDefaultBackupTarget?: boolean;
}

export interface IbmRegularBackupPolicy {
  incremental?: { schedule: IbmIncrementalSchedule };
  full?: unknown;
  fullBackups?: unknown;
  retention?: IbmRetention;
  primaryBackupTarget?: IbmTargetSettings;
}

/** A Protection Policy: frequency and retention, no objects, no time of day. */
export interface IbmPolicy {
  id?: string;
  name: string;
  description?: string;
  backupPolicy: { regular: IbmRegularBackupPolicy; log?: unknown; bmr?: unknown; cdp?: unknown; runTimeouts?: unknown };
  extendedRetention?: IbmExtendedRetention[] | null;
  retryOptions?: { retries?: number; retryIntervalMins?: number };
  lastModificationTimeUsecs?: number;
  [extra: string]: unknown;
}

export interface IbmPoliciesResponse {
  policies?: IbmPolicy[] | null;
}

export interface IbmTimeOfDay {
  hour: number;
  minute: number;
  timeZone?: string;
}

export interface IbmGroupObject {
  id: number;
  name?: string;
}

export interface IbmProtectionTypeParams {
  objects: IbmGroupObject[];
  [extra: string]: unknown;
}

export interface IbmEnvironmentParams {
  protectionType: string;
  volumeProtectionTypeParams?: IbmProtectionTypeParams;
  fileProtectionTypeParams?: IbmProtectionTypeParams;
  nativeProtectionTypeParams?: IbmProtectionTypeParams;
  [extra: string]: unknown;
}

/** A Protection Group: the objects of one environment, a policy, a start time, paused or not. */
export interface IbmProtectionGroup {
  id?: string;
  name: string;
  policyId: string;
  environment: IbmEnvironment;
  description?: string;
  priority?: string;
  startTime?: IbmTimeOfDay;
  isPaused?: boolean;
  lastModifiedTimestampUsecs?: number;
  physicalParams?: IbmEnvironmentParams;
  mssqlParams?: IbmEnvironmentParams;
  [extra: string]: unknown;
}

export interface IbmProtectionGroupsResponse {
  protectionGroups?: IbmProtectionGroup[] | null;
}

export type IbmRunStatus =
  | 'Accepted'
  | 'Running'
  | 'Canceled'
  | 'Canceling'
  | 'Failed'
  | 'Missed'
  | 'Succeeded'
  | 'SucceededWithWarning'
  | 'OnHold'
  | 'Finalizing'
  | 'Skipped'
  | 'Paused';

export type IbmRecoveryStatus = Exclude<IbmRunStatus, 'Paused'> | 'LegalHold';

export type IbmSnapshotStatus =
  | 'kInProgress'
  | 'kSuccessful'
  | 'kFailed'
  | 'kWaitingForNextAttempt'
  | 'kWarning'
  | 'kCurrentAttemptPaused'
  | 'kCurrentAttemptResuming'
  | 'kCurrentAttemptPausing'
  | 'kWaitingForOlderBackupRun';

export interface IbmSnapshotInfo {
  snapshotId?: string;
  status?: IbmSnapshotStatus | (string & {});
  startTimeUsecs?: number;
  endTimeUsecs?: number;
  expiryTimeUsecs?: number;
  snapshotCreationTimeUsecs?: number;
  stats?: { logicalSizeBytes?: number; bytesWritten?: number };
  isManuallyDeleted?: boolean;
}

export interface IbmObjectRunResult {
  object?: { id: number; name?: string; environment?: string; objectType?: string; sourceId?: number };
  localSnapshotInfo?: { snapshotInfo?: IbmSnapshotInfo; failedAttempts?: { message?: string }[] | null };
}

export interface IbmLocalBackupInfo {
  runType?: string;
  startTimeUsecs?: number;
  endTimeUsecs?: number;
  status?: IbmRunStatus | (string & {});
  messages?: string[] | null;
  successfulObjectsCount?: number;
  failedObjectsCount?: number;
  cancelledObjectsCount?: number;
  skippedObjectsCount?: number;
  localSnapshotStats?: { logicalSizeBytes?: number };
  localTaskId?: string;
}

/** A protection run: IBM's backup job. */
export interface IbmRun {
  id: string;
  protectionGroupInstanceId?: number;
  protectionGroupId: string;
  protectionGroupName?: string;
  environment?: string;
  isLocalSnapshotsDeleted?: boolean;
  localBackupInfo?: IbmLocalBackupInfo;
  objects?: IbmObjectRunResult[] | null;
}

export interface IbmRunsResponse {
  runs?: IbmRun[] | null;
  totalRuns?: number;
}

export interface IbmUpdateRunsResponse {
  successfulRunIds?: string[] | null;
  failedRuns?: { runId?: string; errorMessage?: string }[] | null;
}

export interface IbmCreateRunResponse {
  protectionGroupId?: string;
}

/** `ObjectSnapshot`: a recovery point of one object (no status, no size). */
export interface IbmObjectSnapshot {
  id: string;
  objectId: number;
  objectName?: string;
  sourceId?: number;
  environment?: string;
  snapshotTimestampUsecs?: number;
  runStartTimeUsecs?: number;
  runType?: string;
  runInstanceId?: number;
  protectionGroupId?: string;
  protectionGroupName?: string;
  protectionGroupRunId?: string;
  snapshotTargetType?: 'Local' | 'Archival' | 'RpaasArchival' | 'StorageArraySnapshot' | 'Remote' | (string & {});
  externalTargetInfo?: { targetId?: number; targetName?: string; targetType?: string };
  expiryTimeUsecs?: number;
  regionId?: string;
}

export interface IbmObjectSnapshotsResponse {
  snapshots?: IbmObjectSnapshot[] | null;
}

/** A Recovery: IBM's restore job. */
export interface IbmRecovery {
  id: string;
  name?: string;
  startTimeUsecs?: number;
  endTimeUsecs?: number;
  status?: IbmRecoveryStatus | (string & {});
  snapshotEnvironment?: string;
  recoveryAction?: string;
  messages?: string[] | null;
  physicalParams?: { objects?: { snapshotId?: string; objectInfo?: { id?: number }; bytesRestored?: number }[]; recoverFileAndFolderParams?: { physicalTargetParams?: { recoverTarget?: { id?: number } } } };
  mssqlParams?: { recoverAppParams?: { snapshotId?: string; bytesRestored?: number }[] };
}

export interface IbmRecoveriesResponse {
  recoveries?: IbmRecovery[] | null;
}

export interface IbmRegistration {
  id: number;
  sourceId?: number;
  name?: string;
  environment?: string;
  /** int64, may exceed 2^53: parsed as a string then. */
  connectionId?: number | string;
}

export interface IbmRegistrationsResponse {
  registrations?: IbmRegistration[] | null;
}
