import type { RecoveryPointKind, RecoveryPointRecord, ResourceType } from '@backbridge/core';
import type { IbmObjectSnapshot } from '../dto/ibm.dto';
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

/** An object snapshot; it exists only once its run succeeded for the object, hence available unless past expiry. */
export function toRecoveryPoint(snapshot: IbmObjectSnapshot, context: { nowMs: number; resourceType?: ResourceType }): RecoveryPointRecord {
  const createdUsecs = snapshot.snapshotTimestampUsecs ?? snapshot.runStartTimeUsecs ?? 0;
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
    ...(snapshot.regionId && { region: snapshot.regionId }),
    native: snapshot,
  };
}
