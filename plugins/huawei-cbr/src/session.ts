import { NotFoundError, type JobRecord, type PolicyRecord, type RecoveryPointRecord, type ResourceRecord, type VaultRecord } from '@backbridge/core';
import type {
  GetRequest,
  JobFilter,
  ListRequest,
  Page,
  PolicyFilter,
  ProviderSession,
  RecoveryPointFilter,
  ResourceFilter,
  VaultFilter,
} from '@backbridge/plugin-sdk';
import type { CbrClient } from './client/cbr-client';
import type { CbrPolicy } from './dto/policy.dto';
import type { CbrVault } from './dto/vault.dto';
import { toCbrQueryTime } from './mappers/cbr-time';
import { toJobRecord } from './mappers/job.mapper';
import type { MapContext } from './mappers/map-context';
import { associatedVaultIds, toPolicyRecord } from './mappers/policy.mapper';
import { toRecoveryPointRecord, type RecoveryPointContext } from './mappers/recovery-point.mapper';
import { toResourceRecord } from './mappers/resource.mapper';
import { toVaultRecord } from './mappers/vault.mapper';
import { offsetOf, pageOfSorted, sortRecords } from './paging';
import type { PolicyWriter } from './policy-writer';
import { cbrBackupStatusesOf, cbrOperationTypesOf, cbrResourceTypeOf, cbrTaskStatusesOf } from './status-maps';
import type { WorkTracker } from './work-tracker';

const OBJECT_TYPE = { 'OS::Nova::Server': 'server', 'OS::Cinder::Volume': 'disk', 'OS::Sfs::Turbo': 'turbo' } as const;

/**
 * One connection to CBR. Lists CBR cannot sort the gateway's way (vaults, policies, tasks, resources)
 * are read whole and sorted here; backups by creation time are sorted and paged by CBR itself.
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
    const cbrType = req.filter.type && cbrResourceTypeOf(req.filter.type);
    const [vaults, policies] = await Promise.all([
      this.cbr.allVaults({ ...(cbrType && { object_type: OBJECT_TYPE[cbrType] }), ...(req.filter.policyNativeId && { policy_id: req.filter.policyNativeId }) }),
      this.backupPolicies(),
    ]);
    const records = vaults.flatMap((vault) => vault.resources.map((r) => toResourceRecord(r, vault, policiesOfVault(policies, vault.id), this.ctx)));
    return pageOfSorted(sortRecords(records, req.orderBy, (r) => (req.orderBy.field === 'name' ? r.name : (r.createdAt ?? ''))), req);
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

  async listPolicies(req: ListRequest<PolicyFilter>): Promise<Page<PolicyRecord>> {
    const [policies, vaults] = await Promise.all([this.backupPolicies(), this.cbr.allVaults()]);
    const byId = new Map(vaults.map((v) => [v.id, v]));
    const records = policies.map((p) => toPolicyRecord(p, byId));
    return pageOfSorted(sortRecords(records, req.orderBy, (p) => (req.orderBy.field === 'name' ? p.name : (p.createdAt ?? ''))), req);
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

  async listRecoveryPoints(req: ListRequest<RecoveryPointFilter>): Promise<Page<RecoveryPointRecord>> {
    const f = req.filter;
    const query = {
      ...(f.resourceNativeId && { resource_id: f.resourceNativeId }),
      ...(f.status && { status: cbrBackupStatusesOf(f.status) }),
      ...(f.createdAfter && { start_time: toCbrQueryTime(f.createdAfter) }),
      ...(f.createdBefore && { end_time: toCbrQueryTime(f.createdBefore) }),
    };
    const ctx = await this.recoveryPointContext();
    if (req.orderBy.field === 'createdAt') {
      // CBR sorts by creation time itself; the cursor is its offset.
      const offset = offsetOf(req);
      const page = await this.cbr.listBackups({ ...query, sort: `created_at:${req.orderBy.direction},id:asc`, offset, limit: req.pageSize });
      const items = page.backups.filter((b) => !b.parent_id).map((b) => toRecoveryPointRecord(b, ctx));
      const next = offset + page.backups.length;
      return page.backups.length > 0 && next < page.count ? { items, cursor: String(next) } : { items };
    }
    // CBR cannot sort by resource name: read all, sort here.
    const backups = (await this.cbr.allBackups(query)).filter((b) => !b.parent_id);
    const records = backups.map((b) => toRecoveryPointRecord(b, ctx));
    return pageOfSorted(sortRecords(records, req.orderBy, (r) => r.resourceName ?? r.nativeId), req);
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

  async listJobs(req: ListRequest<JobFilter>): Promise<Page<JobRecord>> {
    const f = req.filter;
    const types = f.type ? cbrOperationTypesOf(f.type) : [];
    const statuses = f.status ? cbrTaskStatusesOf(f.status) : [];
    const logs = await this.cbr.allOperationLogs({
      // The task list takes one value per filter: push down only what maps to exactly one.
      ...(types.length === 1 && { operation_type: types[0] }),
      ...(statuses.length === 1 && { status: statuses[0] }),
      ...(f.resourceNativeId && { resource_id: f.resourceNativeId }),
      ...(f.startedAfter && { start_time: toCbrQueryTime(f.startedAfter) }),
    });
    const records = logs.map((log) => toJobRecord(log, this.ctx));
    return pageOfSorted(sortRecords(records, req.orderBy, (j) => (req.orderBy.field === 'name' ? j.nativeId : (j.createdAt ?? j.startedAt ?? ''))), req);
  }

  async getJob({ nativeId }: GetRequest): Promise<JobRecord> {
    return toJobRecord(await this.cbr.getOperationLog(nativeId), this.ctx);
  }

  // ------------------------------------------------------------------ vaults

  async listVaults(req: ListRequest<VaultFilter>): Promise<Page<VaultRecord>> {
    const records = (await this.cbr.allVaults()).map((v: CbrVault) => toVaultRecord(v, this.ctx));
    return pageOfSorted(sortRecords(records, req.orderBy, (v) => (req.orderBy.field === 'name' ? v.name : (v.createdAt ?? ''))), req);
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

function policiesOfVault(policies: CbrPolicy[], vaultId: string): string[] {
  return policies.filter((p) => associatedVaultIds(p).includes(vaultId)).map((p) => p.id);
}
