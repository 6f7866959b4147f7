import { mapVendorValue, type PluginLogger } from '@backbridge/plugin-sdk';
import type { RecoveryPointKind, RecoveryPointStatus, WorkStatus } from '@backbridge/core';

/** `models.BackupJob.completion_status`. */
type PdsCompletionStatus = 'Active' | 'Succeeded' | 'Failed';
/** `models.Backup.state`: the Backup CR in the target cluster. */
type PdsBackupState = 'pending' | 'created' | 'failed';
/** `models.Restore.status` (values of `DeploymentManifest.restore_status`). */
type PdsRestoreStatus = '' | 'Pending' | 'RestoringCloudSnap' | 'RestoringDataServiceCR' | 'RestoringDeployment' | 'DeploymentEnteringNormalMode' | 'Successful' | 'Failed';
/** `models.Backup.backup_level`. */
type PdsBackupLevel = 'snapshot' | 'incremental';

const JOB_STATUS = { Active: 'running', Succeeded: 'succeeded', Failed: 'failed' } as const satisfies Record<PdsCompletionStatus, WorkStatus>;

const RECOVERY_POINT_STATUS = { Active: 'creating', Succeeded: 'available', Failed: 'failed' } as const satisfies Record<
  PdsCompletionStatus,
  RecoveryPointStatus
>;

/** Before the backup job exists, the work is as far as its Backup CR. */
const BACKUP_STATE = { pending: 'pending', created: 'pending', failed: 'failed' } as const satisfies Record<PdsBackupState, WorkStatus>;

const RESTORE_STATUS = {
  '': 'pending',
  Pending: 'pending',
  RestoringCloudSnap: 'running',
  RestoringDataServiceCR: 'running',
  RestoringDeployment: 'running',
  DeploymentEnteringNormalMode: 'running',
  Successful: 'succeeded',
  Failed: 'failed',
} as const satisfies Record<PdsRestoreStatus, WorkStatus>;

/** A "snapshot" level is a PX cloud snapshot uploaded whole to the target. */
const BACKUP_LEVEL_KIND = { snapshot: 'full', incremental: 'incremental' } as const satisfies Record<PdsBackupLevel, RecoveryPointKind>;

/** PDS leaves some statuses empty (`''`), which its tables list; absent counts as empty. */
function lookup<K extends string, V>(table: Record<K, V>, value: string | undefined, fallback: V, what: string, log: PluginLogger): V {
  return mapVendorValue<K, V>(table, value ?? '', { fallback, field: `PDS ${what}`, logger: log });
}

/** Unknown completion statuses stay `running` so the work keeps being followed (never a success). */
export const toJobStatus = (status: string | undefined, log: PluginLogger): WorkStatus => lookup(JOB_STATUS, status, 'running', 'backup job completion_status', log);

export const toRecoveryPointStatus = (status: string | undefined, log: PluginLogger): RecoveryPointStatus =>
  lookup(RECOVERY_POINT_STATUS, status, 'creating', 'backup job completion_status', log);

export const toBackupCrWorkStatus = (state: string | undefined, log: PluginLogger): WorkStatus => lookup(BACKUP_STATE, state, 'pending', 'backup state', log);

export const toRestoreStatus = (status: string | undefined, log: PluginLogger): WorkStatus => lookup(RESTORE_STATUS, status, 'running', 'restore status', log);

/** An unknown level is reported as a plain snapshot, the least specific kind. */
export const toRecoveryPointKind = (level: string | undefined, log: PluginLogger): RecoveryPointKind =>
  lookup(BACKUP_LEVEL_KIND, level, 'snapshot', 'backup_level', log);
