import type { JobRecord } from '@backbridge/core';
import type { PluginLogger, WorkState } from '@backbridge/plugin-sdk';
import type { IbmRecovery, IbmRun } from '../dto/ibm.dto';
import { isoFromUsecs, pointNativeId, recoveryJobId, runJobId } from '../native-ids';
import { recoveryStatusToWork, runErrorCode, runStatusToWork, snapshotStatusToPoint } from '../status-maps';

/** The recovery points a run left, one per object with a snapshot. */
export function runPointIds(run: IbmRun, objectId?: string): string[] {
  return (run.objects ?? [])
    .filter((o) => o.object && (objectId === undefined || String(o.object.id) === objectId))
    .flatMap((o) => {
      const snapshotId = o.localSnapshotInfo?.snapshotInfo?.snapshotId;
      const start = run.localBackupInfo?.startTimeUsecs;
      return snapshotId && start !== undefined ? [pointNativeId({ objectId: String(o.object!.id), runStartTimeUsecs: String(start) })] : [];
    });
}

function runMessage(run: IbmRun): string | undefined {
  const messages = [...(run.localBackupInfo?.messages ?? []), ...(run.objects ?? []).flatMap((o) => (o.localSnapshotInfo?.failedAttempts ?? []).map((a) => a.message ?? ''))];
  const text = [...new Set(messages.filter((m) => m !== ''))].join('; ');
  return text === '' ? undefined : text;
}

/** The state of a run as a backup operation, for one object of it or for all. */
export function runToWorkState(run: IbmRun, objectId: string | undefined, logger: PluginLogger): WorkState {
  const info = run.localBackupInfo ?? {};
  const status = runStatusToWork(info.status, info, logger);
  const objects = (run.objects ?? []).filter((o) => objectId === undefined || String(o.object?.id) === objectId);
  const done = objects.filter((o) => snapshotStatusToPoint(o.localSnapshotInfo?.snapshotInfo?.status, logger) !== 'creating').length;
  const message = runMessage(run);
  const points = runPointIds(run, objectId);
  return {
    status,
    jobNativeId: runJobId(run.protectionGroupId, run.id),
    ...(objects.length > 0 && { progress: { done, total: objects.length, unit: 'items' as const, percent: Math.round((100 * done) / objects.length) } }),
    ...(info.status && { statusMessage: `IBM run status ${info.status}` }),
    ...(points.length > 0 && { result: { recoveryPointNativeIds: points } }),
    ...((status === 'failed' || status === 'partially_succeeded' || status === 'cancelled') && message !== undefined && {
      error: { code: runErrorCode(info.status), message },
    }),
    ...(status === 'failed' && message === undefined && { error: { code: runErrorCode(info.status), message: `The run ended ${info.status}` } }),
  };
}

export function runToJob(run: IbmRun, logger: PluginLogger): JobRecord {
  const info = run.localBackupInfo ?? {};
  const state = runToWorkState(run, undefined, logger);
  const objectIds = (run.objects ?? []).map((o) => String(o.object?.id));
  const startedAt = isoFromUsecs(info.startTimeUsecs);
  const endedAt = isoFromUsecs(info.endTimeUsecs);
  const points = runPointIds(run);
  return {
    nativeId: runJobId(run.protectionGroupId, run.id),
    type: 'backup',
    status: state.status,
    ...(state.progress?.percent !== undefined && { progress: state.progress.percent }),
    ...(startedAt && { startedAt, createdAt: startedAt }),
    ...(endedAt && { endedAt }),
    ...(objectIds.length === 1 && { resourceNativeId: objectIds[0] }),
    policyNativeId: run.protectionGroupId,
    ...(points.length === 1 && { recoveryPointNativeId: points[0] }),
    ...(state.error && { error: state.error }),
    native: run,
  };
}

/** Object ids a recovery restored to (the file-recovery target, else the object of the snapshot). */
export function recoveryTargets(recovery: IbmRecovery): string[] {
  const target = recovery.physicalParams?.recoverFileAndFolderParams?.physicalTargetParams?.recoverTarget?.id;
  return target === undefined ? [] : [String(target)];
}

export function recoveryToWorkState(recovery: IbmRecovery, logger: PluginLogger, restoredIds: string[]): WorkState {
  const status = recoveryStatusToWork(recovery.status, logger);
  const message = (recovery.messages ?? []).join('; ');
  return {
    status,
    jobNativeId: recoveryJobId(recovery.id),
    ...(recovery.status && { statusMessage: `IBM recovery status ${recovery.status}` }),
    ...(status === 'succeeded' && restoredIds.length > 0 && { result: { resourceNativeIds: restoredIds } }),
    ...((status === 'failed' || status === 'cancelled') && { error: { code: recovery.status === 'Failed' ? 'restore_failed' : String(recovery.status), message: message || `The recovery ended ${recovery.status}` } }),
  };
}

export function recoveryToJob(recovery: IbmRecovery, logger: PluginLogger): JobRecord {
  const state = recoveryToWorkState(recovery, logger, []);
  const startedAt = isoFromUsecs(recovery.startTimeUsecs);
  const endedAt = isoFromUsecs(recovery.endTimeUsecs);
  const targets = recoveryTargets(recovery);
  return {
    nativeId: recoveryJobId(recovery.id),
    type: 'restore',
    status: state.status,
    ...(startedAt && { startedAt, createdAt: startedAt }),
    ...(endedAt && { endedAt }),
    ...(targets.length === 1 && { resourceNativeId: targets[0] }),
    ...(state.error && { error: state.error }),
    native: recovery,
  };
}
