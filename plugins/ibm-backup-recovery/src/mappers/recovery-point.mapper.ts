import type { RecoveryPointKind, RecoveryPointRecord, ResourceType } from '@backbridge/core';
import type { IbmObjectSnapshot, IbmRun } from '../dto/ibm.dto';
import { isoFromUsecs, pointNativeId } from '../native-ids';

const KIND_BY_RUN_TYPE: Record<string, RecoveryPointKind> = {
  kFull: 'full',
  kSystem: 'full',
  kRegular: 'incremental',
  kLog: 'incremental',
  kStorageArraySnapshot: 'snapshot',
  kHydrateCDP: 'snapshot',
};

export function pointKindOf(snapshot: IbmObjectSnapshot): RecoveryPointKind {
  if (snapshot.snapshotTargetType === 'Remote') return 'replica';
  if (snapshot.snapshotTargetType === 'Archival' || snapshot.snapshotTargetType === 'RpaasArchival') return 'copy';
  return KIND_BY_RUN_TYPE[snapshot.runType ?? ''] ?? 'snapshot';
}

/** The compact id of a snapshot: its object, its run's start time and where it lives if not on the cluster. */
export function pointIdOf(snapshot: IbmObjectSnapshot): string {
  const local = snapshot.snapshotTargetType === undefined || snapshot.snapshotTargetType === 'Local';
  return pointNativeId({
    objectId: String(snapshot.objectId),
    runStartTimeUsecs: String(snapshot.runStartTimeUsecs ?? snapshot.snapshotTimestampUsecs ?? 0),
    ...(!local && { target: { type: snapshot.snapshotTargetType!, id: String(snapshot.externalTargetInfo?.targetId ?? 0) } }),
  });
}

/** When a point was made, in µs: its run's start (what its id and IBM's time filters go by), else the snapshot time. */
export function pointTimeOf(snapshot: IbmObjectSnapshot): number {
  return snapshot.runStartTimeUsecs ?? snapshot.snapshotTimestampUsecs ?? 0;
}

/**
 * The local snapshots a run left, as the ObjectSnapshots `GET /data-protect/objects/{id}/snapshots`
 * would show them (what a run does not say, such as the region, is left out), with each object's type.
 */
export function runSnapshots(run: IbmRun): { snapshot: IbmObjectSnapshot; objectType?: string }[] {
  const info = run.localBackupInfo ?? {};
  if (run.isLocalSnapshotsDeleted) return [];
  return (run.objects ?? []).flatMap((result) => {
    const taken = result.localSnapshotInfo?.snapshotInfo;
    if (!result.object || !taken?.snapshotId || taken.isManuallyDeleted) return [];
    const snapshot: IbmObjectSnapshot = {
      id: taken.snapshotId,
      objectId: result.object.id,
      ...(result.object.name !== undefined && { objectName: result.object.name }),
      ...(result.object.sourceId !== undefined && { sourceId: result.object.sourceId }),
      ...((result.object.environment ?? run.environment) !== undefined && { environment: result.object.environment ?? run.environment }),
      ...(info.startTimeUsecs !== undefined && { snapshotTimestampUsecs: taken.snapshotCreationTimeUsecs ?? info.startTimeUsecs, runStartTimeUsecs: info.startTimeUsecs }),
      ...(info.runType !== undefined && { runType: info.runType }),
      ...(run.protectionGroupInstanceId !== undefined && { runInstanceId: run.protectionGroupInstanceId }),
      protectionGroupId: run.protectionGroupId,
      ...(run.protectionGroupName !== undefined && { protectionGroupName: run.protectionGroupName }),
      protectionGroupRunId: run.id,
      snapshotTargetType: 'Local',
      ...(taken.expiryTimeUsecs !== undefined && { expiryTimeUsecs: taken.expiryTimeUsecs }),
    };
    return [{ snapshot, ...(result.object.objectType !== undefined && { objectType: result.object.objectType }) }];
  });
}

/**
 * An object snapshot; it exists only once its run succeeded for the object, hence available unless
 * past expiry. The region is the connection's (a run does not name one).
 */
export function toRecoveryPoint(snapshot: IbmObjectSnapshot, context: { nowMs: number; resourceType?: ResourceType; region?: string }): RecoveryPointRecord {
  const createdUsecs = pointTimeOf(snapshot);
  const expiresAt = isoFromUsecs(snapshot.expiryTimeUsecs);
  const expired = snapshot.expiryTimeUsecs !== undefined && snapshot.expiryTimeUsecs / 1000 <= context.nowMs;
  return {
    nativeId: pointIdOf(snapshot),
    resourceNativeId: String(snapshot.objectId),
    ...(snapshot.objectName && { resourceName: snapshot.objectName }),
    ...(context.resourceType && { resourceType: context.resourceType }),
    ...(snapshot.protectionGroupId && { policyNativeId: snapshot.protectionGroupId }),
    status: expired ? 'expired' : 'available',
    kind: pointKindOf(snapshot),
    createdAt: isoFromUsecs(createdUsecs) ?? new Date(0).toISOString(),
    ...(expiresAt && { expiresAt }),
    ...(context.region && { region: context.region }),
    native: snapshot,
  };
}
