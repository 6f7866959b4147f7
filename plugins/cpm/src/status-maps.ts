import type { RecoveryPointStatus, WorkStatus } from '@backbridge/core';
import { mapVendorValue, silentLogger, type PluginLogger } from '@backbridge/plugin-sdk';
import type { CpmBackupStatus, CpmRecoveryStatus } from './dto/cpm-dto';

/**
 * One table per CPM status field: the same letter means different things in different fields
 * (`A` is "Backup Partially Successful" in a backup record and "Recovery Partially Successful" in a
 * recovery; `S` is "Not All Snapshots Succeeded" here and "Skipped" in dr_status).
 */

/** Backup record `status` (§7.1) as a job or operation status. D/M/G overwrite a finished run's outcome, which had succeeded. */
export const BACKUP_RECORD_STATUS_TO_WORK = {
  I: 'pending', // Initializing
  P: 'running', // In Progress
  B: 'succeeded', // Backup Successful
  A: 'partially_succeeded', // Backup Partially Successful
  S: 'partially_succeeded', // Not All Snapshots Succeeded
  F: 'failed', // Backup Failed
  D: 'succeeded', // All Snapshots Deleted (by rotation or a delete, after the run)
  M: 'succeeded', // Moved to S3 Storage
  G: 'succeeded', // Moved to S3 Glacier
} as const satisfies Record<CpmBackupStatus, WorkStatus>;

/** Backup record `status` (§7.1) as the status of one snapshot record of that run; `succeeded` decides A and S per record. */
export const BACKUP_RECORD_STATUS_TO_RECOVERY_POINT = {
  I: 'creating',
  P: 'creating',
  B: 'available',
  A: 'available',
  S: 'available',
  F: 'failed',
  D: 'expired',
  M: 'expired', // the native snapshots moved to S3; the S3 copy is not listed by this plugin
  G: 'expired',
} as const satisfies Record<CpmBackupStatus, RecoveryPointStatus>;

/** Recovery `status` (§14.1). There is no queued state: a recovery is In Progress from its 202. */
export const RECOVERY_STATUS_TO_WORK = {
  P: 'running', // In Progress
  R: 'succeeded', // Recovery Successful
  A: 'partially_succeeded', // Recovery Partially Successful
  F: 'failed', // Recovery Failed
} as const satisfies Record<CpmRecoveryStatus, WorkStatus>;

function lookup<K extends string, V>(table: Record<K, V>, value: string | undefined, fallback: V, field: string, log: PluginLogger): V {
  return mapVendorValue<K, V>(table, value, { fallback, field: `CPM ${field}`, logger: log });
}

/** Unknown letters stay 'running': not final, so an operation keeps being followed rather than called a success. */
export function backupWorkStatus(status: string | undefined, log: PluginLogger): WorkStatus {
  return lookup(BACKUP_RECORD_STATUS_TO_WORK, status, 'running', 'backup.status', log);
}

/** A record whose snapshot failed, or was deleted, is never available, whatever the run's letter says. */
export function recoveryPointStatus(
  status: string | undefined,
  record: { succeeded?: boolean; deletion_time?: string | null },
  log: PluginLogger,
): RecoveryPointStatus {
  const mapped = lookup(BACKUP_RECORD_STATUS_TO_RECOVERY_POINT, status, 'creating', 'backup.status', log);
  if (mapped === 'available' && record.succeeded === false) return 'failed';
  if (mapped === 'available' && record.deletion_time) return 'expired';
  return mapped;
}

export function recoveryWorkStatus(status: string | undefined, log: PluginLogger): WorkStatus {
  return lookup(RECOVERY_STATUS_TO_WORK, status, 'running', 'recovery.status', log);
}

/**
 * Every status a snapshot record of a run with this backup `status` can have (see recoveryPointStatus):
 * what the letter maps to, and for an available run also failed and expired (decided per record).
 */
export function possibleRecoveryPointStatuses(status: string | undefined): RecoveryPointStatus[] {
  // Silent: the records' own mapping warns about an unknown letter.
  const mapped = lookup(BACKUP_RECORD_STATUS_TO_RECOVERY_POINT, status, 'creating', 'backup.status', silentLogger);
  return mapped === 'available' ? ['available', 'failed', 'expired'] : [mapped];
}
