import {
  CapabilityNotSupportedError,
  ConflictError,
  NotFoundError,
  ValidationFailedError,
  VendorRejectedError,
  type JobRecord,
  type PolicyRecord,
  type PolicySpec,
  type RecoveryPointRecord,
  type ResourceRecord,
} from '@backbridge/core';
import type {
  ConnectionCheck,
  DeletePolicyRequest,
  GetRequest,
  JobFilter,
  ListRequest,
  Page,
  PluginLogger,
  PolicyFilter,
  PolicyTranslation,
  ProviderSession,
  RecoveryPointFilter,
  ResourceFilter,
  RestoreOptionsSchema,
  RunPolicyRequest,
  StartBackupRequest,
  StartRestoreRequest,
  StartedWork,
  WorkState,
} from '@backbridge/plugin-sdk';
import { EPOCH_START_USECS, PLUGIN_ID, type IbmClient } from './client/ibm-client';
import type { IbmEnvironment, IbmObject, IbmObjectSnapshot, IbmPolicy, IbmProtectionGroup, IbmRun } from './dto/ibm.dto';
import { recoveryToJob, recoveryToWorkState, runToJob, runToWorkState } from './mappers/job.mapper';
import { GATEWAY_POLICY_PREFIX, toIbmPolicyPlan, toPolicyRecord, withObjects } from './mappers/policy.mapper';
import { pointIdOf, toRecoveryPoint } from './mappers/recovery-point.mapper';
import { resourceTypeOf, toResourceRecord } from './mappers/resource.mapper';
import { RESTORE_OPTIONS_SCHEMA, restoredResourceOf, toRecoveryRequest, type RestoreOptions } from './mappers/restore.mapper';
import { parseJobId, parsePointId, parseWorkRef, recoveryJobId, workRefText, type WorkRef } from './native-ids';
import { sortedPage } from './paging';

const ENVIRONMENTS = ['kPhysical', 'kSQL'];
const GROUP_ID = /^\d+:\d+:\d+$/;
/** How far before the request a run may have started and still be ours (clock skew between us and IBM). */
const RUN_MATCH_SKEW_USECS = 60_000_000;
/** Fields IBM computes on a group or policy; they are not sent back on a replace. */
const GROUP_COMPUTED = ['id', 'clusterId', 'regionId', 'isActive', 'isDeleted', 'lastRun', 'permissions', 'isProtectOnce', 'missingEntities', 'invalidEntities', 'numProtectedObjects'];
const POLICY_COMPUTED = ['id', 'isUsable', 'isReplicated', 'numProtectionGroups', 'numProtectedObjects'];

const snapshotIdOf = (point: RecoveryPointRecord) => (point.native as IbmObjectSnapshot).id;
const usecsOf = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso) * 1000);
const without = <T extends object>(value: T, keys: string[]): T => Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k))) as T;

/** One connection to an IBM Backup and Recovery instance and tenant. */
export class IbmSession implements ProviderSession {
  constructor(
    private readonly client: IbmClient,
    private readonly logger: PluginLogger,
    private readonly now: () => number = Date.now,
  ) {}

  async check(): Promise<ConnectionCheck> {
    const [registrations, policies] = await Promise.all([this.client.listRegistrations(), this.client.listPolicies()]);
    return { message: `IBM Backup and Recovery answered: ${registrations.length} registered sources, ${policies.length} protection policies.` };
  }

  // Resources: objects of the kPhysical and kSQL environments.

  async listResources(req: ListRequest<ResourceFilter>): Promise<Page<ResourceRecord>> {
    const objects = await this.client.searchObjects({
      environments: ENVIRONMENTS,
      isProtected: req.filter.protected,
      protectionGroupIds: req.filter.policyNativeId ? [req.filter.policyNativeId] : undefined,
    });
    return sortedPage(objects.map(toResourceRecord), (r) => (req.orderBy.field === 'name' ? r.name : (r.createdAt ?? '')), req);
  }

  async getResource({ nativeId }: GetRequest): Promise<ResourceRecord> {
    return toResourceRecord(await this.object(nativeId));
  }

  // Policies: a protection group plus its protection policy.

  async listPolicies(req: ListRequest<PolicyFilter>): Promise<Page<PolicyRecord>> {
    const groups = await this.client.listGroups({ isPaused: req.filter.enabled === undefined ? undefined : !req.filter.enabled });
    const policyIds = [...new Set(groups.map((g) => g.policyId))];
    const policies = policyIds.length === 0 ? [] : await this.client.listPolicies({ ids: policyIds });
    const byId = new Map(policies.map((p) => [p.id, p]));
    const records = groups.flatMap((group) => {
      const policy = byId.get(group.policyId);
      if (!policy) this.logger.warn('protection group without a readable policy; left out', { group: group.id, policy: group.policyId });
      return policy ? [toPolicyRecord(group, policy)] : [];
    });
    return sortedPage(records, (p) => (req.orderBy.field === 'name' ? p.name : (p.createdAt ?? '')), req);
  }

  async getPolicy({ nativeId }: GetRequest): Promise<PolicyRecord> {
    const group = await this.group(nativeId);
    return toPolicyRecord(group, await this.client.getPolicy(group.policyId));
  }

  translatePolicy(spec: PolicySpec): PolicyTranslation {
    const plan = toIbmPolicyPlan(spec);
    return { translation: { protectionPolicy: plan.policy, protectionGroup: plan.group }, warnings: plan.warnings };
  }

  async createPolicy(spec: PolicySpec): Promise<PolicyRecord> {
    const environment = await this.environmentOf(spec.resourceNativeIds);
    const plan = toIbmPolicyPlan(spec, environment);
    const policy = await this.client.createPolicy(plan.policy);
    try {
      const group = await this.client.createGroup({ ...plan.group, policyId: policy.id!, environment });
      return this.withWarnings(toPolicyRecord(group, policy), plan.warnings);
    } catch (error) {
      // The policy alone would be an orphan the unified API cannot see.
      await this.client.deletePolicy(policy.id!).catch((cleanup) => this.logger.warn('could not delete the policy of a failed group', { policy: policy.id, error: cleanup }));
      throw error;
    }
  }

  async updatePolicy({ nativeId, spec }: { nativeId: string; spec: PolicySpec }): Promise<PolicyRecord> {
    const group = await this.group(nativeId);
    const environment = await this.environmentOf(spec.resourceNativeIds);
    if (environment !== group.environment) {
      throw ValidationFailedError.field('resourceIds', `this policy protects ${group.environment} objects; a protection group cannot change environment`);
    }
    const plan = toIbmPolicyPlan(spec, environment);
    const current = await this.client.getPolicy(group.policyId);
    const sharers = await this.client.listGroups({ policyIds: [current.id!] });
    const desired: IbmPolicy = {
      ...without(current, POLICY_COMPUTED),
      name: plan.policy.name,
      ...(plan.policy.description !== undefined && { description: plan.policy.description }),
      backupPolicy: { ...current.backupPolicy, regular: { ...current.backupPolicy.regular, ...plan.policy.backupPolicy.regular } },
      extendedRetention: plan.policy.extendedRetention ?? [],
    };
    let policy: IbmPolicy;
    const shared = sharers.some((g) => g.id !== group.id) || !current.name.startsWith(GATEWAY_POLICY_PREFIX);
    if (shared) {
      // Changing a policy other groups use would change them too: this group gets its own copy.
      policy = await this.client.createPolicy(without(desired, ['lastModificationTimeUsecs']));
      plan.warnings.push(`the IBM policy '${current.name}' is shared, so this policy got its own copy '${policy.name}'`);
    } else {
      policy = await this.client.replacePolicy(current.id!, desired);
    }
    const params = group.environment === 'kSQL' ? 'mssqlParams' : 'physicalParams';
    const replaced = await this.client.replaceGroup(group.id!, {
      ...without(group, GROUP_COMPUTED),
      name: spec.name,
      description: spec.description,
      policyId: policy.id!,
      startTime: plan.group.startTime,
      isPaused: !spec.enabled,
      [params]: withObjects(group[params] ?? { protectionType: params === 'mssqlParams' ? 'kFile' : 'kVolume' }, spec.resourceNativeIds),
    });
    return this.withWarnings(toPolicyRecord(replaced, policy), plan.warnings);
  }

  async deletePolicy({ nativeId }: DeletePolicyRequest): Promise<void> {
    const group = await this.group(nativeId);
    // Recovery points stay until they expire (deleteRemovesRecoveryPoints is false).
    await this.client.deleteGroup(group.id!, false);
    const policy = await this.client.getPolicy(group.policyId).catch(() => undefined);
    if (!policy?.name.startsWith(GATEWAY_POLICY_PREFIX)) return;
    const users = await this.client.listGroups({ policyIds: [policy.id!] });
    if (users.length === 0) await this.client.deletePolicy(policy.id!);
  }

  async runPolicy({ policyNativeId }: RunPolicyRequest): Promise<StartedWork> {
    const group = await this.group(policyNativeId);
    const requestedAtUsecs = this.now() * 1000;
    await this.client.createRun(group.id!);
    return { jobRef: workRefText({ kind: 'backup', groupId: group.id!, requestedAtUsecs }) };
  }

  // Recovery points: object snapshots.

  async listRecoveryPoints(req: ListRequest<RecoveryPointFilter>): Promise<Page<RecoveryPointRecord>> {
    const { filter } = req;
    let objects: IbmObject[];
    if (filter.resourceNativeId !== undefined) {
      const object = /^\d+$/.test(filter.resourceNativeId) ? await this.client.getObject(filter.resourceNativeId) : undefined;
      objects = object ? [object] : [];
    } else {
      objects = await this.client.searchObjects({ environments: ENVIRONMENTS });
    }
    const query = {
      fromTimeUsecs: usecsOf(filter.createdAfter),
      toTimeUsecs: usecsOf(filter.createdBefore),
      protectionGroupIds: filter.policyNativeId ? [filter.policyNativeId] : undefined,
    };
    const perObject = await Promise.all(objects.map(async (object) => (await this.client.objectSnapshots(String(object.id), query)).map((s) => this.point(s, object))));
    // One point per id: of snapshots sharing object and run start time, the lowest snapshot id (as getRecoveryPoint).
    const points = new Map<string, RecoveryPointRecord>();
    for (const point of perObject.flat().sort((a, b) => (snapshotIdOf(a) < snapshotIdOf(b) ? -1 : 1))) {
      if (!points.has(point.nativeId)) points.set(point.nativeId, point);
    }
    return sortedPage([...points.values()], (p) => (req.orderBy.field === 'name' ? (p.resourceName ?? p.nativeId) : p.createdAt), req);
  }

  async getRecoveryPoint({ nativeId }: GetRequest): Promise<RecoveryPointRecord> {
    const { snapshot, object } = await this.snapshot(nativeId);
    return this.point(snapshot, object);
  }

  async deleteRecoveryPoint({ nativeId }: GetRequest): Promise<void> {
    const { snapshot } = await this.snapshot(nativeId);
    if (snapshot.snapshotTargetType !== undefined && snapshot.snapshotTargetType !== 'Local') {
      throw new VendorRejectedError('Only snapshots on the IBM cluster itself can be deleted by this plugin, not archival or replicated copies.');
    }
    const groupId = snapshot.protectionGroupId;
    const runId = snapshot.protectionGroupRunId;
    if (!groupId || !runId) throw new VendorRejectedError('IBM did not say which run made this snapshot, so it cannot be deleted.');
    const [run] = await this.client.listRuns(groupId, { runId, includeObjectDetails: true });
    const others = (run?.objects ?? []).filter((o) => String(o.object?.id) !== String(snapshot.objectId) && o.localSnapshotInfo?.snapshotInfo?.snapshotId);
    if (others.length > 0) {
      throw new ConflictError(
        `IBM deletes the snapshots of a whole run: deleting this recovery point would also delete those of ${others.length} other resource(s) backed up in the same run.`,
      );
    }
    const result = await this.client.deleteRunSnapshots(groupId, runId);
    const failed = result?.failedRuns?.[0];
    if (failed) throw new VendorRejectedError(`IBM Backup and Recovery did not delete the run's snapshots: ${failed.errorMessage ?? 'no reason given'}`);
  }

  async restoreOptions(): Promise<RestoreOptionsSchema> {
    return RESTORE_OPTIONS_SCHEMA;
  }

  // Work: runs (backups) and recoveries (restores).

  async startBackup({ resourceNativeId, policyNativeId }: StartBackupRequest): Promise<StartedWork> {
    const object = await this.object(resourceNativeId);
    const groups = (object.objectProtectionInfos ?? []).flatMap((info) => info.protectionGroups ?? []);
    const group = groups.find((g) => g.id === policyNativeId) ?? (policyNativeId === undefined ? groups[0] : undefined);
    if (!group) {
      const why = policyNativeId === undefined ? 'it is in no policy' : 'it is not in that policy';
      throw ValidationFailedError.field(policyNativeId === undefined ? 'resourceId' : 'policyId', `IBM Backup and Recovery backs up only objects of a protection group, and ${why}`);
    }
    const requestedAtUsecs = this.now() * 1000;
    await this.client.createRun(group.id, [object.id]);
    return { jobRef: workRefText({ kind: 'backup', groupId: group.id, objectId: String(object.id), requestedAtUsecs }) };
  }

  async startRestore({ recoveryPointNativeId, target, options }: StartRestoreRequest): Promise<StartedWork> {
    const { snapshot } = await this.snapshot(recoveryPointNativeId);
    const name = `gw-restore-${snapshot.objectId}-${this.now()}`;
    const recovery = await this.client.createRecovery(toRecoveryRequest(name, snapshot, target, options as RestoreOptions));
    const restored = restoredResourceOf(snapshot, target);
    return { jobRef: workRefText({ kind: 'restore', recoveryId: recovery.id, objectId: restored }), jobNativeId: recoveryJobId(recovery.id) };
  }

  async getWork({ jobRef }: { jobRef: string }): Promise<WorkState> {
    const ref = parseWorkRef(jobRef);
    if (ref.kind === 'restore') {
      return recoveryToWorkState(await this.client.getRecovery(ref.recoveryId), this.logger, ref.objectId === undefined ? [] : [ref.objectId]);
    }
    const run = await this.findRun(ref);
    if (!run) return { status: 'pending', statusMessage: 'IBM accepted the run; it has not shown up in the group yet' };
    return runToWorkState(run, ref.objectId, this.logger);
  }

  async cancelWork({ jobRef }: { jobRef: string }): Promise<void> {
    const ref = parseWorkRef(jobRef);
    if (ref.kind === 'restore') throw new CapabilityNotSupportedError(PLUGIN_ID, 'cancelling a restore (the API has no cancel for recoveries)');
    const run = await this.findRun(ref);
    if (!run) throw new VendorRejectedError('The run has not started at IBM yet, so it cannot be cancelled yet; try again shortly.');
    await this.client.cancelRun(run.protectionGroupId, run.id, run.localBackupInfo?.localTaskId);
  }

  // Jobs: runs of every group, and recoveries.

  async listJobs(req: ListRequest<JobFilter>): Promise<Page<JobRecord>> {
    const { filter } = req;
    const since = usecsOf(filter.startedAfter) ?? EPOCH_START_USECS;
    const jobs: JobRecord[] = [];
    if (filter.type === undefined || filter.type === 'backup') {
      const groups = filter.policyNativeId ? await this.client.listGroups({ ids: [filter.policyNativeId] }) : await this.client.listGroups();
      const runs = await Promise.all(groups.map((g) => this.client.listRuns(g.id!, { startTimeUsecs: since, includeObjectDetails: true })));
      jobs.push(...runs.flat().map((run) => runToJob(run, this.logger)));
    }
    if ((filter.type === undefined || filter.type === 'restore') && filter.policyNativeId === undefined) {
      const recoveries = await this.client.listRecoveries({ startTimeUsecs: since });
      jobs.push(...recoveries.map((r) => recoveryToJob(r, this.logger)));
    }
    return sortedPage(jobs, (j) => (req.orderBy.field === 'name' ? j.nativeId : (j.createdAt ?? j.startedAt ?? '')), req);
  }

  async getJob({ nativeId }: GetRequest): Promise<JobRecord> {
    const id = parseJobId(nativeId);
    if (!id) throw new NotFoundError(`'${nativeId}' is not an IBM Backup and Recovery job id.`);
    if (id.kind === 'recovery') return recoveryToJob(await this.client.getRecovery(id.recoveryId), this.logger);
    const [run] = await this.client.listRuns(id.groupId, { runId: id.runId, includeObjectDetails: true });
    if (!run || run.id !== id.runId) throw new NotFoundError(`IBM Backup and Recovery has no run ${id.runId} in protection group ${id.groupId}.`);
    return runToJob(run, this.logger);
  }

  // Helpers.

  private async object(nativeId: string): Promise<IbmObject> {
    const object = await this.client.getObject(nativeId);
    if (!object) throw new NotFoundError(`IBM Backup and Recovery has no object ${nativeId}.`);
    return object;
  }

  private async group(nativeId: string): Promise<IbmProtectionGroup> {
    if (!GROUP_ID.test(nativeId)) throw new NotFoundError(`'${nativeId}' is not an IBM protection group id.`);
    return this.client.getGroup(nativeId);
  }

  /** The one environment of a policy's resources (a group holds objects of one environment). */
  private async environmentOf(resourceNativeIds: string[]): Promise<IbmEnvironment> {
    if (resourceNativeIds.length === 0) {
      throw ValidationFailedError.field('resourceIds', 'IBM Backup and Recovery protects objects through a protection group, which needs at least one resource');
    }
    const wanted = resourceNativeIds.filter((id) => /^\d+$/.test(id));
    const objects = wanted.length === 0 ? [] : await this.client.searchObjects({ objectIds: wanted });
    const missing = resourceNativeIds.filter((id) => !objects.some((o) => String(o.id) === id));
    if (missing.length > 0) throw ValidationFailedError.field('resourceIds', `IBM Backup and Recovery has no object ${missing.join(', ')}`);
    const environments = [...new Set(objects.map((o) => o.environment))];
    if (environments.length > 1) throw ValidationFailedError.field('resourceIds', `a protection group holds objects of one environment, not ${environments.join(' and ')}`);
    if (!ENVIRONMENTS.includes(environments[0])) throw ValidationFailedError.field('resourceIds', `objects of the environment ${environments[0]} cannot be protected by this plugin`);
    return environments[0];
  }

  private async snapshot(nativeId: string): Promise<{ snapshot: IbmObjectSnapshot; object: IbmObject }> {
    const id = parsePointId(nativeId);
    if (!id) throw new NotFoundError(`'${nativeId.slice(0, 60)}' is not an IBM Backup and Recovery recovery point id.`);
    const start = id.runStartTimeUsecs;
    const [object, snapshots] = await Promise.all([
      this.object(id.objectId),
      this.client.objectSnapshots(id.objectId, { runStartFromTimeUsecs: start, runStartToTimeUsecs: start }),
    ]);
    // Several groups could have run at the same microsecond; the lowest snapshot id wins, as in lists.
    const snapshot = snapshots.filter((s) => pointIdOf(s) === nativeId).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
    if (!snapshot) throw new NotFoundError('IBM Backup and Recovery has no such snapshot (deleted or expired).');
    return { snapshot, object };
  }

  private point(snapshot: IbmObjectSnapshot, object: IbmObject): RecoveryPointRecord {
    return toRecoveryPoint(snapshot, { nowMs: this.now(), resourceType: resourceTypeOf(object.environment, object.objectType) });
  }

  /** The run IBM started for a request: of the group (with the object), started at or after the request, the closest one. */
  private async findRun(ref: Extract<WorkRef, { kind: 'backup' }>): Promise<IbmRun | undefined> {
    const from = ref.requestedAtUsecs - RUN_MATCH_SKEW_USECS;
    const runs = await this.client.listRuns(ref.groupId, { startTimeUsecs: from, includeObjectDetails: true });
    const candidates = runs.filter(
      (run) =>
        (run.localBackupInfo?.startTimeUsecs ?? 0) >= from &&
        (ref.objectId === undefined || (run.objects ?? []).some((o) => String(o.object?.id) === ref.objectId)),
    );
    const distance = (run: IbmRun) => Math.abs((run.localBackupInfo?.startTimeUsecs ?? 0) - ref.requestedAtUsecs);
    return candidates.sort((a, b) => distance(a) - distance(b))[0];
  }

  private withWarnings(record: PolicyRecord, warnings: string[]): PolicyRecord {
    return { ...record, warnings: [...new Set([...warnings, ...record.warnings])] };
  }
}

