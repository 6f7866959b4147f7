import { NotFoundError, type JobRecord, type PolicyRecord, type RecoveryPointRecord, type ResourceRecord, type VaultRecord } from '@backbridge/core';
import {
  LIST_FILTER_MATCHERS,
  type GetRequest,
  type JobFilter,
  type ListRequest,
  type Page,
  type PolicyFilter,
  type ProviderSession,
  type RecoveryPointFilter,
  type ResourceFilter,
  type VaultFilter,
} from '@backbridge/plugin-sdk';
import type { BackupQuery, CbrClient } from './client/cbr-client';
import type { CbrBackup } from './dto/backup.dto';
import type { CbrPolicy } from './dto/policy.dto';
import type { CbrVault } from './dto/vault.dto';
import { cbrLowerBound, cbrUpperBound, narrowerBound } from './mappers/cbr-time';
import { toJobRecord } from './mappers/job.mapper';
import type { MapContext } from './mappers/map-context';
import { associatedVaultIds, toPolicyRecord } from './mappers/policy.mapper';
import { toRecoveryPointRecord, type RecoveryPointContext } from './mappers/recovery-point.mapper';
import { toResourceRecord } from './mappers/resource.mapper';
import { toVaultRecord } from './mappers/vault.mapper';
import { decodeCursor, pageOfSorted } from './paging';
import { streamBackups, type StreamPosition } from './backup-stream';
import type { PolicyWriter } from './policy-writer';
import { cbrBackupStatusesOf, cbrOperationTypesOf, cbrResourceTypeOf, cbrTaskStatusesOf } from './status-maps';
import type { WorkTracker } from './work-tracker';

const OBJECT_TYPE = { 'OS::Nova::Server': 'server', 'OS::Cinder::Volume': 'disk', 'OS::Sfs::Turbo': 'turbo' } as const;

/**
 * One connection to CBR. Lists CBR cannot sort the gateway's way (vaults, policies, tasks, resources,
 * and backups by resource name) are read whole and sorted here; backups by creation time are sorted
 * and paged by CBR itself, one CBR page per page.
 */
export class CbrSession implements ProviderSession {
  constructor(
    private readonly cbr: CbrClient,
    private readonly ctx: MapContext,
    private readonly policies: PolicyWriter,
    private readonly work: WorkTracker,
    private readonly now: () => Date,
  ) {}

  async check() {
    const { count } = await this.cbr.listVaults({ limit: 1 });
    return { message: `CBR project ${this.cbr.projectId} answers; ${count} vault(s).` };
  }

  // ------------------------------------------------------------------ resources

  async listResources(req: ListRequest<ResourceFilter>): Promise<Page<ResourceRecord>> {
    const f = req.filter;
    const cbrType = f.type && cbrResourceTypeOf(f.type);
    if (f.type !== undefined && !cbrType) return { items: [] };
    const [vaults, policies] = await Promise.all([
      this.cbr.allVaults({ ...(cbrType && { object_type: OBJECT_TYPE[cbrType] }), ...(f.policyNativeId && { policy_id: f.policyNativeId }) }),
      this.backupPolicies(),
    ]);
    const records = vaults
      .flatMap((vault) => vault.resources.map((r) => toResourceRecord(r, vault, policiesOfVault(policies, vault.id), this.ctx)))
      .filter((r) => LIST_FILTER_MATCHERS.resources(r, f));
    return pageOfSorted(records, req, (r) => (req.orderBy.field === 'name' ? r.name : (r.createdAt ?? '')));
  }

  async getResource({ nativeId }: GetRequest): Promise<ResourceRecord> {
    const [{ vaults }, policies] = await Promise.all([this.cbr.listVaults({ resource_ids: [nativeId] }), this.backupPolicies()]);
    for (const vault of vaults) {
      const resource = vault.resources.find((r) => r.id === nativeId);
      if (resource) return toResourceRecord(resource, vault, policiesOfVault(policies, vault.id), this.ctx);
    }
    throw new NotFoundError(`CBR has resource ${nativeId} in no vault.`);
  }

  // ------------------------------------------------------------------ policies

  /** CBR does not page policies: the list is read whole (it is small by nature). */
  async listPolicies(req: ListRequest<PolicyFilter>): Promise<Page<PolicyRecord>> {
    const [policies, vaults] = await Promise.all([this.backupPolicies(), this.cbr.allVaults()]);
    const byId = new Map(vaults.map((v) => [v.id, v]));
    const records = policies.map((p) => toPolicyRecord(p, byId)).filter((p) => LIST_FILTER_MATCHERS.policies(p, req.filter));
    return pageOfSorted(records, req, (p) => (req.orderBy.field === 'name' ? p.name : (p.createdAt ?? '')));
  }

  async getPolicy({ nativeId }: GetRequest): Promise<PolicyRecord> {
    const policy = await this.cbr.getPolicy(nativeId);
    const vaults = await Promise.all(associatedVaultIds(policy).map((id) => this.cbr.getVault(id)));
    return toPolicyRecord(policy, new Map(vaults.map((v) => [v.id, v])));
  }

  translatePolicy(spec: Parameters<PolicyWriter['translate']>[0]) {
    return this.policies.translate(spec);
  }

  createPolicy(spec: Parameters<PolicyWriter['create']>[0]) {
    return this.policies.create(spec);
  }

  updatePolicy(req: { nativeId: string; spec: Parameters<PolicyWriter['update']>[1] }) {
    return this.policies.update(req.nativeId, req.spec);
  }

  async deletePolicy(req: { nativeId: string }): Promise<void> {
    await this.policies.delete(req.nativeId);
  }

  // ------------------------------------------------------------------ recovery points

  /**
   * By createdAt (either way) CBR sorts and pages, and each page reads about one CBR page (see
   * streamBackups). By resource name CBR cannot sort (no `resource_name` sort key): the list is
   * read whole and sorted here. Every filter is applied to each item on the way, after the vendor
   * query has narrowed what it can.
   */
  async listRecoveryPoints(req: ListRequest<RecoveryPointFilter>): Promise<Page<RecoveryPointRecord>> {
    const f = req.filter;
    const cursor = decodeCursor(req);
    const statuses = f.status && cbrBackupStatusesOf(f.status === 'expired' ? 'available' : f.status);
    // Nothing CBR holds can have this status: no call.
    if (statuses?.length === 0) return { items: [] };
    // The policies name the policy of automatic backups; they are read beside the first backups,
    // except for a policy filter, which needs them to pick the vault to ask for.
    const context = this.recoveryPointContext();
    let ctx = f.policyNativeId === undefined ? undefined : await context;
    const policyVaults = ctx && [...ctx.policyOfVault].filter(([, policyId]) => policyId === f.policyNativeId).map(([vaultId]) => vaultId);
    if (policyVaults?.length === 0) return { items: [] };
    const query: BackupQuery = {
      ...(f.resourceNativeId && { resource_id: f.resourceNativeId }),
      ...(statuses && { status: statuses }),
      ...(policyVaults?.length === 1 && { vault_id: policyVaults[0] }),
      ...(f.createdAfter && { start_time: cbrLowerBound(f.createdAfter) }),
      ...(f.createdBefore && { end_time: cbrUpperBound(f.createdBefore) }),
    };
    const pick = (backup: CbrBackup): RecoveryPointRecord | undefined => {
      if (backup.parent_id) return undefined;
      const record = toRecoveryPointRecord(backup, ctx!);
      return LIST_FILTER_MATCHERS.recoveryPoints(record, f) ? record : undefined;
    };
    if (req.orderBy.field === 'createdAt') {
      const { direction } = req.orderBy;
      const sort = `created_at:${direction},id:asc`;
      return streamBackups({
        pageSize: req.pageSize,
        direction,
        cursor,
        pick,
        read: async (from: StreamPosition, limit: number) => {
          const [page, resolved] = await Promise.all([this.cbr.listBackups({ ...query, ...positionQuery(query, from, direction), sort, limit }), context]);
          ctx = resolved;
          return page.backups ?? [];
        },
      });
    }
    const [backups, resolved] = await Promise.all([this.cbr.allBackups(query), context]);
    ctx = resolved;
    const records = backups.map(pick).filter((r): r is RecoveryPointRecord => r !== undefined);
    return pageOfSorted(records, req, (r) => r.resourceName ?? r.nativeId);
  }

  async getRecoveryPoint({ nativeId }: GetRequest): Promise<RecoveryPointRecord> {
    const [backup, ctx] = await Promise.all([this.cbr.getBackup(nativeId), this.recoveryPointContext()]);
    return toRecoveryPointRecord(backup, ctx);
  }

  async deleteRecoveryPoint({ nativeId }: GetRequest): Promise<void> {
    await this.cbr.deleteBackup(nativeId);
  }

  restoreOptions({ nativeId }: GetRequest) {
    return this.work.restoreOptions(nativeId);
  }

  // ------------------------------------------------------------------ work

  startBackup(req: Parameters<WorkTracker['startBackup']>[0]) {
    return this.work.startBackup(req);
  }

  startRestore(req: Parameters<WorkTracker['startRestore']>[0]) {
    return this.work.startRestore(req);
  }

  getWork(req: { jobRef: string }) {
    return this.work.getWork(req.jobRef);
  }

  // ------------------------------------------------------------------ jobs

  /**
   * CBR's task list has offset paging but no sort parameter and no documented order: it is read
   * whole and sorted here. Filters that map to one CBR value go into the query; all of them are
   * applied to each task.
   */
  async listJobs(req: ListRequest<JobFilter>): Promise<Page<JobRecord>> {
    const f = req.filter;
    const types = f.type ? cbrOperationTypesOf(f.type) : undefined;
    const statuses = f.status ? cbrTaskStatusesOf(f.status) : undefined;
    if (types?.length === 0 || statuses?.length === 0) return { items: [] };
    const logs = await this.cbr.allOperationLogs({
      // The task list takes one value per filter: push down only what maps to exactly one.
      ...(types?.length === 1 && { operation_type: types[0] }),
      ...(statuses?.length === 1 && { status: statuses[0] }),
      ...(f.resourceNativeId && { resource_id: f.resourceNativeId }),
      ...(f.startedAfter && { start_time: cbrLowerBound(f.startedAfter) }),
    });
    const records = logs.map((log) => toJobRecord(log, this.ctx)).filter((j) => LIST_FILTER_MATCHERS.jobs(j, f));
    return pageOfSorted(records, req, (j) => (req.orderBy.field === 'name' ? j.nativeId : (j.createdAt ?? j.startedAt ?? '')));
  }

  async getJob({ nativeId }: GetRequest): Promise<JobRecord> {
    return toJobRecord(await this.cbr.getOperationLog(nativeId), this.ctx);
  }

  // ------------------------------------------------------------------ vaults

  /** CBR's vault list has no sort parameter: read whole and sorted here. */
  async listVaults(req: ListRequest<VaultFilter>): Promise<Page<VaultRecord>> {
    const records = (await this.cbr.allVaults()).map((v: CbrVault) => toVaultRecord(v, this.ctx));
    return pageOfSorted(records, req, (v) => (req.orderBy.field === 'name' ? v.name : (v.createdAt ?? '')));
  }

  async getVault({ nativeId }: GetRequest): Promise<VaultRecord> {
    return toVaultRecord(await this.cbr.getVault(nativeId), this.ctx);
  }

  // ------------------------------------------------------------------ helpers

  /** Replication policies have no unified meaning; only backup policies are policies here. */
  private backupPolicies(): Promise<CbrPolicy[]> {
    return this.cbr.listPolicies({ operation_type: 'backup' });
  }

  private async recoveryPointContext(): Promise<RecoveryPointContext> {
    const policies = await this.backupPolicies();
    const policyOfVault = new Map(policies.flatMap((p) => associatedVaultIds(p).map((vaultId) => [vaultId, p.id] as const)));
    return { ...this.ctx, policyOfVault, now: this.now() };
  }
}

/** The vendor position of a streamed read: the marker, or the time of the last item passed (narrowing the filter's own bound). */
function positionQuery(query: BackupQuery, from: StreamPosition, direction: 'asc' | 'desc'): BackupQuery {
  if ('marker' in from) return { marker: from.marker };
  if (!('time' in from)) return {};
  return direction === 'desc'
    ? { end_time: narrowerBound(query.end_time, cbrUpperBound(from.time.value), false) }
    : { start_time: narrowerBound(query.start_time, cbrLowerBound(from.time.value), true) };
}

function policiesOfVault(policies: CbrPolicy[], vaultId: string): string[] {
  return policies.filter((p) => associatedVaultIds(p).includes(vaultId)).map((p) => p.id);
}
