/** What the emulated IBM cluster stores, in the service's own words. */

export const CLUSTER_ID = 5901263190628181;
export const CLUSTER_INCARNATION_ID = 1725393921826;
export const REGION_ID = 'us-east';

export type Environment = 'kPhysical' | 'kSQL';
export const ENVIRONMENTS: readonly Environment[] = ['kPhysical', 'kSQL'];

export interface StoredObject {
  id: number;
  name: string;
  environment: Environment;
  objectType: string;
  sourceId: number;
  sourceName: string;
  osType?: 'kLinux' | 'kWindows';
  logicalSizeBytes: number;
  uuid: string;
}

/** A protection policy as stored: the request fields plus the service's own. */
export interface StoredPolicy {
  id: string;
  fields: Record<string, unknown>;
  lastModificationTimeUsecs: number;
}

export interface StoredGroup {
  id: string;
  fields: Record<string, unknown>;
  lastModifiedTimestampUsecs: number;
}

export type RunOutcome = 'Succeeded' | 'SucceededWithWarning' | 'Failed';

/**
 * A protection run. Historic runs are final from the start; runs created through the API move
 * Accepted -> Running -> outcome on the VendorClock (computed on read).
 */
export interface StoredRun {
  id: string;
  instanceId: number;
  groupId: string;
  runType: string;
  startTimeUsecs: number;
  /** Wall-clock ms when the run was admitted (live runs only). */
  admittedAtMs?: number;
  /** Historic runs: when they ended. */
  endTimeUsecs?: number;
  outcome: RunOutcome;
  objectIds: number[];
  localTaskId: string;
  /** Per object: the snapshot a successful run leaves. */
  snapshotIds: Record<number, string>;
  /** Per object: when its local snapshot expires. */
  expiryTimeUsecs: number;
  cancelRequestedAtMs?: number;
  pausedAtMs?: number;
  snapshotsDeleted: boolean;
  logicalSizeBytes: number;
}

export type RecoveryOutcome = 'Succeeded' | 'Failed';

export interface StoredRecovery {
  id: string;
  name: string;
  snapshotEnvironment: Environment;
  recoveryAction: string;
  startTimeUsecs: number;
  admittedAtMs?: number;
  endTimeUsecs?: number;
  outcome: RecoveryOutcome;
  /** The request's physicalParams / mssqlParams, echoed back. */
  physicalParams?: Record<string, unknown>;
  mssqlParams?: Record<string, unknown>;
  /** Object ids restored (for bytesRestored). */
  objectIds: number[];
}

export interface StoredRegistration {
  id: number;
  sourceId: number;
  name: string;
  environment: Environment;
  /** int64 beyond 2^53: kept as text so the JSON carries every digit. */
  connectionId: string;
  registrationTimeMsecs: number;
  physicalParams: Record<string, unknown>;
}

export interface TenantData {
  objects: StoredObject[];
  policies: Map<string, StoredPolicy>;
  groups: Map<string, StoredGroup>;
  /** Groups deleted with `deleteSnapshots=false` while they had snapshots: listed with `isDeleted=true`, their runs still readable. */
  deletedGroups: Map<string, StoredGroup>;
  /** Every run, in no particular order (the Cluster indexes them by group and object). */
  runs: StoredRun[];
  recoveries: Map<string, StoredRecovery>;
  registrations: StoredRegistration[];
  counters: { policy: number; group: number; runInstance: number; recovery: number; task: number };
}

export const usecs = (ms: number): number => Math.round(ms * 1000);
