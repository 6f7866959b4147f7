import type { WorkStatus } from '@backbridge/core';
import type { PluginLogger } from '@backbridge/plugin-sdk';
import type { IbmRecoveryStatus, IbmRunStatus, IbmSnapshotStatus } from './dto/ibm.dto';

/** `localBackupInfo.status` of a run. Paused is still running work; Missed and Skipped made no backup. */
const RUN_STATUS = {
  Accepted: 'pending',
  OnHold: 'pending',
  Running: 'running',
  Finalizing: 'running',
  Paused: 'running',
  Canceling: 'cancelling',
  Canceled: 'cancelled',
  Succeeded: 'succeeded',
  SucceededWithWarning: 'succeeded',
  Failed: 'failed',
  Missed: 'failed',
  Skipped: 'cancelled',
} as const satisfies Record<IbmRunStatus, WorkStatus>;

/** `status` of a recovery: the run statuses without Paused, with LegalHold (undocumented: still running). */
const RECOVERY_STATUS = {
  Accepted: 'pending',
  OnHold: 'pending',
  Running: 'running',
  Finalizing: 'running',
  LegalHold: 'running',
  Canceling: 'cancelling',
  Canceled: 'cancelled',
  Succeeded: 'succeeded',
  SucceededWithWarning: 'succeeded',
  Failed: 'failed',
  Missed: 'failed',
  Skipped: 'cancelled',
} as const satisfies Record<IbmRecoveryStatus, WorkStatus>;

/** Per-object `snapshotInfo.status` of a run: whether the object's point exists yet. */
const SNAPSHOT_STATUS = {
  kInProgress: 'creating',
  kWaitingForNextAttempt: 'creating',
  kWaitingForOlderBackupRun: 'creating',
  kCurrentAttemptPaused: 'creating',
  kCurrentAttemptPausing: 'creating',
  kCurrentAttemptResuming: 'creating',
  kSuccessful: 'available',
  kWarning: 'available',
  kFailed: 'failed',
} as const satisfies Record<IbmSnapshotStatus, 'creating' | 'available' | 'failed'>;

/** The fallback for a status IBM adds later: not final, so the operation keeps being followed. */
const UNKNOWN_WORK: WorkStatus = 'running';

export interface RunCounts {
  successfulObjectsCount?: number;
  failedObjectsCount?: number;
}

export function runStatusToWork(status: string | undefined, counts: RunCounts, logger: PluginLogger): WorkStatus {
  if (status !== undefined && status in RUN_STATUS) {
    const mapped: WorkStatus = RUN_STATUS[status as IbmRunStatus];
    // A run that failed for some objects only, or warned because some failed, is partial.
    if (status === 'Failed' && (counts.successfulObjectsCount ?? 0) > 0) return 'partially_succeeded';
    if (status === 'SucceededWithWarning' && (counts.failedObjectsCount ?? 0) > 0) return 'partially_succeeded';
    return mapped;
  }
  logger.warn('unknown IBM run status; treating it as running', { status });
  return UNKNOWN_WORK;
}

export function recoveryStatusToWork(status: string | undefined, logger: PluginLogger): WorkStatus {
  if (status !== undefined && status in RECOVERY_STATUS) return RECOVERY_STATUS[status as IbmRecoveryStatus];
  logger.warn('unknown IBM recovery status; treating it as running', { status });
  return UNKNOWN_WORK;
}

export function snapshotStatusToPoint(status: string | undefined, logger: PluginLogger): 'creating' | 'available' | 'failed' {
  if (status !== undefined && status in SNAPSHOT_STATUS) return SNAPSHOT_STATUS[status as IbmSnapshotStatus];
  logger.warn('unknown IBM snapshot status; treating it as creating', { status });
  return 'creating';
}

/** Error codes for outcomes that are failures without a message of their own. */
export function runErrorCode(status: string | undefined): string {
  return status === 'Missed' || status === 'Skipped' ? status : 'backup_failed';
}
