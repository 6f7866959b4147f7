import {
  CapabilityNotSupportedError,
  ConflictError,
  NotFoundError,
  ValidationFailedError,
  type PolicyRecord,
  type PolicySpec,
  type ResourceRecord,
} from '@backbridge/core';
import { LIST_FILTER_MATCHERS, type ConnectionContext, type PluginLogger, type ProviderSession, type RestoreOptionsSchema, type WorkState } from '@backbridge/plugin-sdk';
import { CPM_API_VERSION, CpmClient, type CpmClientOptions } from './client/cpm-client';
import { readConfig, type CpmConnectionConfig } from './connection-schema';
import type { CpmPolicy, CpmSchedule, CpmTarget, CpmTargetCreate, CpmTargetFamily } from './dto/cpm-dto';
import {
  FAMILIES,
  formatWorkRef,
  parseJobId,
  parseRecoveryPointId,
  parseWorkRef,
  recoveryJobId,
  backupJobId,
  type RecoveryPointRef,
} from './mappers/cpm-ids';
import { backupToJob, parseRecoveredIds, recoveryToJob } from './mappers/job.mapper';
import { toCpmPolicy, toPolicyRecord } from './mappers/policy.mapper';
import { toRecoveryPoint } from './mappers/recovery-point.mapper';
import { restoreOptionsSchema, toRecoverBody } from './mappers/restore.mapper';
import { isoOf } from './mappers/cpm-time';
import { toResourceRecord } from './mappers/resource.mapper';
import { listJobs } from './lists/job-list';
import { listPolicies } from './lists/policy-list';
import { listRecoveryPoints, snapshotRecordsOf } from './lists/recovery-point-list';
import { mapInBatches, pageOf } from './lists/whole-list';
import { backupWorkStatus, recoveryWorkStatus } from './status-maps';

/** Where each AWS object is a policy target: CPM's only view of resources. */
interface ProtectedObject {
  family: CpmTargetFamily;
  targets: { policyId: string; target: CpmTarget }[];
}

/** The newest successful run of any policy protecting the object. */
function lastBackupOf(object: ProtectedObject, runs: Map<string, string>): string | undefined {
  const times = object.targets.map((t) => runs.get(t.policyId)).filter((t): t is string => t !== undefined);
  return times.length > 0 ? times.sort().at(-1) : undefined;
}

const notFound = (what: string, id: string) => new NotFoundError(`CPM has no ${what} '${id}'.`);

export class CpmSession implements ProviderSession {
  private readonly client: CpmClient;
  private readonly config: CpmConnectionConfig;
  private readonly log: PluginLogger;

  constructor(connection: ConnectionContext, clientOptions: CpmClientOptions = {}) {
    this.client = new CpmClient(connection, String(connection.credentials.apiKey ?? ''), clientOptions);
    this.config = readConfig(connection.config);
    this.log = connection.logger;
  }

  async check() {
    const version = await this.client.version();
    return { message: `CPM ${version.cpm_version ?? '(version unknown)'}, REST API ${version.api_version ?? CPM_API_VERSION}` };
  }

  // ----------------------------------------------------------------------------------- resources

  /**
   * CPM has no list of resources: they are assembled from every policy's targets (seven families),
   * so the list is read whole, filtered and sorted here (see lists/whole-list.ts).
   */
  async listResources(req: Parameters<NonNullable<ProviderSession['listResources']>>[0]) {
    // CPM lists only protected resources: asking for unprotected ones gives an empty list.
    if (req.filter.protected === false) return { items: [] };
    const objects = await this.protectedObjects();
    const lastBackups = await this.lastSuccessfulRuns([...objects.values()]);
    const resources = [...objects.values()].map((o) => toResourceRecord(o.family, o.targets, lastBackupOf(o, lastBackups)));
    const filtered = resources.filter((r) => LIST_FILTER_MATCHERS.resources(r, req.filter));
    return pageOf(filtered, req, (r: ResourceRecord, field) => (field === 'name' ? r.name : (r.createdAt ?? '')));
  }

  async getResource({ nativeId }: { nativeId: string }) {
    const object = (await this.protectedObjects()).get(nativeId);
    if (!object) throw notFound('protected resource (a target of a policy)', nativeId);
    return toResourceRecord(object.family, object.targets, lastBackupOf(object, await this.lastSuccessfulRuns([object])));
  }

  /**
   * When each policy of these objects last ran successfully (status B: every target's snapshot succeeded),
   * from one one-record page per policy, newest first. Partially successful runs (A, S) are left out:
   * telling whether they covered a given resource would take the run's snapshot records.
   */
  private async lastSuccessfulRuns(objects: ProtectedObject[]): Promise<Map<string, string>> {
    const policyIds = [...new Set(objects.flatMap((o) => o.targets.map((t) => t.policyId)))];
    const runs = await mapInBatches(policyIds, 32, async (policyId) => [policyId, isoOf((await this.client.latestBackup(policyId, 'B'))?.start_time)] as const);
    return new Map(runs.filter((run): run is readonly [string, string] => run[1] !== undefined));
  }

  private async protectedObjects(policies?: CpmPolicy[]): Promise<Map<string, ProtectedObject>> {
    const all = policies ?? (await this.client.listPolicies());
    const objects = new Map<string, ProtectedObject>();
    const lists = (
      await mapInBatches(all, 8, (policy) =>
        Promise.all(FAMILIES.map(async (family) => ({ policyId: String(policy.id), family, targets: await this.client.listTargets(policy.id!, family) }))),
      )
    ).flat();
    for (const { policyId, family, targets } of lists) {
      for (const target of targets) {
        // A DynamoDB table is known by its name (§13.21); the emulator, like AWS, uses it as the id too.
        const awsId = target.aws_resource_id ?? target.aws_resource_name;
        if (!awsId) continue;
        const entry = objects.get(awsId) ?? { family, targets: [] };
        entry.targets.push({ policyId, target: { ...target, aws_resource_id: awsId } });
        objects.set(awsId, entry);
      }
    }
    return objects;
  }

  // ------------------------------------------------------------------------------------ policies

  listPolicies(req: Parameters<NonNullable<ProviderSession['listPolicies']>>[0]) {
    return listPolicies(this.client, req, (policy) => this.policyRecord(policy));
  }

  async getPolicy({ nativeId }: { nativeId: string }) {
    return this.policyRecord(await this.client.getPolicy(this.numericId(nativeId, 'policy')));
  }

  private async policyRecord(policy: CpmPolicy): Promise<PolicyRecord> {
    const [schedules, targets] = await Promise.all([
      Promise.all((policy.schedules ?? []).map((id) => this.client.getSchedule(id))),
      Promise.all(FAMILIES.map((family) => this.client.listTargets(policy.id!, family))),
    ]);
    return toPolicyRecord(policy, schedules, targets.flat(), this.log);
  }

  translatePolicy(spec: PolicySpec) {
    const parts = toCpmPolicy(spec, this.config.ownerUserId, this.config.accountId);
    return {
      translation: { schedules: parts.schedules, policy: parts.policy, targets: spec.resourceNativeIds.map((id) => ({ aws_resource_id: id })) },
      warnings: parts.warnings,
    };
  }

  async createPolicy(spec: PolicySpec) {
    const parts = toCpmPolicy(spec, this.config.ownerUserId, this.config.accountId);
    const policies = await this.client.listPolicies();
    const objects = await this.protectedObjects(policies);
    const targets = this.resolveTargets(spec.resourceNativeIds, objects);
    const account = parts.policy.account ?? this.accountOf(targets, policies);
    const scheduleIds = await this.createSchedules(parts.schedules);
    let createdId: number | undefined;
    try {
      createdId = (await this.client.createPolicy({ ...parts.policy, account, schedules: scheduleIds })).id!;
      for (const target of targets) await this.client.addTarget(createdId, target.family, target.body);
    } catch (error) {
      // CPM has no transactions: undo what was made, so that a refused create leaves nothing behind.
      await this.undoCreate(createdId, scheduleIds);
      throw error;
    }
    const created = { id: createdId };
    const record = await this.getPolicy({ nativeId: String(created.id) });
    return { ...record, warnings: [...parts.warnings, ...record.warnings] };
  }

  async updatePolicy({ nativeId, spec }: { nativeId: string; spec: PolicySpec }) {
    const id = this.numericId(nativeId, 'policy');
    const current = await this.client.getPolicy(id);
    const parts = toCpmPolicy(spec, this.config.ownerUserId);
    const objects = await this.protectedObjects();
    const wanted = this.resolveTargets(spec.resourceNativeIds, objects);
    const scheduleIds = await this.createSchedules(parts.schedules);
    // PUT needs the required fields and replaces the schedule list; `account` cannot change (§13.4).
    await this.client.updatePolicy(id, { ...parts.policy, schedules: scheduleIds });
    await this.deleteOwnSchedules(current);
    const have = (await Promise.all(FAMILIES.map(async (family) => (await this.client.listTargets(id, family)).map((target) => ({ family, target }))))).flat();
    for (const { family, target } of have) {
      if (!spec.resourceNativeIds.includes(target.aws_resource_id ?? '')) await this.client.removeTarget(id, family, target.id!);
    }
    for (const target of wanted) {
      if (!have.some((h) => h.target.aws_resource_id === target.resourceId)) await this.client.addTarget(id, target.family, target.body);
    }
    const record = await this.getPolicy({ nativeId });
    return { ...record, warnings: [...parts.warnings, ...record.warnings] };
  }

  async deletePolicy({ nativeId, deleteRecoveryPoints }: { nativeId: string; deleteRecoveryPoints: boolean }) {
    if (!deleteRecoveryPoints) {
      throw new ConflictError(
        `Deleting CPM policy '${nativeId}' also deletes every snapshot it made (CPM deletes them with the policy). Confirm with ?confirm=delete-recovery-points, or disable the policy instead.`,
      );
    }
    const id = this.numericId(nativeId, 'policy');
    const current = await this.client.getPolicy(id);
    await this.client.deletePolicy(id);
    await this.deleteOwnSchedules(current);
  }

  async runPolicy({ policyNativeId }: { policyNativeId: string }) {
    const policyId = this.numericId(policyNativeId, 'policy');
    const { tracker_id } = await this.client.backupNow(policyId);
    return { jobRef: formatWorkRef({ kind: 'tracker', trackerId: String(tracker_id), policyId: String(policyId) }) };
  }

  private resolveTargets(resourceIds: string[], objects: Map<string, ProtectedObject>) {
    return resourceIds.map((resourceId, i) => {
      const object = objects.get(resourceId);
      const region = object?.targets[0].target.aws_region;
      if (!object || !region) {
        throw ValidationFailedError.field(`resources[${i}]`, `CPM knows '${resourceId}' only once a policy protects it; CPM lists no unprotected resources.`);
      }
      // DynamoDB tables are added by name (§13.21), every other family by AWS id.
      const tableName = object.targets[0].target.aws_resource_name ?? resourceId;
      const body: CpmTargetCreate = object.family === 'dynamodb_tables' ? { aws_region: region, aws_resource_name: tableName } : { aws_region: region, aws_resource_id: resourceId };
      return { family: object.family, resourceId, body, policyIds: object.targets.map((t) => t.policyId) };
    });
  }

  /** A new policy belongs to the configured account, else to the account of the policy protecting its first resource. */
  private accountOf(targets: { policyIds: string[] }[], policies: CpmPolicy[]): number {
    const policyId = targets[0]?.policyIds[0];
    const account = policies.find((p) => String(p.id) === policyId)?.account;
    if (account === undefined) {
      throw ValidationFailedError.field('resources', 'Set config.accountId on the connection, or name a resource, so the plugin knows which CPM account the policy belongs to.');
    }
    return account;
  }

  private async undoCreate(policyId: number | undefined, scheduleIds: number[]): Promise<void> {
    const steps = [
      ...(policyId === undefined ? [] : [() => this.client.deletePolicy(policyId)]),
      ...scheduleIds.map((id) => () => this.client.deleteSchedule(id)),
    ];
    for (const step of steps) {
      await step().catch((error: unknown) => this.log.warn('could not undo part of a failed CPM policy create', { error: String(error) }));
    }
  }

  private async createSchedules(bodies: Parameters<CpmClient['createSchedule']>[0][]): Promise<number[]> {
    const ids: number[] = [];
    try {
      for (const body of bodies) ids.push((await this.client.createSchedule(body)).id!);
    } catch (error) {
      await this.undoCreate(undefined, ids);
      throw error;
    }
    return ids;
  }

  /** Schedules are separate CPM objects; only those the plugin made for this policy (named `<policy>-s<n>`) are removed. */
  private async deleteOwnSchedules(policy: CpmPolicy): Promise<void> {
    const own = new RegExp(`^${policy.name ?? ''}-s\\d+$`);
    for (const scheduleId of policy.schedules ?? []) {
      const schedule: CpmSchedule | undefined = await this.client.getSchedule(scheduleId).catch(() => undefined);
      if (schedule?.name && own.test(schedule.name)) await this.client.deleteSchedule(scheduleId);
    }
  }

  // ----------------------------------------------------------------------------- backups and work

  async startBackup({ resourceNativeId, policyNativeId, retention }: Parameters<NonNullable<ProviderSession['startBackup']>>[0]) {
    if (retention !== undefined) throw ValidationFailedError.field('retention', 'CPM keeps a run as long as its policy keeps generations; a backup cannot carry its own retention.');
    const object = (await this.protectedObjects()).get(resourceNativeId);
    if (!object) throw notFound('protected resource (a target of a policy)', resourceNativeId);
    const holders = object.targets.map((t) => t.policyId);
    let policyId = policyNativeId;
    if (policyId !== undefined && !holders.includes(policyId)) {
      throw ValidationFailedError.field('policy', `Resource '${resourceNativeId}' is not a target of CPM policy '${policyId}'.`);
    }
    if (policyId === undefined) {
      if (holders.length > 1) throw ValidationFailedError.field('policy', `Resource '${resourceNativeId}' is in CPM policies ${holders.join(', ')}; name the policy to run.`);
      policyId = holders[0];
    }
    const { tracker_id } = await this.client.backupNow(policyId);
    return { jobRef: formatWorkRef({ kind: 'tracker', trackerId: String(tracker_id), policyId, resourceId: resourceNativeId }) };
  }

  async getWork({ jobRef }: { jobRef: string }): Promise<WorkState> {
    const ref = parseWorkRef(jobRef);
    if (!ref) throw notFound('job reference', jobRef);
    if (ref.kind === 'recovery') {
      const recovery = await this.client.getRecovery(ref.recoveryId);
      const status = recoveryWorkStatus(recovery.status, this.log);
      const recovered = parseRecoveredIds(recovery.recovered_resource_ids).map((r) => r.id);
      return {
        status,
        jobNativeId: recoveryJobId(recovery.id),
        statusMessage: `CPM recovery ${recovery.id} is ${recovery.status ?? 'unknown'}${recovered.length > 0 ? `; recovered ${recovery.recovered_resource_ids}` : ''}.`,
        ...(recovered.length > 0 && { result: { resourceNativeIds: recovered } }),
        ...(status === 'failed' && { error: { code: 'cpm_recovery_failed', message: 'CPM reports the recovery failed (status F).' } }),
      };
    }
    const [backup] = await this.client.listBackups({ tracker_id: ref.trackerId });
    const scope = `CPM backs up a whole policy: this run of policy ${ref.policyId} covers every target of the policy`;
    if (!backup) return { status: 'pending', statusMessage: `${scope}; CPM has not listed the run of tracker ${ref.trackerId} yet.` };
    const status = backupWorkStatus(backup.status, this.log);
    const state: WorkState = { status, jobNativeId: backupJobId(backup.id), statusMessage: `${scope} (backup record ${backup.id}, status ${backup.status}).` };
    if (status === 'succeeded' || status === 'partially_succeeded') {
      const points = await snapshotRecordsOf(this.client, backup, this.log, ref.resourceId);
      state.result = { recoveryPointNativeIds: points.filter((p) => p.status === 'available').map((p) => p.nativeId) };
    }
    if (status === 'failed') state.error = { code: 'cpm_backup_failed', message: 'CPM reports the backup failed (status F).' };
    return state;
  }

  // ------------------------------------------------------------------------------ recovery points

  listRecoveryPoints(req: Parameters<NonNullable<ProviderSession['listRecoveryPoints']>>[0]) {
    return listRecoveryPoints(this.client, this.log, req);
  }

  async getRecoveryPoint({ nativeId }: { nativeId: string }) {
    const ref = this.recoveryPointRef(nativeId);
    const [backup, record] = await Promise.all([this.client.getBackup(ref.backupId), this.client.getSnapshotRecord(ref.backupId, ref.family, ref.recordId)]);
    return toRecoveryPoint(backup, ref.family, record, this.log);
  }

  async restoreOptions({ nativeId }: { nativeId: string }): Promise<RestoreOptionsSchema> {
    const point = await this.getRecoveryPoint({ nativeId });
    return restoreOptionsSchema(this.recoveryPointRef(point.nativeId).family);
  }

  async startRestore({ recoveryPointNativeId, target, options }: Parameters<NonNullable<ProviderSession['startRestore']>>[0]) {
    if (target.mode !== 'alternate') throw new CapabilityNotSupportedError('cpm', 'restores.original');
    const ref = this.recoveryPointRef(recoveryPointNativeId);
    const record = await this.client.getSnapshotRecord(ref.backupId, ref.family, ref.recordId);
    const body = toRecoverBody(ref.family, target, options, record.backed_up_resource_id ?? `restored-${ref.recordId}`, Date.now());
    const recovery = await this.client.recover(ref.backupId, ref.family, ref.recordId, body);
    return { jobRef: formatWorkRef({ kind: 'recovery', recoveryId: String(recovery.id) }), jobNativeId: recoveryJobId(recovery.id) };
  }

  // ----------------------------------------------------------------------------------------- jobs

  listJobs(req: Parameters<NonNullable<ProviderSession['listJobs']>>[0]) {
    return listJobs(this.client, this.log, req);
  }

  async getJob({ nativeId }: { nativeId: string }) {
    const ref = parseJobId(nativeId);
    if (!ref) throw notFound('job', nativeId);
    return ref.kind === 'backup' ? backupToJob(await this.client.getBackup(ref.id), this.log) : recoveryToJob(await this.client.getRecovery(ref.id), this.log);
  }

  // ---------------------------------------------------------------------------------------- ids

  /** CPM ids are integers; anything else names no object (and must not reach a URL path as is). */
  private numericId(nativeId: string, what: string): string {
    if (!/^\d+$/.test(nativeId)) throw notFound(what, nativeId);
    return nativeId;
  }

  private recoveryPointRef(nativeId: string): RecoveryPointRef {
    const ref = parseRecoveryPointId(nativeId);
    if (!ref) throw notFound('recovery point (expected <backup id>/<family>/<snapshot record id>)', nativeId);
    return ref;
  }
}
