import { ConflictError, NotFoundError, ValidationFailedError, VendorRejectedError, isFinal } from '@backbridge/core';
import type { PluginLogger, RestoreOptionsSchema, StartBackupRequest, StartRestoreRequest, StartedWork, WorkState } from '@backbridge/plugin-sdk';
import type { CbrClient } from './client/cbr-client';
import type { CbrBackup, CbrBackupRestore } from './dto/backup.dto';
import type { CbrOperationLog } from './dto/operation-log.dto';
import { formatJobRef, parseJobRef, type JobRef } from './job-ref';
import { toCbrQueryTime } from './mappers/cbr-time';
import { errorOfLog } from './mappers/job.mapper';
import { checkpointToWorkStatus, taskToWorkStatus } from './status-maps';

/** Task logs are searched from a little before the work started, for clock skew between us and CBR. */
const SKEW_MS = 60_000;

/**
 * Backups and restores: "backup now" is a restore point (checkpoint) of one resource in its vault,
 * followed through the checkpoint; a restore answers 202 without a body and is followed through
 * its task in the operation log.
 */
export class WorkTracker {
  constructor(
    private readonly cbr: CbrClient,
    private readonly log: PluginLogger,
    private readonly now: () => Date,
  ) {}

  async startBackup(req: StartBackupRequest): Promise<StartedWork> {
    if (req.retention) throw ValidationFailedError.field('retention', 'CBR on-demand backups keep the retention of their vault policy; it cannot be overridden.');
    const { vaults } = await this.cbr.listVaults({ resource_ids: [req.resourceNativeId], limit: 1 });
    const vault = vaults.find((v) => v.resources.some((r) => r.id === req.resourceNativeId));
    if (!vault) throw new NotFoundError(`Resource ${req.resourceNativeId} is in no CBR vault; CBR backs up vault members only.`);
    const startedAt = this.now().getTime();
    const checkpoint = await this.cbr.createCheckpoint({
      checkpoint: {
        vault_id: vault.id,
        parameters: { auto_trigger: false, incremental: true, resources: [req.resourceNativeId], name: `manualbk_${startedAt.toString(36)}` },
      },
    });
    const skipped = checkpoint.vault?.skipped_resources?.find((r) => r.id === req.resourceNativeId);
    if (skipped) throw new ConflictError(`CBR skipped the backup of ${req.resourceNativeId}: ${skipped.reason ?? skipped.code ?? 'no reason given'}.`);
    return { jobRef: formatJobRef({ kind: 'backup', checkpointId: checkpoint.id, resourceId: req.resourceNativeId, startedAt }) };
  }

  async restoreOptions(backupId: string): Promise<RestoreOptionsSchema> {
    const backup = await this.cbr.getBackup(backupId);
    const target = { type: 'object', properties: { mode: { enum: ['original'] } }, required: ['mode'] };
    if (backup.resource_type === 'OS::Nova::Server') {
      return {
        target,
        options: {
          type: 'object',
          properties: { powerOn: { type: 'boolean', default: true, description: 'Start the server after the restore.' } },
          additionalProperties: false,
        },
      };
    }
    return { target, options: { type: 'object', properties: {}, additionalProperties: false } };
  }

  async startRestore(req: StartRestoreRequest): Promise<StartedWork> {
    const backup = await this.cbr.getBackup(req.recoveryPointNativeId);
    const startedAt = this.now().getTime();
    await this.cbr.restoreBackup(backup.id, restoreBody(backup, req.options));
    return { jobRef: formatJobRef({ kind: 'restore', backupId: backup.id, resourceId: backup.resource_id, startedAt }) };
  }

  async getWork(jobRef: string): Promise<WorkState> {
    const ref = parseJobRef(jobRef);
    return ref.kind === 'backup' ? this.backupState(ref) : this.restoreState(ref);
  }

  private async backupState(ref: Extract<JobRef, { kind: 'backup' }>): Promise<WorkState> {
    const checkpoint = await this.cbr.getCheckpoint(ref.checkpointId);
    let status = checkpointToWorkStatus(checkpoint.status, this.log);
    const task = await this.findTask('backup', ref, (log) => log.checkpoint_id === ref.checkpointId);
    const state: WorkState = { status, ...(task && { jobNativeId: task.id }) };
    const percent = task?.extra_info?.common?.progress;
    if (typeof percent === 'number') state.progress = { percent };
    const error = task && errorOfLog(task);
    if (status === 'succeeded') {
      const { backups } = await this.cbr.listBackups({ checkpoint_id: ref.checkpointId, resource_id: ref.resourceId });
      const made = backups.filter((b) => !b.parent_id).map((b) => b.id);
      if (made.length === 0) {
        status = 'failed';
        return { ...state, status, error: error ?? { code: 'no_backup', message: 'The restore point finished without a backup of the resource.' } };
      }
      return { ...state, status, progress: { percent: 100 }, result: { recoveryPointNativeIds: made } };
    }
    if (status === 'failed') return { ...state, error: error ?? { code: checkpoint.status, message: `The CBR restore point ended '${checkpoint.status}'.` } };
    return state;
  }

  private async restoreState(ref: Extract<JobRef, { kind: 'restore' }>): Promise<WorkState> {
    const task = await this.findTask('restore', ref, (log) => log.extra_info?.restore?.backup_id === ref.backupId);
    // CBR writes the task shortly after accepting the restore.
    if (!task) return { status: 'pending', statusMessage: 'CBR has not logged the restore task yet.' };
    const status = taskToWorkStatus(task.status, this.log);
    const percent = task.extra_info?.common?.progress;
    const state: WorkState = { status, jobNativeId: task.id, ...(typeof percent === 'number' && { progress: { percent } }) };
    if (status === 'succeeded') {
      const target = task.extra_info?.restore?.target_resource_id || ref.resourceId;
      return { ...state, result: { resourceNativeIds: [target] } };
    }
    if (isFinal(status) && status !== 'partially_succeeded') {
      const error = errorOfLog(task);
      return { ...state, ...(error && { error }) };
    }
    return state;
  }

  /** The earliest task of this kind for the resource since the work started that `matches`. */
  private async findTask(type: 'backup' | 'restore', ref: JobRef, matches: (log: CbrOperationLog) => boolean): Promise<CbrOperationLog | undefined> {
    const logs = await this.cbr.allOperationLogs({
      operation_type: type,
      resource_id: ref.resourceId,
      start_time: toCbrQueryTime(new Date(ref.startedAt - SKEW_MS).toISOString()),
    });
    return logs.filter(matches).sort((a, b) => (a.started_at < b.started_at ? -1 : a.started_at > b.started_at ? 1 : 0))[0];
  }
}

/** Server: every disk backup back onto its own disk; disk: onto the disk itself. */
function restoreBody(backup: CbrBackup, options: Record<string, unknown>): CbrBackupRestore {
  const mode = backup.extend_info?.supported_restore_mode;
  if (mode === 'na') throw new VendorRejectedError(`CBR backup ${backup.id} can only create new resources, not restore (supported_restore_mode "na").`);
  switch (backup.resource_type) {
    case 'OS::Nova::Server':
      return {
        server_id: backup.resource_id,
        power_on: options.powerOn !== false,
        mappings: (backup.children ?? []).map((child) => ({ backup_id: child.id, volume_id: child.resource_id })),
      };
    case 'OS::Cinder::Volume':
      return { volume_id: backup.resource_id };
    default:
      throw new VendorRejectedError(`The plugin cannot restore CBR backups of type ${backup.resource_type}.`);
  }
}
