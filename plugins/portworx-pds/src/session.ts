import {
  CapabilityNotSupportedError,
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
import type { JobRecord, PolicyRecord, PolicySpec, RecoveryPointRecord, ResourceRecord, VaultRecord } from '@backbridge/core';
import { PdsCatalog } from './catalog';
import { PdsClient, PLUGIN_ID } from './client/pds-client';
import type { PdsBackupJob } from './dto/backup-job.dto';
import type { PdsBackupPolicy } from './dto/backup-policy.dto';
import { toBackupJobRecord, toBackupWorkState, toRestoreJobRecord, toRestoreWorkState } from './mappers/job.mapper';
import { toPolicyRecord, toPolicyRequest } from './mappers/policy.mapper';
import { toRecoveryPointRecord } from './mappers/recovery-point.mapper';
import { toResourceRecord } from './mappers/resource.mapper';
import { toVaultRecord } from './mappers/vault.mapper';
import { byNameOrCreated, pageSorted } from './paging';

interface PdsConfig {
  tenantId: string;
  projectId: string;
  defaultBackupTargetId?: string;
}

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
    // No name push-down: PDS matches names exactly, the gateway's name filter is looser.
    const catalog = new PdsCatalog(this.client);
    const records = await this.resourceRecords(await catalog.deployments(), catalog, await catalog.backupJobs());
    return pageSorted(records, request, byNameOrCreated);
  }

  async getResource({ nativeId }: GetRequest): Promise<ResourceRecord> {
    const deployment = await this.client.deployment(nativeId);
    const catalog = new PdsCatalog(this.client);
    const [record] = await this.resourceRecords([deployment], catalog, await this.client.backupJobs({ deployment_id: deployment.id }));
    return record;
  }

  private async resourceRecords(deployments: Awaited<ReturnType<PdsClient['deployments']>>, catalog: PdsCatalog, jobs: PdsBackupJob[]): Promise<ResourceRecord[]> {
    const [services, attachments] = await Promise.all([catalog.dataServices(), catalog.attachments()]);
    const lastBackup = new Map<string, string>();
    for (const job of jobs) {
      if (job.completion_status !== 'Succeeded' || !job.deployment_id || !job.completion_time) continue;
      const seen = lastBackup.get(job.deployment_id);
      if (!seen || Date.parse(seen) < Date.parse(job.completion_time)) lastBackup.set(job.deployment_id, job.completion_time);
    }
    return deployments.map((d) =>
      toResourceRecord(d, {
        dataService: d.data_service_id ? services.get(d.data_service_id) : undefined,
        policyNativeIds: attachments.policiesOfDeployment.get(d.id) ?? [],
        lastBackupAt: lastBackup.get(d.id),
      }),
    );
  }

  // ----------------------------------------------------------------------------------- policies

  async listPolicies(request: ListRequest<PolicyFilter>): Promise<Page<PolicyRecord>> {
    const catalog = new PdsCatalog(this.client);
    const records = await Promise.all((await catalog.policies()).map((p) => this.policyRecord(p, catalog)));
    return pageSorted(records, request, byNameOrCreated);
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
    const catalog = new PdsCatalog(this.client);
    const { resourceNativeId } = request.filter;
    const jobs = resourceNativeId ? await this.client.backupJobs({ deployment_id: resourceNativeId }) : await catalog.backupJobs();
    const records = await Promise.all(jobs.map((job) => this.recoveryPointRecord(job, catalog)));
    return pageSorted(records, request, (r, field) => (field === 'name' ? (r.resourceName ?? r.nativeId) : r.createdAt));
  }

  async getRecoveryPoint({ nativeId }: GetRequest): Promise<RecoveryPointRecord> {
    return this.recoveryPointRecord(await this.client.backupJob(nativeId), new PdsCatalog(this.client));
  }

  async deleteRecoveryPoint({ nativeId }: GetRequest): Promise<void> {
    await this.client.deleteBackupJob(nativeId);
  }

  private async recoveryPointRecord(job: PdsBackupJob, catalog: PdsCatalog): Promise<RecoveryPointRecord> {
    const [backups, deployments, targets] = await Promise.all([catalog.backups(), catalog.deploymentMap(), catalog.targets()]);
    const backup = job.backup_id ? backups.get(job.backup_id) : undefined;
    const deployment = job.deployment_id ? deployments.get(job.deployment_id) : undefined;
    return toRecoveryPointRecord(
      job,
      {
        backup,
        resourceName: deployment?.name,
        resourceType: deployment ? ((deployment.node_count ?? 1) > 1 ? 'database-cluster' : 'database') : undefined,
        policyNativeId: await catalog.policyOfJob(job),
        region: targets.find((t) => t.id === backup?.backup_target_id)?.region || undefined,
      },
      this.log,
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
    const scheduled = [...(await catalog.backups()).values()].find((b) => b.deployment_id === deploymentId && b.backup_type === 'scheduled');
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
    const catalog = new PdsCatalog(this.client);
    const { type, resourceNativeId } = request.filter;
    const records: JobRecord[] = [];
    if (type === undefined || type === 'backup') {
      const jobs = resourceNativeId ? await this.client.backupJobs({ deployment_id: resourceNativeId }) : await catalog.backupJobs();
      for (const job of jobs) records.push(toBackupJobRecord(job, await catalog.policyOfJob(job), this.log));
    }
    if (type === undefined || type === 'restore') {
      // PDS lists no restores: each restored deployment names its restore.
      const restoreIds = (await catalog.deployments()).map((d) => d.restore_id).filter((id): id is string => Boolean(id));
      const restores = await Promise.all(restoreIds.map((id) => this.client.restore(id).catch((error: unknown) => (error instanceof NotFoundError ? undefined : Promise.reject(error)))));
      for (const restore of restores) if (restore) records.push(toRestoreJobRecord(restore, this.log));
    }
    return pageSorted(records, request, (r, field) => (field === 'name' ? r.nativeId : (r.createdAt ?? r.startedAt ?? '')));
  }

  async getJob({ nativeId }: GetRequest): Promise<JobRecord> {
    try {
      const job = await this.client.backupJob(nativeId);
      return toBackupJobRecord(job, await new PdsCatalog(this.client).policyOfJob(job), this.log);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    return toRestoreJobRecord(await this.client.restore(nativeId), this.log);
  }

  // ------------------------------------------------------------------------------------- vaults

  async listVaults(request: ListRequest<VaultFilter>): Promise<Page<VaultRecord>> {
    return pageSorted((await this.client.backupTargets()).map(toVaultRecord), request, byNameOrCreated);
  }

  async getVault({ nativeId }: GetRequest): Promise<VaultRecord> {
    return toVaultRecord(await this.client.backupTarget(nativeId));
  }
}

function stringOr(value: unknown, fallback: string | undefined): string {
  return typeof value === 'string' && value !== '' ? value : (fallback ?? '');
}

/** A new deployment's name: a DNS label from the source's name and the job id. */
function restoreName(source: string, jobId: string): string {
  const base = source.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 28).replace(/-+$/, '');
  return `${base}-r-${jobId.slice(0, 8)}`;
}
