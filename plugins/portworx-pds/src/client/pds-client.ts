import { NotFoundError } from '@backbridge/core';
import { connectionHttpOptions, VendorHttpClient, type ConnectionContext, type VendorQuery } from '@backbridge/plugin-sdk';
import type { PdsBackupJob, PdsCreateRestoreRequest, PdsRestore } from '../dto/backup-job.dto';
import type { PdsBackupPolicy, PdsBackupPolicyRequest } from '../dto/backup-policy.dto';
import type { PdsBackup, PdsBackupTarget, PdsCreateDeploymentBackup } from '../dto/backup.dto';
import type { PdsDataService, PdsPaginatedResult, PdsProject, PdsWhoAmI } from '../dto/common.dto';
import type { PdsDeployment, PdsScheduledBackup } from '../dto/deployment.dto';
import { translatePdsError } from '../error-translator';
import { PdsAuth, type PdsCredentials } from './pds-auth';

export const PLUGIN_ID = 'portworx-pds';
/** Rows asked per page when the plugin reads a whole list (`limit` is a string in PDS; 1000 is what PDS's own clients ask). */
const PAGE_LIMIT = '1000';
/** A runaway guard: a list longer than this many pages is cut (and logged). */
const MAX_PAGES = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every PDS id is a UUID: a string that is not cannot name anything. */
export function isPdsId(id: string): boolean {
  return UUID.test(id);
}

/** Path segment: every PDS path id "must be valid UUID"; other strings cannot name anything. */
function segment(id: string, what: string): string {
  if (!UUID.test(id)) throw new NotFoundError(`PDS has no ${what} '${id}': PDS ids are UUIDs.`);
  return encodeURIComponent(id);
}

/** The PDS API (v121) calls this plugin makes, typed in the vendor's own words. */
export class PdsClient {
  private readonly http: VendorHttpClient;

  constructor(
    connection: ConnectionContext,
    private readonly scope: { tenantId: string; projectId: string },
  ) {
    const base = { plugin: PLUGIN_ID, ...connectionHttpOptions(connection), translateError: translatePdsError };
    const tokenClient = new VendorHttpClient({ ...base });
    this.http = new VendorHttpClient({ ...base, auth: new PdsAuth(connection.credentials as PdsCredentials, tokenClient) });
  }

  // ------------------------------------------------------------------------------------------ reads

  async whoAmI(): Promise<PdsWhoAmI> {
    return (await this.http.get<PdsWhoAmI>('/api/whoami', { operation: 'whoAmI' })).data;
  }

  async project(): Promise<PdsProject> {
    return (await this.http.get<PdsProject>(`/api/projects/${segment(this.scope.projectId, 'project')}`, { operation: 'getProject' })).data;
  }

  /** Every page of a paginated list, following `pagination.continuation` until it is null or empty. */
  async listAll<T>(path: string, query: VendorQuery, operation: string): Promise<T[]> {
    const rows: T[] = [];
    let continuation: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { data } = await this.http.get<PdsPaginatedResult<T>>(path, { query: { ...query, limit: PAGE_LIMIT, continuation }, operation });
      rows.push(...(data.data ?? []));
      continuation = data.pagination?.continuation || undefined;
      if (!continuation) return rows;
    }
    return rows;
  }

  /** One page as PDS answers it (for callers that page themselves). */
  async listPage<T>(path: string, query: VendorQuery, operation: string): Promise<PdsPaginatedResult<T>> {
    return (await this.http.get<PdsPaginatedResult<T>>(path, { query, operation })).data;
  }

  private get deploymentsPath(): string {
    return `/api/projects/${segment(this.scope.projectId, 'project')}/deployments`;
  }

  private get policiesPath(): string {
    return `/api/tenants/${segment(this.scope.tenantId, 'tenant')}/backup-policies`;
  }

  private get backupTargetsPath(): string {
    return `/api/tenants/${segment(this.scope.tenantId, 'tenant')}/backup-targets`;
  }

  private get backupJobsPath(): string {
    return `/api/projects/${segment(this.scope.projectId, 'project')}/backup-jobs`;
  }

  deployments(query: VendorQuery = {}): Promise<PdsDeployment[]> {
    return this.listAll(this.deploymentsPath, { sort_by: 'name', ...query }, 'listDeployments');
  }

  deploymentsPage(query: VendorQuery): Promise<PdsPaginatedResult<PdsDeployment>> {
    return this.listPage(this.deploymentsPath, query, 'listDeployments');
  }

  async deployment(id: string): Promise<PdsDeployment> {
    return (await this.http.get<PdsDeployment>(`/api/deployments/${segment(id, 'deployment')}`, { operation: 'getDeployment' })).data;
  }

  dataServices(): Promise<PdsDataService[]> {
    return this.listAll('/api/data-services', {}, 'listDataServices');
  }

  policies(query: VendorQuery = {}): Promise<PdsBackupPolicy[]> {
    return this.listAll(this.policiesPath, { sort_by: 'name', ...query }, 'listBackupPolicies');
  }

  policiesPage(query: VendorQuery): Promise<PdsPaginatedResult<PdsBackupPolicy>> {
    return this.listPage(this.policiesPath, query, 'listBackupPolicies');
  }

  async policy(id: string): Promise<PdsBackupPolicy> {
    return (await this.http.get<PdsBackupPolicy>(`/api/backup-policies/${segment(id, 'backup policy')}`, { operation: 'getBackupPolicy' })).data;
  }

  backupTargets(): Promise<PdsBackupTarget[]> {
    return this.listAll(this.backupTargetsPath, { sort_by: 'name' }, 'listBackupTargets');
  }

  backupTargetsPage(query: VendorQuery): Promise<PdsPaginatedResult<PdsBackupTarget>> {
    return this.listPage(this.backupTargetsPath, query, 'listBackupTargets');
  }

  async backupTarget(id: string): Promise<PdsBackupTarget> {
    return (await this.http.get<PdsBackupTarget>(`/api/backup-targets/${segment(id, 'backup target')}`, { operation: 'getBackupTarget' })).data;
  }

  /** The Backups of one target; `query` filters them (`backup_type`, `suspend`, ...). */
  backupsOfTarget(targetId: string, query: VendorQuery = {}): Promise<PdsBackup[]> {
    return this.listAll(`/api/backup-targets/${segment(targetId, 'backup target')}/backups`, query, 'listBackupTargetBackups');
  }

  async backup(id: string): Promise<PdsBackup> {
    return (await this.http.get<PdsBackup>(`/api/backups/${segment(id, 'backup')}`, { operation: 'getBackup' })).data;
  }

  backupJobs(query: VendorQuery = {}): Promise<PdsBackupJob[]> {
    return this.listAll(this.backupJobsPath, { sort_by: 'created_at', ...query }, 'listBackupJobs');
  }

  backupJobsPage(query: VendorQuery): Promise<PdsPaginatedResult<PdsBackupJob>> {
    return this.listPage(this.backupJobsPath, query, 'listBackupJobs');
  }

  async backupJob(id: string): Promise<PdsBackupJob> {
    return (await this.http.get<PdsBackupJob>(`/api/backup-jobs/${segment(id, 'backup job')}`, { operation: 'getBackupJob' })).data;
  }

  async restore(id: string): Promise<PdsRestore> {
    return (await this.http.get<PdsRestore>(`/api/restores/${segment(id, 'restore')}`, { operation: 'getRestore' })).data;
  }

  // ----------------------------------------------------------------------------------------- writes
  // Never with `Local-Only: true`: that would change only the control plane's database.

  async createPolicy(body: PdsBackupPolicyRequest): Promise<PdsBackupPolicy> {
    return (await this.http.post<PdsBackupPolicy>(this.policiesPath, body, { operation: 'createBackupPolicy' })).data;
  }

  async updatePolicy(id: string, body: PdsBackupPolicyRequest): Promise<PdsBackupPolicy> {
    return (await this.http.put<PdsBackupPolicy>(`/api/backup-policies/${segment(id, 'backup policy')}`, body, { operation: 'updateBackupPolicy' })).data;
  }

  async deletePolicy(id: string): Promise<void> {
    await this.http.delete(`/api/backup-policies/${segment(id, 'backup policy')}`, { operation: 'deleteBackupPolicy' });
  }

  /** Attaches a policy to a deployment (or detaches, both null): the only way PDS binds them. */
  async setScheduledBackup(deploymentId: string, scheduledBackup: PdsScheduledBackup): Promise<PdsDeployment> {
    const path = `/api/deployments/${segment(deploymentId, 'deployment')}`;
    return (await this.http.put<PdsDeployment>(path, { scheduled_backup: scheduledBackup }, { operation: 'updateDeployment' })).data;
  }

  async createBackup(deploymentId: string, body: PdsCreateDeploymentBackup): Promise<PdsBackup> {
    const path = `/api/deployments/${segment(deploymentId, 'deployment')}/backups`;
    return (await this.http.post<PdsBackup>(path, body, { operation: 'createBackup' })).data;
  }

  async deleteBackupJob(id: string): Promise<void> {
    await this.http.delete(`/api/backup-jobs/${segment(id, 'backup job')}`, { operation: 'deleteBackupJob' });
  }

  async startRestore(backupJobId: string, body: PdsCreateRestoreRequest): Promise<PdsRestore> {
    const path = `/api/backup-jobs/${segment(backupJobId, 'backup job')}/restore`;
    return (await this.http.post<PdsRestore>(path, body, { operation: 'startRestore' })).data;
  }
}
