import type { PluginLogger } from '@backbridge/plugin-sdk';
import type { RecoveryPointRecord, ResourceType } from '@backbridge/core';
import type { PdsBackupJob } from '../dto/backup-job.dto';
import type { PdsBackup } from '../dto/backup.dto';
import { toRecoveryPointKind, toRecoveryPointStatus } from '../status-maps';
import { isoTime } from './time';

export interface RecoveryPointContext {
  /** The Backup that made the job (absent once deleted). */
  backup?: PdsBackup;
  /** The deployment's name; the Backup keeps it after the deployment is deleted. */
  resourceName?: string;
  resourceType?: ResourceType;
  /** The policy the job's scheduled Backup belongs to (derived). */
  policyNativeId?: string;
  region?: string;
}

/**
 * A PDS backup job is one recovery point. `createdAt` is the job's `created_at` (when PDS recorded
 * it, which is also the order PDS sorts by); `start_time` stays in `native`. PDS keeps jobs by count
 * (`job_history_limit`), so there is no `expiresAt`.
 */
export function toRecoveryPointRecord(job: PdsBackupJob, context: RecoveryPointContext, log: PluginLogger): RecoveryPointRecord {
  const createdAt = isoTime(job.created_at) ?? isoTime(job.start_time) ?? new Date(0).toISOString();
  const completedAt = isoTime(job.completion_time);
  const resourceName = context.resourceName ?? context.backup?.deployment_name;
  return {
    nativeId: job.id,
    resourceNativeId: job.deployment_id ?? context.backup?.deployment_id ?? '',
    ...(resourceName && { resourceName }),
    ...(context.resourceType && { resourceType: context.resourceType }),
    ...(context.policyNativeId && { policyNativeId: context.policyNativeId }),
    ...(context.backup && { vaultNativeId: context.backup.backup_target_id }),
    status: toRecoveryPointStatus(job.completion_status, log),
    kind: context.backup ? toRecoveryPointKind(context.backup.backup_level, log) : 'snapshot',
    createdAt,
    ...(completedAt && { completedAt }),
    ...(job.completion_status === 'Succeeded' && typeof job.file_size === 'number' && { sizeBytes: job.file_size }),
    ...(context.region && { region: context.region }),
    native: job,
  };
}
