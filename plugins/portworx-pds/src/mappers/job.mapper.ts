import type { PluginLogger, WorkState } from '@backbridge/plugin-sdk';
import type { JobRecord } from '@backbridge/core';
import type { PdsBackupJob, PdsRestore } from '../dto/backup-job.dto';
import type { PdsBackup } from '../dto/backup.dto';
import { toBackupCrWorkStatus, toJobStatus, toRestoreStatus } from '../status-maps';
import { isoTime } from './time';

/** A backup job as a unified job (type backup); its recovery point is itself once it succeeded. */
export function toBackupJobRecord(job: PdsBackupJob, policyNativeId: string | undefined, log: PluginLogger): JobRecord {
  const status = toJobStatus(job.completion_status, log);
  const startedAt = isoTime(job.start_time);
  const endedAt = isoTime(job.completion_time);
  const createdAt = isoTime(job.created_at) ?? startedAt;
  return {
    nativeId: job.id,
    type: 'backup',
    status,
    ...(startedAt && { startedAt }),
    ...(endedAt && status !== 'running' && { endedAt }),
    ...(createdAt && { createdAt }),
    ...(job.deployment_id && { resourceNativeId: job.deployment_id }),
    ...(policyNativeId && { policyNativeId }),
    ...(status === 'succeeded' && { recoveryPointNativeId: job.id }),
    ...(status === 'failed' && { error: { code: job.error_code || 'JobFailed', message: job.error_message || 'The PDS backup job failed.' } }),
    native: job,
  };
}

/** A restore as a unified job (type restore); its resource is the new deployment it creates. */
export function toRestoreJobRecord(restore: PdsRestore, log: PluginLogger): JobRecord {
  const status = toRestoreStatus(restore.status, log);
  const startedAt = isoTime(restore.start_time);
  const endedAt = isoTime(restore.completion_time);
  const createdAt = isoTime(restore.created_at) ?? startedAt;
  return {
    nativeId: restore.id,
    type: 'restore',
    status,
    ...(startedAt && { startedAt }),
    ...(endedAt && { endedAt }),
    ...(createdAt && { createdAt }),
    ...(restore.deployment_id && { resourceNativeId: restore.deployment_id }),
    ...(restore.backup_job_id && { recoveryPointNativeId: restore.backup_job_id }),
    ...(status === 'failed' && { error: { code: restore.error_code || 'RestoreFailed', message: `The PDS restore ended ${restore.status}.` } }),
    native: restore,
  };
}

/**
 * An on-demand backup's progress: first its Backup CR (`state`), then its newest job. The job id is
 * the recovery point once the job succeeded.
 */
export function toBackupWorkState(backup: PdsBackup, jobs: PdsBackupJob[], log: PluginLogger): WorkState {
  const job = [...jobs].sort((a, b) => ((a.created_at ?? '') < (b.created_at ?? '') ? 1 : -1))[0];
  if (!job) {
    const status = toBackupCrWorkStatus(backup.state, log);
    return {
      status,
      statusMessage: `PDS Backup ${backup.state ?? 'unknown'}; no backup job yet.`,
      ...(status === 'failed' && { error: { code: 'BackupFailed', message: 'PDS could not create the Backup in the target cluster.' } }),
    };
  }
  const status = toJobStatus(job.completion_status, log);
  return {
    status,
    jobNativeId: job.id,
    statusMessage: `PDS backup job ${job.completion_status ?? 'unknown'}.`,
    ...(status === 'succeeded' && { result: { recoveryPointNativeIds: [job.id] } }),
    ...(status === 'failed' && { error: { code: job.error_code || 'JobFailed', message: job.error_message || 'The PDS backup job failed.' } }),
  };
}

/** A restore's progress; the new deployment is its result. */
export function toRestoreWorkState(restore: PdsRestore, log: PluginLogger): WorkState {
  const status = toRestoreStatus(restore.status, log);
  return {
    status,
    jobNativeId: restore.id,
    statusMessage: `PDS restore ${restore.status || 'not started'}.`,
    ...(status === 'succeeded' && restore.deployment_id && { result: { resourceNativeIds: [restore.deployment_id] } }),
    ...(status === 'failed' && { error: { code: restore.error_code || 'RestoreFailed', message: `The PDS restore ended ${restore.status}.` } }),
  };
}
