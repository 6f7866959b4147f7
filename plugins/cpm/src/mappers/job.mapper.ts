import type { JobRecord } from '@backbridge/core';
import type { PluginLogger } from '@backbridge/plugin-sdk';
import type { CpmBackupRecord, CpmRecovery } from '../dto/cpm-dto';
import { backupWorkStatus, recoveryWorkStatus } from '../status-maps';
import { backupJobId, recoveryJobId } from './cpm-ids';
import { isoOf } from './cpm-time';

/** A backup record (one run of a policy over all its targets) as a backup job; no resource, since a run has many. */
export function backupToJob(backup: CpmBackupRecord, log: PluginLogger): JobRecord {
  const startedAt = isoOf(backup.start_time);
  const endedAt = isoOf(backup.end_time);
  const status = backupWorkStatus(backup.status, log);
  return {
    nativeId: backupJobId(backup.id),
    type: 'backup',
    status,
    ...(startedAt !== undefined && { startedAt, createdAt: startedAt }),
    ...(endedAt !== undefined && { endedAt }),
    ...(backup.policy !== undefined && { policyNativeId: String(backup.policy) }),
    ...(status === 'failed' && { error: { code: 'cpm_backup_failed', message: 'CPM reports the backup failed (status F); see the run logs in CPM.' } }),
    native: backup,
  };
}

/** "ID (original: ORIGINAL ID),ID (original: ORIGINAL ID), ..." (§14.1) as [new, original] pairs. */
export function parseRecoveredIds(value: string | null | undefined): { id: string; original?: string }[] {
  if (!value) return [];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const match = /^(\S+)\s*\(original:\s*([^)]+)\)$/.exec(part);
      return match ? { id: match[1], original: match[2].trim() } : { id: part };
    });
}

/** A recovery as a restore job. CPM records no end time for recoveries. */
export function recoveryToJob(recovery: CpmRecovery, log: PluginLogger): JobRecord {
  const startedAt = isoOf(recovery.recovery_time);
  const status = recoveryWorkStatus(recovery.status, log);
  const original = parseRecoveredIds(recovery.recovered_resource_ids).find((r) => r.original)?.original;
  return {
    nativeId: recoveryJobId(recovery.id),
    type: 'restore',
    status,
    ...(startedAt !== undefined && { startedAt, createdAt: startedAt }),
    ...(original !== undefined && { resourceNativeId: original }),
    ...(recovery.policy !== undefined && { policyNativeId: String(recovery.policy) }),
    ...(status === 'failed' && { error: { code: 'cpm_recovery_failed', message: 'CPM reports the recovery failed (status F); see the recovery logs in CPM.' } }),
    native: recovery,
  };
}
