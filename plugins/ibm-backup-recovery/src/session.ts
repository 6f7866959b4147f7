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
  type ResourceType,
} from '@backbridge/core';
import {
  LIST_FILTER_MATCHERS,
  type ConnectionCheck,
  type DeletePolicyRequest,
  type GetRequest,
  type JobFilter,
  type ListRequest,
  type Page,
  type PluginLogger,
  type PolicyFilter,
  type PolicyTranslation,
  type ProviderSession,
  type RecoveryPointFilter,
  type ResourceFilter,
  type RestoreOptionsSchema,
  type RunPolicyRequest,
  type StartBackupRequest,
  type StartRestoreRequest,
  type StartedWork,
  type WorkState,
} from '@backbridge/plugin-sdk';
import { PLUGIN_ID, type IbmClient } from './client/ibm-client';
import type { IbmEnvironment, IbmObject, IbmObjectSnapshot, IbmPolicy, IbmProtectionGroup, IbmRecovery, IbmRun } from './dto/ibm.dto';
import { groupRunsSource, timeWindowSource } from './listing/ibm-sources';
import { keysetPage } from './listing/keyset-page';
import type { NewestFirstSource, TimedItem } from './listing/newest-first';
import { timeOrderedPage, timeRangeOf, type SourcePlan } from './listing/time-ordered-page';
import { recoveryToJob, recoveryToWorkState, runToJob, runToWorkState } from './mappers/job.mapper';
import { GATEWAY_POLICY_PREFIX, toIbmPolicyPlan, toPolicyRecord, withObjects } from './mappers/policy.mapper';
import { pointIdOf, runSnapshots, toRecoveryPoint } from './mappers/recovery-point.mapper';
import { resourceTypeOf, toResourceRecord } from './mappers/resource.mapper';
import { RESTORE_OPTIONS_SCHEMA, restoredResourceOf, toRecoveryRequest, type RestoreOptions } from './mappers/restore.mapper';
import { parseJobId, parsePointId, parseWorkRef, recoveryJobId, workRefText, type WorkRef } from './native-ids';
import { recoveryStatusesFor, runStatusesFor } from './status-maps';

const ENVIRONMENTS = ['kPhysical', 'kSQL'];
const GROUP_ID = /^\d+:\d+:\d+$/;
/** How far before the request a run may have started and still be ours (clock skew between us and IBM). */
const RUN_MATCH_SKEW_USECS = 60_000_000;
/** Fields IBM computes on a group or policy; they are not sent back on a replace. */
const GROUP_COMPUTED = ['id', 'clusterId', 'regionId', 'isActive', 'isDeleted', 'lastRun', 'permissions', 'isProtectOnce', 'missingEntities', 'invalidEntities', 'numProtectedObjects'];
const POLICY_COMPUTED = ['id', 'isUsable', 'isReplicated', 'numProtectionGroups', 'numProtectedObjects'];

const jobSortValue = (job: JobRecord) => job.createdAt ?? job.startedAt ?? '';
const jobItem = (job: JobRecord): TimedItem<JobRecord> => ({ record: job, key: { value: jobSortValue(job), nativeId: job.nativeId }, rank: '' });
const without = <T extends object>(value: T, keys: string[]): T => Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k))) as T;

/** One connection to an IBM Backup and Recovery instance and tenant. */
export class IbmSession implements ProviderSession {
  constructor(
    private readonly client: IbmClient,
    private readonly logger: PluginLogger,
    private readonly options: { region?: string; now?: () => number } = {},
  ) {}

  /** Resource types of SQL objects, by object id (see resourceTypeOfSnapshot). */
  private readonly objectTypes = new Map<string, ResourceType>();

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  async check(): Promise<ConnectionCheck> {
    const [registrations, policies] = await Promise.all([this.client.listRegistrations(), this.client.listPolicies()]);
    return { message: `IBM Backup and Recovery answered: ${registrations.length} registered sources, ${policies.length} protection policies.` };
  }

  // Resources: objects of the kPhysical and kSQL environments.

  async listResources(req: ListRequest<ResourceFilter>): Promise<Page<ResourceRecord>> {
    // IBM filters by protection and group, pages by cookie and sorts by nothing asked for: read whole (type and name checked here).
    const objects = await this.client.searchObjects({
      environments: ENVIRONMENTS,
      isProtected: req.filter.protected,
      protectionGroupIds: req.filter.policyNativeId ? [req.filter.policyNativeId] : undefined,
    });
    const records = objects.map(toResourceRecord).filter((r) => LIST_FILTER_MATCHERS.resources(r, req.filter));
    return keysetPage(records, (r) => (req.orderBy.field === 'name' ? r.name : (r.createdAt ?? '')), req);
  }

  async getResource({ nativeId }: GetRequest): Promise<ResourceRecord> {
    return toResourceRecord(await this.object(nativeId));
  }

  // Policies: a protection group plus its protection policy.

  async listPolicies(req: ListRequest<PolicyFilter>): Promise<Page<PolicyRecord>> {
    // Groups are one unpaged list (few by nature): read whole, `enabled` sent as isPaused, name and resource checked here.
    const groups = await this.client.listGroups({ isPaused: req.filter.enabled === undefined ? undefined : !req.filter.enabled });
    const policyIds = [...new Set(groups.map((g) => g.policyId))];
    const policies = policyIds.length === 0 ? [] : await this.client.listPolicies({ ids: policyIds });
    const byId = new Map(policies.map((p) => [p.id, p]));
    const records = groups.flatMap((group) => {
      const policy = byId.get(group.policyId);
      if (!policy) this.logger.warn('protection group without a readable policy; left out', { group: group.id, policy: group.policyId });
      return policy ? [toPolicyRecord(group, policy)] : [];
    });
    const matching = records.filter((p) => LIST_FILTER_MATCHERS.policies(p, req.filter));
    return keysetPage(matching, (p) => (req.orderBy.field === 'name' ? p.name : (p.createdAt ?? '')), req);
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
    return timeOrderedPage(req, {
      range: timeRangeOf(filter.createdAfter, filter.createdBefore),
      sortValue: (p) => (req.orderBy.field === 'name' ? (p.resourceName ?? p.nativeId) : p.createdAt),
      accept: (p) => LIST_FILTER_MATCHERS.recoveryPoints(p, filter),
      sources: (plan) => this.pointSources(filter, plan),
    });
  }

  /**
   * Where points come from: one object's snapshots (`resource` filter; unpaged, so read in time
   * windows), else the local snapshots in the runs of every group, deleted groups included.
   */
  private async pointSources(filter: RecoveryPointFilter, plan: SourcePlan): Promise<NewestFirstSource<RecoveryPointRecord>[]> {
    const objectId = filter.resourceNativeId;
    if (objectId !== undefined) {
      const object = plan.done.has(`o:${objectId}`) ? undefined : await this.client.getObject(objectId);
      if (!object) return [];
      const type = resourceTypeOf(object.environment, object.objectType);
      const groupIds = filter.policyNativeId === undefined ? undefined : [filter.policyNativeId];
      return [
        timeWindowSource(
          `o:${objectId}`,
          plan,
          this.now() * 1000,
          (from, to) => this.client.objectSnapshots(objectId, { runStartFromTimeUsecs: from, runStartToTimeUsecs: to, protectionGroupIds: groupIds }),
          (snapshot) => [this.pointItem(snapshot, type)],
        ),
      ];
    }
    const groupIds = (await this.groupIds(filter.policyNativeId)).filter((id) => !plan.done.has(`g:${id}`));
    return groupIds.map((id) =>
      groupRunsSource(this.client, id, plan, { includeObjectDetails: true, excludeNonRestorableRuns: true }, (run) =>
        runSnapshots(run).map(({ snapshot, objectType }) => this.pointItem(snapshot, resourceTypeOf(snapshot.environment ?? '', objectType))),
      ),
    );
  }

  private pointItem(snapshot: IbmObjectSnapshot, resourceType: ResourceType): TimedItem<RecoveryPointRecord> {
    const record = this.point(snapshot, resourceType);
    // Of snapshots sharing object and run start (groups running in the same µs), the lowest snapshot id, as getRecoveryPoint.
    return { record, key: { value: record.createdAt, nativeId: record.nativeId }, rank: snapshot.id };
  }

  /** The group named by a `policy` filter (if it can be one), else every group, deleted ones that still have snapshots included. */
  private async groupIds(policyNativeId: string | undefined): Promise<string[]> {
    if (policyNativeId !== undefined) return GROUP_ID.test(policyNativeId) ? [policyNativeId] : [];
    const [live, deleted] = await Promise.all([this.client.listGroups(), this.client.listGroups({ isDeleted: true })]);
    return [...new Set([...live, ...deleted].map((g) => g.id!))];
  }

  async getRecoveryPoint({ nativeId }: GetRequest): Promise<RecoveryPointRecord> {
    const snapshot = await this.snapshot(nativeId);
    return this.point(snapshot, await this.resourceTypeOfSnapshot(snapshot));
  }

  async deleteRecoveryPoint({ nativeId }: GetRequest): Promise<void> {
    const snapshot = await this.snapshot(nativeId);
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
    const snapshot = await this.snapshot(recoveryPointNativeId);
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
    return timeOrderedPage(req, {
      range: timeRangeOf(filter.startedAfter, undefined),
      sortValue: (j) => (req.orderBy.field === 'name' ? j.nativeId : jobSortValue(j)),
      accept: (j) => LIST_FILTER_MATCHERS.jobs(j, filter),
      sources: (plan) => this.jobSources(filter, plan),
    });
  }

  /** Runs of every group (or of the `policy` one), a page at a time, and recoveries (unpaged) in time windows. */
  private async jobSources(filter: JobFilter, plan: SourcePlan): Promise<NewestFirstSource<JobRecord>[]> {
    const sources: NewestFirstSource<JobRecord>[] = [];
    if (filter.type === undefined || filter.type === 'backup') {
      const statuses = filter.status && runStatusesFor(filter.status);
      if (statuses?.length !== 0) {
        const groupIds = (await this.groupIds(filter.policyNativeId)).filter((id) => !plan.done.has(`g:${id}`));
        const query = { includeObjectDetails: true, localBackupRunStatus: statuses };
        sources.push(...groupIds.map((id) => groupRunsSource(this.client, id, plan, query, (run) => [jobItem(runToJob(run, this.logger))])));
      }
    }
    // Recoveries belong to no policy.
    if ((filter.type === undefined || filter.type === 'restore') && filter.policyNativeId === undefined && !plan.done.has('c')) {
      const statuses = filter.status && recoveryStatusesFor(filter.status);
      if (statuses?.length !== 0) {
        const fetch = (from: number, to: number | undefined) => this.client.listRecoveries({ startTimeUsecs: from, endTimeUsecs: to, status: statuses });
        sources.push(timeWindowSource('c', plan, this.now() * 1000, fetch, (recovery: IbmRecovery) => [jobItem(recoveryToJob(recovery, this.logger))]));
      }
    }
    return sources;
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

  private async snapshot(nativeId: string): Promise<IbmObjectSnapshot> {
    const id = parsePointId(nativeId);
    if (!id) throw new NotFoundError(`'${nativeId.slice(0, 60)}' is not an IBM Backup and Recovery recovery point id.`);
    const start = id.runStartTimeUsecs;
    // One call: an unknown object answers 404 (not_found) by itself.
    const snapshots = await this.client.objectSnapshots(id.objectId, { runStartFromTimeUsecs: start, runStartToTimeUsecs: start });
    // Several groups could have run at the same microsecond; the lowest snapshot id wins, as in lists.
    const snapshot = snapshots.filter((s) => pointIdOf(s) === nativeId).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
    if (!snapshot) throw new NotFoundError('IBM Backup and Recovery has no such snapshot (deleted or expired).');
    return snapshot;
  }

  /**
   * Hosts are `other` whatever their object type; a SQL object's type (database or instance) is
   * not in its snapshots, so it is read once per object and session (it does not change).
   */
  private async resourceTypeOfSnapshot(snapshot: IbmObjectSnapshot): Promise<ResourceType> {
    if (snapshot.environment === 'kPhysical') return resourceTypeOf(snapshot.environment, undefined);
    const objectId = String(snapshot.objectId);
    let type = this.objectTypes.get(objectId);
    if (type === undefined) {
      const object = await this.object(objectId);
      type = resourceTypeOf(object.environment, object.objectType);
      this.objectTypes.set(objectId, type);
    }
    return type;
  }

  private point(snapshot: IbmObjectSnapshot, resourceType: ResourceType): RecoveryPointRecord {
    return toRecoveryPoint(snapshot, { nowMs: this.now(), resourceType, region: this.options.region });
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

