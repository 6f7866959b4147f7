import type { VendorClock } from '@backbridge/emulator-kit';
import { ibmError, isRecord } from './ibm-errors';
import {
  CLUSTER_ID,
  CLUSTER_INCARNATION_ID,
  REGION_ID,
  type StoredGroup,
  type StoredObject,
  type StoredRecovery,
  type StoredRun,
  type TenantData,
  usecs,
} from './model';

/** Emulated durations (before timeScale): queued, then working, then final. */
export const RUN_ACCEPTED_MS = 800;
export const RUN_TOTAL_MS = 3000;
export const CANCEL_MS = 500;
export const RECOVERY_ACCEPTED_MS = 500;
export const RECOVERY_TOTAL_MS = 2500;

export type RunStatus = 'Accepted' | 'Running' | 'Canceled' | 'Canceling' | 'Failed' | 'Succeeded' | 'SucceededWithWarning' | 'Paused';

/** The index of the first run in `runs` (sorted by start time) that started at or after `usecs`. */
export function firstAtOrAfter(runs: readonly StoredRun[], usecs: number): number {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (runs[mid].startTimeUsecs < usecs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts `run` where its start time belongs (runs made through the API land at the end). */
function insertByStart(runs: StoredRun[], run: StoredRun): void {
  const at = firstAtOrAfter(runs, run.startTimeUsecs + 1);
  if (at === runs.length) runs.push(run);
  else runs.splice(at, 0, run);
}

/** The tenant's data plus everything derived from it on read (run and recovery states). */
export class Cluster {
  /** Runs per group and per object, oldest first: time-range reads are a binary search, not a scan. */
  private readonly runsByGroup = new Map<string, StoredRun[]>();
  private readonly runsByObject = new Map<number, StoredRun[]>();
  private readonly runsBySnapshot = new Map<string, { run: StoredRun; objectId: number }>();

  constructor(
    readonly data: TenantData,
    readonly clock: VendorClock,
  ) {
    const byStart = [...data.runs].sort((a, b) => a.startTimeUsecs - b.startTimeUsecs);
    for (const run of byStart) this.index(run, (list) => list.push(run));
  }

  /** Stores a new run. */
  addRun(run: StoredRun): void {
    this.data.runs.push(run);
    this.index(run, (list) => insertByStart(list, run));
  }

  private index(run: StoredRun, put: (list: StoredRun[]) => void): void {
    const listOf = <K>(map: Map<K, StoredRun[]>, key: K) => map.get(key) ?? map.set(key, []).get(key)!;
    put(listOf(this.runsByGroup, run.groupId));
    for (const objectId of run.objectIds) put(listOf(this.runsByObject, objectId));
    for (const [objectId, snapshotId] of Object.entries(run.snapshotIds)) this.runsBySnapshot.set(snapshotId, { run, objectId: Number(objectId) });
  }

  /** A group's runs, oldest first. */
  runsOfGroup(groupId: string): readonly StoredRun[] {
    return this.runsByGroup.get(groupId) ?? [];
  }

  /** The runs that included an object, oldest first. */
  runsOfObject(objectId: number): readonly StoredRun[] {
    return this.runsByObject.get(objectId) ?? [];
  }

  nowUsecs(): number {
    return usecs(this.clock.now());
  }

  object(id: number): StoredObject | undefined {
    return this.data.objects.find((o) => o.id === id);
  }

  group(id: string): StoredGroup {
    const group = this.data.groups.get(id);
    if (!group) throw ibmError('KEntityNotExistsError', `Protection Group ${id} does not exist`);
    return group;
  }

  /** A group, or a deleted one whose snapshots were kept (its runs can still be read). */
  groupOrDeleted(id: string): StoredGroup {
    return this.data.deletedGroups.get(id) ?? this.group(id);
  }

  private anyGroup(id: string): StoredGroup | undefined {
    return this.data.groups.get(id) ?? this.data.deletedGroups.get(id);
  }

  /** Whether any run of the group still holds a snapshot. */
  hasSnapshots(groupId: string): boolean {
    const now = this.nowUsecs();
    return this.runsOfGroup(groupId).some((run) => this.isRestorable(run, now));
  }

  /** Object ids a group protects, from whichever params block its environment uses. */
  groupObjectIds(group: StoredGroup): number[] {
    const params = (group.fields.physicalParams ?? group.fields.mssqlParams) as Record<string, unknown> | undefined;
    if (!params) return [];
    return Object.entries(params)
      .filter(([key, value]) => key.endsWith('ProtectionTypeParams') && isRecord(value))
      .flatMap(([, value]) => ((value as { objects?: { id: number }[] }).objects ?? []).map((o) => Number(o.id)));
  }

  groupsProtecting(objectId: number): StoredGroup[] {
    return [...this.data.groups.values()].filter((g) => this.groupObjectIds(g).includes(objectId));
  }

  runStatus(run: StoredRun): RunStatus {
    if (run.admittedAtMs === undefined) return run.outcome;
    const now = this.clock.now();
    if (run.cancelRequestedAtMs !== undefined) {
      return now - run.cancelRequestedAtMs < this.clock.duration(CANCEL_MS) ? 'Canceling' : 'Canceled';
    }
    if (run.pausedAtMs !== undefined) return 'Paused';
    const elapsed = now - run.admittedAtMs;
    if (elapsed < this.clock.duration(RUN_ACCEPTED_MS)) return 'Accepted';
    if (elapsed < this.clock.duration(RUN_TOTAL_MS)) return 'Running';
    return run.outcome;
  }

  runEndUsecs(run: StoredRun): number | undefined {
    if (run.admittedAtMs === undefined) return run.endTimeUsecs;
    const status = this.runStatus(run);
    if (status === 'Canceled') return usecs(run.cancelRequestedAtMs! + this.clock.duration(CANCEL_MS));
    if (status === 'Succeeded' || status === 'SucceededWithWarning' || status === 'Failed') {
      return usecs(run.admittedAtMs + this.clock.duration(RUN_TOTAL_MS));
    }
    return undefined;
  }

  isRunFinished(run: StoredRun): boolean {
    return !['Accepted', 'Running', 'Canceling', 'Paused'].includes(this.runStatus(run));
  }

  /** The local snapshot a run left for an object, if it still exists. */
  snapshotOf(run: StoredRun, objectId: number): string | undefined {
    return this.keepsSnapshots(run) ? run.snapshotIds[objectId] : undefined;
  }

  /** Whether a run's snapshots exist: it succeeded, and they were neither deleted nor expired (as of `nowUsecs`). */
  keepsSnapshots(run: StoredRun, nowUsecs = this.nowUsecs()): boolean {
    const status = this.runStatus(run);
    return (status === 'Succeeded' || status === 'SucceededWithWarning') && !run.snapshotsDeleted && run.expiryTimeUsecs > nowUsecs;
  }

  /** Whether a run is restorable: at least one object snapshot that is not deleted or expired. */
  isRestorable(run: StoredRun, nowUsecs = this.nowUsecs()): boolean {
    return this.keepsSnapshots(run, nowUsecs) && run.objectIds.some((o) => run.snapshotIds[o] !== undefined);
  }

  runView(run: StoredRun, includeObjectDetails: boolean): Record<string, unknown> {
    const group = this.anyGroup(run.groupId);
    const status = this.runStatus(run);
    const end = this.runEndUsecs(run);
    const failed = status === 'Failed' ? run.objectIds.length : 0;
    const succeeded = status === 'Succeeded' || status === 'SucceededWithWarning' ? run.objectIds.length : 0;
    const cancelled = status === 'Canceled' ? run.objectIds.length : 0;
    const hasLocalSnapshot = this.isRestorable(run);
    const messages = status === 'Failed' ? ['Failed to take snapshot: agent on the host did not respond'] : status === 'SucceededWithWarning' ? ['Some files were skipped because they were locked'] : [];
    const view: Record<string, unknown> = {
      id: run.id,
      protectionGroupInstanceId: run.instanceId,
      protectionGroupId: run.groupId,
      protectionGroupName: group?.fields.name,
      environment: group?.fields.environment,
      isReplicationRun: false,
      originClusterIdentifier: { clusterId: CLUSTER_ID, clusterIncarnationId: CLUSTER_INCARNATION_ID, clusterName: 'ibm-baas-cluster' },
      isLocalSnapshotsDeleted: run.snapshotsDeleted,
      hasLocalSnapshot,
      onLegalHold: false,
      localBackupInfo: {
        runType: run.runType,
        isSlaViolated: false,
        startTimeUsecs: run.startTimeUsecs,
        ...(end !== undefined && { endTimeUsecs: end }),
        status,
        messages,
        successfulObjectsCount: succeeded,
        skippedObjectsCount: 0,
        failedObjectsCount: failed,
        cancelledObjectsCount: cancelled,
        localSnapshotStats: { logicalSizeBytes: run.logicalSizeBytes, bytesWritten: Math.floor(run.logicalSizeBytes / 20), bytesRead: run.logicalSizeBytes },
        localTaskId: run.localTaskId,
      },
    };
    if (includeObjectDetails) view.objects = run.objectIds.map((objectId) => this.runObjectView(run, objectId, status, end, messages));
    return view;
  }

  private runObjectView(run: StoredRun, objectId: number, status: RunStatus, end: number | undefined, messages: string[]): Record<string, unknown> {
    const object = this.object(objectId);
    const snapshotId = this.snapshotOf(run, objectId);
    const objectStatus =
      status === 'Succeeded' ? 'kSuccessful' : status === 'SucceededWithWarning' ? 'kWarning' : status === 'Failed' || status === 'Canceled' ? 'kFailed' : status === 'Paused' ? 'kCurrentAttemptPaused' : 'kInProgress';
    const size = Math.floor(run.logicalSizeBytes / run.objectIds.length);
    return {
      object: object && { id: object.id, name: object.name, sourceId: object.sourceId, environment: object.environment, objectType: object.objectType },
      localSnapshotInfo: {
        snapshotInfo: {
          ...(snapshotId !== undefined && { snapshotId }),
          status: objectStatus,
          ...(status === 'SucceededWithWarning' && { warnings: messages }),
          startTimeUsecs: run.startTimeUsecs,
          ...(end !== undefined && { endTimeUsecs: end }),
          admittedTimeUsecs: run.startTimeUsecs,
          ...(snapshotId !== undefined && { snapshotCreationTimeUsecs: run.startTimeUsecs, expiryTimeUsecs: run.expiryTimeUsecs }),
          stats: { logicalSizeBytes: size, bytesWritten: Math.floor(size / 20), bytesRead: size },
          isManuallyDeleted: run.snapshotsDeleted,
        },
        failedAttempts:
          status === 'Failed' ? [{ startTimeUsecs: run.startTimeUsecs, endTimeUsecs: end, status: 'kFailed', message: messages[0] }] : [],
      },
    };
  }

  /** ObjectSnapshot views of one object, oldest first; `from`/`to` bound the run start time (inclusive). */
  objectSnapshots(objectId: number, from = -Infinity, to = Infinity): Record<string, unknown>[] {
    const object = this.object(objectId)!;
    const runs = this.runsOfObject(objectId);
    return runs
      .slice(firstAtOrAfter(runs, from), to === Infinity ? runs.length : firstAtOrAfter(runs, to + 1))
      .filter((run) => this.snapshotOf(run, objectId) !== undefined)
      .map((run) => ({
        id: this.snapshotOf(run, objectId),
        objectId,
        objectName: object.name,
        sourceId: object.sourceId,
        environment: object.environment,
        snapshotTimestampUsecs: run.startTimeUsecs,
        runStartTimeUsecs: run.startTimeUsecs,
        runType: run.runType,
        runInstanceId: run.instanceId,
        protectionGroupId: run.groupId,
        protectionGroupName: this.anyGroup(run.groupId)?.fields.name,
        protectionGroupRunId: run.id,
        snapshotTargetType: 'Local',
        expiryTimeUsecs: run.expiryTimeUsecs,
        hasDataLock: false,
        onLegalHold: false,
        indexingStatus: 'Done',
        storageDomainId: 7,
        clusterId: CLUSTER_ID,
        clusterIncarnationId: CLUSTER_INCARNATION_ID,
        regionId: REGION_ID,
        ...(object.environment === 'kPhysical' && { physicalParams: { enableSystemBackup: false, protectionType: 'kVolume' } }),
      }));
  }

  lastRunOf(group: StoredGroup): StoredRun | undefined {
    return this.runsOfGroup(group.id).at(-1);
  }

  objectView(object: StoredObject): Record<string, unknown> {
    const groups = this.groupsProtecting(object.id);
    const protectionGroups = groups.map((g) => {
      const policy = this.data.policies.get(String(g.fields.policyId));
      const last = this.lastRunOf(g);
      return {
        id: g.id,
        name: g.fields.name,
        protectionEnvType: g.fields.environment,
        policyId: g.fields.policyId,
        policyName: policy?.fields.name,
        ...(last && { lastBackupRunStatus: this.runStatus(last) }),
        lastRunSlaViolated: false,
      };
    });
    return {
      id: object.id,
      name: object.name,
      sourceId: object.sourceId,
      sourceName: object.sourceName,
      environment: object.environment,
      objectHash: object.uuid.replaceAll('-', ''),
      objectType: object.objectType,
      logicalSizeBytes: object.logicalSizeBytes,
      uuid: object.uuid,
      globalId: `${CLUSTER_ID}:${CLUSTER_INCARNATION_ID}:${object.id}`,
      protectionType: object.environment === 'kPhysical' ? 'kAgent' : 'kFile',
      ...(object.osType && { osType: object.osType }),
      ...(object.environment === 'kSQL' && {
        mssqlParams: { hostInfo: { id: String(object.sourceId), name: object.sourceName, environment: 'kPhysical' }, isEncrypted: false },
      }),
      objectProtectionInfos: [
        {
          objectId: object.id,
          sourceId: object.sourceId,
          regionId: REGION_ID,
          clusterId: CLUSTER_ID,
          clusterIncarnationId: CLUSTER_INCARNATION_ID,
          isDeleted: false,
          protectionGroups,
        },
      ],
    };
  }

  groupView(group: StoredGroup, includeLastRunInfo = false): Record<string, unknown> {
    const last = includeLastRunInfo ? this.lastRunOf(group) : undefined;
    const deleted = this.data.deletedGroups.has(group.id);
    return {
      id: group.id,
      ...group.fields,
      clusterId: `${CLUSTER_ID}`,
      regionId: REGION_ID,
      isActive: !deleted,
      isDeleted: deleted,
      isProtectOnce: false,
      lastModifiedTimestampUsecs: group.lastModifiedTimestampUsecs,
      numProtectedObjects: this.groupObjectIds(group).length,
      ...(last && { lastRun: this.runView(last, false) }),
    };
  }

  recoveryStatus(recovery: StoredRecovery): 'Accepted' | 'Running' | 'Succeeded' | 'Failed' {
    if (recovery.admittedAtMs === undefined) return recovery.outcome;
    const elapsed = this.clock.now() - recovery.admittedAtMs;
    if (elapsed < this.clock.duration(RECOVERY_ACCEPTED_MS)) return 'Accepted';
    if (elapsed < this.clock.duration(RECOVERY_TOTAL_MS)) return 'Running';
    return recovery.outcome;
  }

  recoveryView(recovery: StoredRecovery): Record<string, unknown> {
    const status = this.recoveryStatus(recovery);
    const final = status === 'Succeeded' || status === 'Failed';
    const end = recovery.admittedAtMs === undefined ? recovery.endTimeUsecs : final ? usecs(recovery.admittedAtMs + this.clock.duration(RECOVERY_TOTAL_MS)) : undefined;
    const messages = status === 'Failed' ? ['Target database is in use; restore aborted'] : [];
    const objectStatus = { status, startTimeUsecs: recovery.startTimeUsecs, ...(end !== undefined && { endTimeUsecs: end }), messages };
    const bytes = (id: number) => (status === 'Succeeded' ? (this.object(id)?.logicalSizeBytes ?? 0) : 0);
    const withStatus = (params: Record<string, unknown> | undefined, key: 'objects' | 'recoverAppParams') =>
      params && {
        ...params,
        [key]: ((params[key] as Record<string, unknown>[] | undefined) ?? []).map((o, i) => ({ ...o, ...objectStatus, bytesRestored: bytes(recovery.objectIds[i] ?? -1) })),
      };
    return {
      id: recovery.id,
      name: recovery.name,
      startTimeUsecs: recovery.startTimeUsecs,
      ...(end !== undefined && { endTimeUsecs: end }),
      status,
      progressTaskId: `recovery_${recovery.id.split(':')[2]}`,
      snapshotEnvironment: recovery.snapshotEnvironment,
      recoveryAction: recovery.recoveryAction,
      creationInfo: { userName: 'ServiceId-backbridge' },
      canTearDown: false,
      messages,
      isParentRecovery: false,
      isMultiStageRestore: false,
      ...(recovery.physicalParams && { physicalParams: withStatus(recovery.physicalParams, 'objects') }),
      ...(recovery.mssqlParams && { mssqlParams: withStatus(recovery.mssqlParams, 'recoverAppParams') }),
    };
  }

  /** Finds the run and object that hold a snapshot id. */
  findSnapshot(snapshotId: string): { run: StoredRun; objectId: number } | undefined {
    const found = this.runsBySnapshot.get(snapshotId);
    return found && this.snapshotOf(found.run, found.objectId) === snapshotId ? found : undefined;
  }
}
