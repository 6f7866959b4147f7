import {
  CapabilityNotSupportedError,
  LIST_FILTER_MATCHERS,
  NotFoundError,
  ValidationFailedError,
  type ConnectionCheck,
  type ConnectionContext,
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
  type StartBackupRequest,
  type StartedWork,
  type StartRestoreRequest,
  type VaultFilter,
  type WorkState,
} from '@backbridge/plugin-sdk';
import type { JobRecord, OrderBy, PolicyRecord, PolicySpec, RecoveryPointRecord, ResourceRecord, VaultRecord } from '@backbridge/core';
import { PdsCatalog } from './catalog';
import { isPdsId, PdsClient, PLUGIN_ID } from './client/pds-client';
import type { PdsBackupJob } from './dto/backup-job.dto';
import type { PdsBackupPolicy } from './dto/backup-policy.dto';
import type { PdsDeployment } from './dto/deployment.dto';
import { readMergedPage, type ListSource, type MergedPageRequest } from './listing/merged-page';
import { byNameOrCreated, jobSortValue, recoveryPointSortValue, type SortValue } from './listing/sort-values';
import { mapLimit, sortBy, vendorStream, wholeList } from './listing/sources';
import { toBackupJobRecord, toBackupWorkState, toRestoreJobRecord, toRestoreWorkState } from './mappers/job.mapper';
import { toPolicyRecord, toPolicyRequest } from './mappers/policy.mapper';
import { toRecoveryPointRecord } from './mappers/recovery-point.mapper';
import { toResourceRecord } from './mappers/resource.mapper';
import { isoTime } from './mappers/time';
import { toVaultRecord } from './mappers/vault.mapper';

interface PdsConfig {
  tenantId: string;
  projectId: string;
  defaultBackupTargetId?: string;
}

/** Vendor lookups one page of records may run at once. */
const LOOKUPS_AT_ONCE = 8;
/** How far back `lastBackupAt` looks for a succeeded job: pages of the deployment's newest jobs. */
const LAST_BACKUP_PAGES = 3;
const LAST_BACKUP_LIMIT = '50';

/** Durable references to started work: the Backup (its job appears later) or the Restore. */
const BACKUP_REF = 'backup:';
const RESTORE_REF = 'restore:';

export class PdsSession implements ProviderSession {
  private readonly client: PdsClient;
  private readonly config: PdsConfig;
  private readonly log: PluginLogger;

  constructor(connection: ConnectionContext) {
    this.config = connection.config as unknown as PdsConfig;
    this.client = new PdsClient(connection, this.config);
    this.log = connection.logger;
  }

  async check(): Promise<ConnectionCheck> {
    const who = await this.client.whoAmI();
    const project = await this.client.project();
    const actor = who.service_identity ? `service identity '${who.service_identity.name}'` : who.user ? `user ${who.user.email}` : 'API key';
    return { message: `PDS project '${project.name}' (${project.id}) reachable as ${actor}.` };
  }

  // ---------------------------------------------------------------------------------- resources

  async listResources(request: ListRequest<ResourceFilter>): Promise<Page<ResourceRecord>> {
    // Streamed in every order: PDS sorts deployments by name and by created_at, both ways.
    const catalog = new PdsCatalog(this.client);
    const sort = sortBy(request.orderBy.field === 'name' ? 'name' : 'created_at', request.orderBy.direction);
    const source = vendorStream((page) => this.client.deploymentsPage({ sort_by: sort, ...page }), (rows) => this.resourceRecords(rows, catalog));
    // `lastBackupAt` (one job query per deployment) is neither sorted nor filtered by: only for the page handed out.
    return this.page(request, [source], byNameOrCreated, (record) => LIST_FILTER_MATCHERS.resources(record, request.filter), {
      finish: (records) => this.withLastBackup(records),
    });
  }

  async getResource({ nativeId }: GetRequest): Promise<ResourceRecord> {
    const records = await this.resourceRecords([await this.client.deployment(nativeId)], new PdsCatalog(this.client));
    return (await this.withLastBackup(records))[0];
  }

  /** Resources without `lastBackupAt` (see withLastBackup). */
  private async resourceRecords(deployments: PdsDeployment[], catalog: PdsCatalog): Promise<ResourceRecord[]> {
    const [services, attachments] = await Promise.all([catalog.dataServices(), catalog.attachments()]);
    return deployments.map((d) =>
      toResourceRecord(d, {
        dataService: d.data_service_id ? services.get(d.data_service_id) : undefined,
        policyNativeIds: attachments.policiesOfDeployment.get(d.id) ?? [],
      }),
    );
  }

  private async withLastBackup(records: ResourceRecord[]): Promise<ResourceRecord[]> {
    const last = await mapLimit(records, LOOKUPS_AT_ONCE, (r) => this.lastBackupAt(r.nativeId));
    return records.map((record, i) => {
      const lastBackupAt = isoTime(last[i]);
      return lastBackupAt ? { ...record, lastBackupAt } : record;
    });
  }

  /**
   * Completion of the deployment's newest succeeded backup: the latest `completion_time` of the
   * succeeded jobs among its newest jobs (`sort_by=-created_at`), reading a few pages on while none
   * succeeded. Never the whole job history.
   */
  private async lastBackupAt(deploymentId: string): Promise<string | undefined> {
    let continuation: string | undefined;
    for (let page = 0; page < LAST_BACKUP_PAGES; page++) {
      const { data, pagination } = await this.client.backupJobsPage({ deployment_id: deploymentId, sort_by: '-created_at', limit: LAST_BACKUP_LIMIT, continuation });
      let newest: string | undefined;
      for (const job of data ?? []) {
        if (job.completion_status !== 'Succeeded' || !job.completion_time) continue;
        if (!newest || Date.parse(newest) < Date.parse(job.completion_time)) newest = job.completion_time;
      }
      continuation = pagination?.continuation || undefined;
      if (newest || !continuation) return newest;
    }
    return undefined;
  }

  // ----------------------------------------------------------------------------------- policies

  async listPolicies(request: ListRequest<PolicyFilter>): Promise<Page<PolicyRecord>> {
    // Streamed in every order: PDS sorts policies by name and by created_at, both ways.
    const catalog = new PdsCatalog(this.client);
    const sort = sortBy(request.orderBy.field === 'name' ? 'name' : 'created_at', request.orderBy.direction);
    const source = vendorStream(
      (page) => this.client.policiesPage({ sort_by: sort, ...page }),
      (rows) => Promise.all(rows.map((policy) => this.policyRecord(policy, catalog))),
    );
    return this.page(request, [source], byNameOrCreated, (record) => LIST_FILTER_MATCHERS.policies(record, request.filter));
  }

  async getPolicy({ nativeId }: GetRequest): Promise<PolicyRecord> {
    return this.policyRecord(await this.client.policy(nativeId), new PdsCatalog(this.client));
  }

  private async policyRecord(policy: PdsBackupPolicy, catalog: PdsCatalog): Promise<PolicyRecord> {
    const attachments = await catalog.attachments();
    return toPolicyRecord(policy, {
      resourceNativeIds: attachments.deploymentsOfPolicy.get(policy.id) ?? [],
      vaultNativeIds: attachments.targetsOfPolicy.get(policy.id) ?? [],
    });
  }

  translatePolicy(spec: PolicySpec): PolicyTranslation {
    const { request, target, warnings } = this.translate(spec);
    const attach = spec.resourceNativeIds.map((id) => ({ deployment: id, scheduled_backup: { backup_policy_id: '<new policy id>', backup_target_id: target } }));
    return { translation: { backupPolicy: request, attach }, warnings };
  }

  /** The BackupPolicy body and the attachment target, or a validation_failed for what PDS cannot say. */
  private translate(spec: PolicySpec) {
    if (!spec.enabled) throw ValidationFailedError.field('enabled', "PDS policies cannot be disabled (a Backup's suspend flag cannot be written).");
    if (spec.retention.keepLast === undefined) throw ValidationFailedError.field('retention.keepLast', 'PDS keeps backups by count only.');
    const { request, warnings } = toPolicyRequest(spec, new Date());
    return { request, warnings, target: this.attachmentTarget(spec) };
  }

  async createPolicy(spec: PolicySpec): Promise<PolicyRecord> {
    const { request, target, warnings } = this.translate(spec);
    const policy = await this.client.createPolicy(request);
    const attached: string[] = [];
    try {
      for (const id of spec.resourceNativeIds) {
        await this.attach(policy.id, [id], target);
        attached.push(id);
      }
    } catch (error) {
      // Leave nothing half-made: undo the attachments made so far and the policy itself.
      await this.detach(attached).catch(() => undefined);
      await this.client.deletePolicy(policy.id).catch(() => undefined);
      throw error;
    }
    const record = await this.getPolicy({ nativeId: policy.id });
    return { ...record, warnings: [...warnings, ...record.warnings] };
  }

  async updatePolicy({ nativeId, spec }: { nativeId: string; spec: PolicySpec }): Promise<PolicyRecord> {
    const { request, target, warnings } = this.translate(spec);
    const before = (await new PdsCatalog(this.client).attachments()).deploymentsOfPolicy.get(nativeId) ?? [];
    await this.client.updatePolicy(nativeId, request);
    // Re-attach every kept deployment, so its scheduled Backups follow the new schedules.
    await this.attach(nativeId, spec.resourceNativeIds, target);
    await this.detach(before.filter((id) => !spec.resourceNativeIds.includes(id)));
    const record = await this.getPolicy({ nativeId });
    return { ...record, warnings: [...warnings, ...record.warnings] };
  }

  async deletePolicy({ nativeId }: DeletePolicyRequest): Promise<void> {
    await this.client.policy(nativeId);
    const attached = (await new PdsCatalog(this.client).attachments()).deploymentsOfPolicy.get(nativeId) ?? [];
    await this.detach(attached);
    await this.client.deletePolicy(nativeId);
  }

  /** A policy's deployments need a backup target: the policy's vault, else the connection's default. */
  private attachmentTarget(spec: PolicySpec): string {
    const target = spec.vaultNativeId ?? this.config.defaultBackupTargetId;
    if (target === undefined && spec.resourceNativeIds.length > 0) {
      throw ValidationFailedError.field('vault', 'PDS needs a backup target to attach a policy to a deployment: name a vault or set the connection\'s defaultBackupTargetId.');
    }
    return target ?? '';
  }

  private async attach(policyId: string, deploymentIds: string[], targetId: string): Promise<void> {
    for (const id of deploymentIds) await this.client.setScheduledBackup(id, { backup_policy_id: policyId, backup_target_id: targetId });
  }

  private async detach(deploymentIds: string[]): Promise<void> {
    for (const id of deploymentIds) await this.client.setScheduledBackup(id, { backup_policy_id: null, backup_target_id: null });
  }

  // ---------------------------------------------------------------------------- recovery points

  async listRecoveryPoints(request: ListRequest<RecoveryPointFilter>): Promise<Page<RecoveryPointRecord>> {
    const { field, direction } = request.orderBy;
    const { resourceNativeId, createdAfter, createdBefore } = request.filter;
    if (resourceNativeId !== undefined && !isPdsId(resourceNativeId)) return { items: [] };
    const query = resourceNativeId ? { deployment_id: resourceNativeId } : {};
    let source: ListSource<RecoveryPointRecord>;
    if (field === 'createdAt') {
      // Streamed: PDS sorts jobs by created_at, both ways.
      const catalog = new PdsCatalog(this.client);
      source = vendorStream((page) => this.client.backupJobsPage({ ...query, sort_by: sortBy('created_at', direction), ...page }), (jobs) => this.recoveryPointRecords(jobs, catalog));
    } else {
      // By the deployment's name, which no PDS job list sorts by: read whole (context listed, not looked up).
      const catalog = new PdsCatalog(this.client, { bulk: true });
      source = wholeList(async () => this.recoveryPointRecords(await this.client.backupJobs(query), catalog));
    }
    const windowEnd = field === 'createdAt' ? timeWindowEnd<RecoveryPointRecord>(direction, createdAfter, createdBefore, (point) => point.createdAt) : undefined;
    return this.page(request, [source], recoveryPointSortValue, (point) => LIST_FILTER_MATCHERS.recoveryPoints(point, request.filter), { beyond: windowEnd });
  }

  async getRecoveryPoint({ nativeId }: GetRequest): Promise<RecoveryPointRecord> {
    const [record] = await this.recoveryPointRecords([await this.client.backupJob(nativeId)], new PdsCatalog(this.client));
    return record;
  }

  async deleteRecoveryPoint({ nativeId }: GetRequest): Promise<void> {
    await this.client.deleteBackupJob(nativeId);
  }

  /** Records of one page of jobs: their Backups, deployments and targets, looked up for this page only. */
  private async recoveryPointRecords(jobs: PdsBackupJob[], catalog: PdsCatalog): Promise<RecoveryPointRecord[]> {
    const [backups, deployments, targets] = await Promise.all([catalog.backups(jobs.map((j) => j.backup_id)), catalog.deployments(jobs.map((j) => j.deployment_id)), catalog.targets()]);
    return Promise.all(
      jobs.map(async (job) => {
        const backup = job.backup_id ? backups.get(job.backup_id) : undefined;
        const deployment = job.deployment_id ? deployments.get(job.deployment_id) : undefined;
        return toRecoveryPointRecord(
          job,
          {
            backup,
            resourceName: deployment?.name,
            resourceType: deployment ? ((deployment.node_count ?? 1) > 1 ? 'database-cluster' : 'database') : undefined,
            policyNativeId: await catalog.policyOfJob(job, backup),
            region: targets.find((t) => t.id === backup?.backup_target_id)?.region || undefined,
          },
          this.log,
        );
      }),
    );
  }

  // ------------------------------------------------------------------------------ backups, restores

  async startBackup(request: StartBackupRequest): Promise<StartedWork> {
    const deployment = await this.client.deployment(request.resourceNativeId);
    const target = await this.backupTargetFor(deployment.id, request.policyNativeId);
    const backup = await this.client.createBackup(deployment.id, {
      backup_type: 'adhoc',
      backup_level: 'snapshot',
      backup_target_id: target,
      job_history_limit: request.retention?.keepLast ?? 1,
    });
    return { jobRef: `${BACKUP_REF}${backup.id}` };
  }

  /** The request's policy's target, else the connection's default, else the deployment's scheduled one. */
  private async backupTargetFor(deploymentId: string, policyNativeId?: string): Promise<string> {
    const catalog = new PdsCatalog(this.client);
    if (policyNativeId) {
      const fromPolicy = (await catalog.attachments()).targetsOfPolicy.get(policyNativeId)?.[0];
      if (fromPolicy) return fromPolicy;
    }
    if (this.config.defaultBackupTargetId) return this.config.defaultBackupTargetId;
    const scheduled = (await catalog.activeScheduledBackups()).find((b) => b.deployment_id === deploymentId);
    if (scheduled) return scheduled.backup_target_id;
    throw ValidationFailedError.field('policy', 'PDS needs a backup target: name a policy whose deployments back up somewhere, or set the connection\'s defaultBackupTargetId.');
  }

  async startRestore(request: StartRestoreRequest): Promise<StartedWork> {
    if (request.target.mode !== 'alternate') throw new CapabilityNotSupportedError(PLUGIN_ID, 'restores.original');
    const job = await this.client.backupJob(request.recoveryPointNativeId);
    const location = request.target.location ?? {};
    const source = job.deployment_id ? await this.client.deployment(job.deployment_id).catch(() => undefined) : undefined;
    const restore = await this.client.startRestore(job.id, {
      name: request.target.name ?? restoreName(source?.name ?? 'restore', job.id),
      deployment_target_id: stringOr(location.deploymentTargetId, job.deployment_target_id),
      namespace_id: stringOr(location.namespaceId, job.namespace_id),
    });
    return { jobRef: `${RESTORE_REF}${restore.id}`, jobNativeId: restore.id };
  }

  async getWork({ jobRef }: { jobRef: string }): Promise<WorkState> {
    if (jobRef.startsWith(RESTORE_REF)) return toRestoreWorkState(await this.client.restore(jobRef.slice(RESTORE_REF.length)), this.log);
    if (!jobRef.startsWith(BACKUP_REF)) throw new NotFoundError(`'${jobRef}' is not a reference this plugin issued.`);
    const backupId = jobRef.slice(BACKUP_REF.length);
    const backup = await this.client.backup(backupId);
    return toBackupWorkState(backup, await this.client.backupJobs({ backup_id: backupId }), this.log);
  }

  // --------------------------------------------------------------------------------------- jobs

  async listJobs(request: ListRequest<JobFilter>): Promise<Page<JobRecord>> {
    const { field, direction } = request.orderBy;
    const { type, resourceNativeId } = request.filter;
    if (resourceNativeId !== undefined && !isPdsId(resourceNativeId)) return { items: [] };
    const catalog = new PdsCatalog(this.client);
    const sources: ListSource<JobRecord>[] = [];
    if (type === undefined || type === 'backup') {
      // Streamed: PDS sorts jobs by created_at and by id (the jobs' `name` order), both ways.
      const query = { ...(resourceNativeId && { deployment_id: resourceNativeId }), sort_by: sortBy(field === 'name' ? 'id' : 'created_at', direction) };
      sources.push(vendorStream((page) => this.client.backupJobsPage({ ...query, ...page }), (jobs) => this.backupJobRecords(jobs, catalog)));
    }
    if (type === undefined || type === 'restore') sources.push(wholeList(() => this.restoreRecords(catalog, resourceNativeId)));
    return this.page(request, sources, jobSortValue, (job) => LIST_FILTER_MATCHERS.jobs(job, request.filter));
  }

  async getJob({ nativeId }: GetRequest): Promise<JobRecord> {
    try {
      const [record] = await this.backupJobRecords([await this.client.backupJob(nativeId)], new PdsCatalog(this.client));
      return record;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    return toRestoreJobRecord(await this.client.restore(nativeId), this.log);
  }

  private async backupJobRecords(jobs: PdsBackupJob[], catalog: PdsCatalog): Promise<JobRecord[]> {
    // A job has a policy only when it came from an active scheduled Backup, which the catalog lists whole.
    const active = new Map((await catalog.activeScheduledBackups()).map((b) => [b.id, b]));
    return Promise.all(jobs.map(async (job) => toBackupJobRecord(job, await catalog.policyOfJob(job, active.get(job.backup_id ?? '')), this.log)));
  }

  /**
   * PDS lists no restores: each restored deployment names its restore, so this sub-list is the
   * restores of every deployment (or of the one filtered for), read whole on every page.
   */
  private async restoreRecords(catalog: PdsCatalog, resourceNativeId: string | undefined): Promise<JobRecord[]> {
    const deployments = resourceNativeId ? [...(await catalog.deployments([resourceNativeId])).values()] : await catalog.allDeployments();
    const ids = deployments.map((d) => d.restore_id).filter((id): id is string => Boolean(id));
    const restores = await mapLimit(ids, LOOKUPS_AT_ONCE, (id) => this.client.restore(id).catch((error: unknown) => (error instanceof NotFoundError ? undefined : Promise.reject(error))));
    return restores.filter((restore) => restore !== undefined).map((restore) => toRestoreJobRecord(restore, this.log));
  }

  // ------------------------------------------------------------------------------------- vaults

  async listVaults(request: ListRequest<VaultFilter>): Promise<Page<VaultRecord>> {
    // Streamed in every order: PDS sorts backup targets by name and by created_at, both ways.
    const sort = sortBy(request.orderBy.field === 'name' ? 'name' : 'created_at', request.orderBy.direction);
    const source = vendorStream((page) => this.client.backupTargetsPage({ sort_by: sort, ...page }), async (rows) => rows.map(toVaultRecord));
    return this.page(request, [source], byNameOrCreated, () => true);
  }

  async getVault({ nativeId }: GetRequest): Promise<VaultRecord> {
    return toVaultRecord(await this.client.backupTarget(nativeId));
  }

  // ------------------------------------------------------------------------------------- paging

  /** One page of a list merged from `sources`, in the gateway's order, with the pushed filters applied. */
  private page<T extends { nativeId: string }>(
    request: ListRequest<unknown>,
    sources: ListSource<T>[],
    sortValue: SortValue<T>,
    accept: (item: T) => boolean,
    more: Pick<MergedPageRequest<T>, 'beyond' | 'finish'> = {},
  ): Promise<Page<T>> {
    const { field, direction } = request.orderBy;
    return readMergedPage({
      sources,
      pageSize: request.pageSize,
      cursor: request.cursor,
      direction,
      keyOf: (item) => ({ v: sortValue(item, field), id: item.nativeId }),
      accept,
      ...more,
      log: this.log,
    });
  }
}

/**
 * In `createdAt` order a time window ends the list: descending, at the first item before
 * `createdAfter`; ascending, at the first item at or after `createdBefore`.
 */
function timeWindowEnd<T>(direction: OrderBy['direction'], createdAfter: string | undefined, createdBefore: string | undefined, time: (item: T) => string) {
  const edge = direction === 'desc' ? createdAfter : createdBefore;
  const bound = edge === undefined ? Number.NaN : Date.parse(edge);
  if (Number.isNaN(bound)) return undefined;
  return direction === 'desc' ? (item: T) => Date.parse(time(item)) < bound : (item: T) => Date.parse(time(item)) >= bound;
}

function stringOr(value: unknown, fallback: string | undefined): string {
  return typeof value === 'string' && value !== '' ? value : (fallback ?? '');
}

/** A new deployment's name: a DNS label from the source's name and the job id. */
function restoreName(source: string, jobId: string): string {
  const base = source.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 28).replace(/-+$/, '');
  return `${base}-r-${jobId.slice(0, 8)}`;
}
