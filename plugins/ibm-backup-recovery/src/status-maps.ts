import type { WorkStatus } from '@backbridge/core';
import { mapVendorValue, type PluginLogger } from '@backbridge/plugin-sdk';
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
  // A run that failed for some objects only, or warned because some failed, is partial.
  if (status === 'Failed' && (counts.successfulObjectsCount ?? 0) > 0) return 'partially_succeeded';
  if (status === 'SucceededWithWarning' && (counts.failedObjectsCount ?? 0) > 0) return 'partially_succeeded';
  return mapVendorValue<IbmRunStatus, WorkStatus>(RUN_STATUS, status, { fallback: UNKNOWN_WORK, field: 'IBM run status', logger });
}

export function recoveryStatusToWork(status: string | undefined, logger: PluginLogger): WorkStatus {
  return mapVendorValue<IbmRecoveryStatus, WorkStatus>(RECOVERY_STATUS, status, { fallback: UNKNOWN_WORK, field: 'IBM recovery status', logger });
}

export function snapshotStatusToPoint(status: string | undefined, logger: PluginLogger): 'creating' | 'available' | 'failed' {
  return mapVendorValue<IbmSnapshotStatus, 'creating' | 'available' | 'failed'>(SNAPSHOT_STATUS, status, { fallback: 'creating', field: 'IBM snapshot status', logger });
}

/** Error codes for outcomes that are failures without a message of their own. */
export function runErrorCode(status: string | undefined): string {
  return status === 'Missed' || status === 'Skipped' ? status : 'backup_failed';
}

/**
 * The IBM statuses whose runs (or recoveries) may map to `status`, to narrow a list at IBM; the
 * unified status is checked again on each item. Undefined when IBM cannot narrow it: `running` is
 * also what statuses IBM adds later map to.
 */
function vendorStatusesFor(table: Record<string, WorkStatus>, status: WorkStatus, partial: string[]): string[] | undefined {
  if (status === UNKNOWN_WORK) return undefined;
  const direct = Object.entries(table).filter(([, unified]) => unified === status).map(([vendor]) => vendor);
  return status === 'partially_succeeded' ? partial : direct;
}

/** Run statuses for `localBackupRunStatus` (partial: a warning with failed objects, or a failure with successful ones). */
export function runStatusesFor(status: WorkStatus): string[] | undefined {
  return vendorStatusesFor(RUN_STATUS, status, ['SucceededWithWarning', 'Failed']);
}

/** Recovery statuses for `status` of the recoveries list (a recovery is never partial: none). */
export function recoveryStatusesFor(status: WorkStatus): string[] | undefined {
  return vendorStatusesFor(RECOVERY_STATUS, status, []);
}
