import type { VendorHttpClient, VendorQuery } from '@backbridge/plugin-sdk';
import type { CbrBackup, CbrBackupList, CbrBackupRestore, CbrBackupShow } from '../dto/backup.dto';
import type { CbrCheckpointCreateBody, CbrCheckpointShow, CbrCheckpoint } from '../dto/checkpoint.dto';
import type { CbrOperationLog, CbrOperationLogList, CbrOperationLogShow } from '../dto/operation-log.dto';
import type { CbrPolicy, CbrPolicyCreate, CbrPolicyList, CbrPolicyShow, CbrPolicyUpdate } from '../dto/policy.dto';
import type { CbrVault, CbrVaultList, CbrVaultShow } from '../dto/vault.dto';

/** CBR's largest page. */
export const MAX_LIMIT = 1000;

export interface OffsetQuery {
  offset?: number;
  limit?: number;
}

export interface BackupQuery extends OffsetQuery {
  marker?: string;
  /** `created_at:desc,id:asc` */
  sort?: string;
  checkpoint_id?: string;
  resource_id?: string;
  resource_type?: string;
  vault_id?: string;
  /** Repeatable: status=available&status=error. */
  status?: string[];
  start_time?: string;
  end_time?: string;
  parent_id?: string;
}

export interface OperationLogQuery extends OffsetQuery {
  operation_type?: string;
  resource_id?: string;
  status?: string;
  start_time?: string;
  end_time?: string;
  vault_id?: string;
}

export interface VaultQuery extends OffsetQuery {
  resource_ids?: string[];
  object_type?: string;
  policy_id?: string;
}

/** The CBR v3 API of one project, typed in the vendor's words; every call goes through VendorHttpClient. */
export class CbrClient {
  constructor(
    private readonly http: VendorHttpClient,
    readonly projectId: string,
  ) {}

  private path(...segments: string[]): string {
    return `/v3/${encodeURIComponent(this.projectId)}/${segments.map(encodeURIComponent).join('/')}`;
  }

  // ------------------------------------------------------------------ vaults

  async listVaults(query: VaultQuery = {}): Promise<CbrVaultList> {
    const { data } = await this.http.get<CbrVaultList>(this.path('vaults'), { query: query as VendorQuery, operation: 'listVaults' });
    return data;
  }

  /** Every vault, following offset pages until `count` (the total) is reached or a page comes back short. */
  async allVaults(query: Omit<VaultQuery, 'offset' | 'limit'> = {}): Promise<CbrVault[]> {
    return collectOffsetPages((offset) => this.listVaults({ ...query, offset, limit: MAX_LIMIT }).then((page) => ({ items: page.vaults, count: page.count })));
  }

  async getVault(vaultId: string): Promise<CbrVault> {
    const { data } = await this.http.get<CbrVaultShow>(this.path('vaults', vaultId), { operation: 'getVault' });
    return data.vault;
  }

  async associatePolicy(vaultId: string, policyId: string): Promise<void> {
    await this.http.post(this.path('vaults', vaultId, 'associatepolicy'), { policy_id: policyId }, { operation: 'associatePolicy' });
  }

  async dissociatePolicy(vaultId: string, policyId: string): Promise<void> {
    await this.http.post(this.path('vaults', vaultId, 'dissociatepolicy'), { policy_id: policyId }, { operation: 'dissociatePolicy' });
  }

  // ------------------------------------------------------------------ policies (not paged)

  async listPolicies(query: { vault_id?: string; operation_type?: 'backup' | 'replication' } = {}): Promise<CbrPolicy[]> {
    const { data } = await this.http.get<CbrPolicyList>(this.path('policies'), { query, operation: 'listPolicies' });
    return data.policies;
  }

  async getPolicy(policyId: string): Promise<CbrPolicy> {
    const { data } = await this.http.get<CbrPolicyShow>(this.path('policies', policyId), { operation: 'getPolicy' });
    return data.policy;
  }

  async createPolicy(policy: CbrPolicyCreate): Promise<CbrPolicy> {
    const { data } = await this.http.post<CbrPolicyShow>(this.path('policies'), { policy }, { operation: 'createPolicy' });
    return data.policy;
  }

  async updatePolicy(policyId: string, policy: CbrPolicyUpdate): Promise<CbrPolicy> {
    const { data } = await this.http.put<CbrPolicyShow>(this.path('policies', policyId), { policy }, { operation: 'updatePolicy' });
    return data.policy;
  }

  async deletePolicy(policyId: string): Promise<void> {
    await this.http.delete(this.path('policies', policyId), { operation: 'deletePolicy' });
  }

  // ------------------------------------------------------------------ restore points and backups

  async createCheckpoint(body: CbrCheckpointCreateBody): Promise<CbrCheckpoint> {
    const { data } = await this.http.post<CbrCheckpointShow>(this.path('checkpoints'), body, { operation: 'createCheckpoint' });
    return data.checkpoint;
  }

  async getCheckpoint(checkpointId: string): Promise<CbrCheckpoint> {
    const { data } = await this.http.get<CbrCheckpointShow>(this.path('checkpoints', checkpointId), { operation: 'getCheckpoint' });
    return data.checkpoint;
  }

  async listBackups(query: BackupQuery = {}): Promise<CbrBackupList> {
    const { data } = await this.http.get<CbrBackupList>(this.path('backups'), {
      query: query as VendorQuery,
      arrayFormat: 'repeat',
      operation: 'listBackups',
    });
    return data;
  }

  async allBackups(query: Omit<BackupQuery, 'offset' | 'limit' | 'marker'> = {}): Promise<CbrBackup[]> {
    return collectOffsetPages((offset) => this.listBackups({ ...query, offset, limit: MAX_LIMIT }).then((page) => ({ items: page.backups, count: page.count })));
  }

  async getBackup(backupId: string): Promise<CbrBackup> {
    const { data } = await this.http.get<CbrBackupShow>(this.path('backups', backupId), { operation: 'getBackup' });
    return data.backup;
  }

  async deleteBackup(backupId: string): Promise<void> {
    await this.http.delete(this.path('backups', backupId), { operation: 'deleteBackup' });
  }

  /** 202 without a body: the restore is followed through the task log. */
  async restoreBackup(backupId: string, restore: CbrBackupRestore): Promise<void> {
    await this.http.post(this.path('backups', backupId, 'restore'), { restore }, { operation: 'restoreBackup' });
  }

  // ------------------------------------------------------------------ tasks

  async listOperationLogs(query: OperationLogQuery = {}): Promise<CbrOperationLogList> {
    const { data } = await this.http.get<CbrOperationLogList>(this.path('operation-logs'), { query: query as VendorQuery, operation: 'listOperationLogs' });
    return data;
  }

  async allOperationLogs(query: Omit<OperationLogQuery, 'offset' | 'limit'> = {}): Promise<CbrOperationLog[]> {
    return collectOffsetPages((offset) =>
      this.listOperationLogs({ ...query, offset, limit: MAX_LIMIT }).then((page) => ({ items: page.operation_logs, count: page.count })),
    );
  }

  async getOperationLog(id: string): Promise<CbrOperationLog> {
    const { data } = await this.http.get<CbrOperationLogShow>(this.path('operation-logs', id), { operation: 'getOperationLog' });
    return data.operation_log;
  }
}

/** `count` is the total number of matches; stop there, or on a short or empty page (never loop on a vendor that lies). */
export async function collectOffsetPages<T>(fetch: (offset: number) => Promise<{ items: T[]; count: number }>): Promise<T[]> {
  const all: T[] = [];
  for (;;) {
    const { items, count } = await fetch(all.length);
    all.push(...(items ?? []));
    if (!items || items.length < MAX_LIMIT || all.length >= count) return all;
  }
}
