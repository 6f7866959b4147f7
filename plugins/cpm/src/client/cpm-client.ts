import { NotFoundError } from '@backbridge/core';
import { connectionHttpOptions, VendorHttpClient, type ConnectionContext, type VendorQuery } from '@backbridge/plugin-sdk';
import type {
  CpmBackupRecord,
  CpmPage,
  CpmPolicy,
  CpmPolicyWrite,
  CpmRecovery,
  CpmSchedule,
  CpmScheduleWrite,
  CpmSnapshotRecord,
  CpmTarget,
  CpmTargetCreate,
  CpmTargetFamily,
  CpmVersion,
} from '../dto/cpm-dto';
import { translateCpmError } from '../error-translator';
import { CpmAuth } from './cpm-auth';

/** The API version this plugin speaks, sent as the Accept media-type parameter (§1.6). */
export const CPM_API_VERSION = '1.4.0';
const ACCEPT = `application/json; version=${CPM_API_VERSION}`;
const PLUGIN_ID = 'cpm';

export interface CpmClientOptions {
  /** Items per page when walking a list; default 100. */
  pageSize?: number;
  retry?: { maxAttempts?: number; initialDelayMs?: number; maxDelayMs?: number };
}

const id = (value: number | string) => encodeURIComponent(String(value));

/** The CPM endpoints the plugin uses, on the SDK's VendorHttpClient (retries, circuit breaker, error table). */
export class CpmClient {
  private readonly http: VendorHttpClient;
  private readonly pageSize: number;

  constructor(connection: ConnectionContext, apiKey: string, options: CpmClientOptions = {}) {
    // The base URL is the server; every path starts with api/ and ends with a slash.
    const base = { ...connectionHttpOptions(connection), baseURL: connection.endpoint.replace(/\/*$/, '/') };
    const shared = { ...base, plugin: PLUGIN_ID, headers: { Accept: ACCEPT }, translateError: translateCpmError, retry: options.retry, redactKeys: ['access', 'refresh'] };
    const tokenClient = new VendorHttpClient(shared);
    this.http = new VendorHttpClient({ ...shared, auth: new CpmAuth(tokenClient, apiKey) });
    this.pageSize = options.pageSize ?? 100;
  }

  async version(): Promise<CpmVersion> {
    return (await this.http.get<CpmVersion>('api/system/version/', { operation: 'version' })).data;
  }

  /**
   * Every item of a list. Always sends page and page_size (without them CPM answers one bare array
   * of everything); follows `next` until it is null, and accepts a bare array from a server that ignores paging.
   */
  async listAll<T>(path: string, query: VendorQuery = {}, operation = 'list'): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; ; page++) {
      const { data } = await this.http.get<CpmPage<T> | T[]>(path, { query: { ...query, page, page_size: this.pageSize }, operation });
      if (Array.isArray(data)) return [...items, ...data];
      items.push(...(data?.results ?? []));
      if (!data?.next || (data.results ?? []).length === 0) return items;
    }
  }

  /**
   * One page of a list (§1.7). A page past the end is 404 "Invalid page." in CPM (the list shrank
   * under a walk): read as an empty last page. A server that ignores paging answers everything on page 1.
   */
  async listPage<T>(path: string, query: VendorQuery, page: number, pageSize: number, operation: string): Promise<{ items: T[]; more: boolean }> {
    try {
      const { data } = await this.http.get<CpmPage<T> | T[]>(path, { query: { ...query, page, page_size: pageSize }, operation });
      if (Array.isArray(data)) return { items: page === 1 ? data : [], more: false };
      return { items: data?.results ?? [], more: Boolean(data?.next) };
    } catch (error) {
      if (error instanceof NotFoundError && page > 1) return { items: [], more: false };
      throw error;
    }
  }

  listPolicies(): Promise<CpmPolicy[]> {
    return this.listAll<CpmPolicy>('api/policies/', {}, 'listPolicies');
  }

  async getPolicy(policyId: string | number): Promise<CpmPolicy> {
    return (await this.http.get<CpmPolicy>(`api/policies/${id(policyId)}/`, { operation: 'getPolicy' })).data;
  }

  async createPolicy(body: CpmPolicyWrite): Promise<CpmPolicy> {
    return (await this.http.post<CpmPolicy>('api/policies/', body, { operation: 'createPolicy' })).data;
  }

  async updatePolicy(policyId: string | number, body: CpmPolicyWrite): Promise<CpmPolicy> {
    return (await this.http.put<CpmPolicy>(`api/policies/${id(policyId)}/`, body, { operation: 'updatePolicy' })).data;
  }

  async deletePolicy(policyId: string | number): Promise<void> {
    await this.http.delete(`api/policies/${id(policyId)}/`, { operation: 'deletePolicy' });
  }

  /** "Backup ASAP" of every target of the policy: 202 with only a tracker id (§13.6). */
  async backupNow(policyId: string | number): Promise<{ tracker_id?: number }> {
    return (await this.http.post<{ tracker_id?: number }>(`api/policies/${id(policyId)}/backups/`, undefined, { operation: 'backupNow' })).data;
  }

  listTargets(policyId: string | number, family: CpmTargetFamily): Promise<CpmTarget[]> {
    return this.listAll<CpmTarget>(`api/policies/${id(policyId)}/targets/${family}/`, {}, `listTargets.${family}`);
  }

  async addTarget(policyId: string | number, family: CpmTargetFamily, body: CpmTargetCreate): Promise<CpmTarget> {
    return (await this.http.post<CpmTarget>(`api/policies/${id(policyId)}/targets/${family}/`, body, { operation: `addTarget.${family}` })).data;
  }

  async removeTarget(policyId: string | number, family: CpmTargetFamily, targetId: number): Promise<void> {
    await this.http.delete(`api/policies/${id(policyId)}/targets/${family}/${id(targetId)}/`, { operation: `removeTarget.${family}` });
  }

  async getSchedule(scheduleId: number): Promise<CpmSchedule> {
    return (await this.http.get<CpmSchedule>(`api/schedules/${id(scheduleId)}/`, { operation: 'getSchedule' })).data;
  }

  async createSchedule(body: CpmScheduleWrite): Promise<CpmSchedule> {
    return (await this.http.post<CpmSchedule>('api/schedules/', body, { operation: 'createSchedule' })).data;
  }

  async deleteSchedule(scheduleId: number): Promise<void> {
    await this.http.delete(`api/schedules/${id(scheduleId)}/`, { operation: 'deleteSchedule' });
  }

  listBackups(query: VendorQuery = {}): Promise<CpmBackupRecord[]> {
    return this.listAll<CpmBackupRecord>('api/backups/', query, 'listBackups');
  }

  /**
   * The newest backup record of a policy with the given status, from one page of one record
   * (CPM sorts by `-start_time` and filters by `status` itself, §7.1).
   */
  async latestBackup(policyId: string | number, status: string): Promise<CpmBackupRecord | undefined> {
    const query = { policy: String(policyId), status, ordering: '-start_time', page: 1, page_size: 1 };
    const { data } = await this.http.get<CpmPage<CpmBackupRecord> | CpmBackupRecord[]>('api/backups/', { query, operation: 'latestBackup' });
    return Array.isArray(data) ? data[0] : data?.results?.[0];
  }

  async getTarget(policyId: string | number, family: CpmTargetFamily, targetId: string | number): Promise<CpmTarget> {
    return (await this.http.get<CpmTarget>(`api/policies/${id(policyId)}/targets/${family}/${id(targetId)}/`, { operation: `getTarget.${family}` })).data;
  }

  async getBackup(backupId: string | number): Promise<CpmBackupRecord> {
    return (await this.http.get<CpmBackupRecord>(`api/backups/${id(backupId)}/`, { operation: 'getBackup' })).data;
  }

  listSnapshotRecords(backupId: string | number, family: CpmTargetFamily, query: VendorQuery = {}): Promise<CpmSnapshotRecord[]> {
    return this.listAll<CpmSnapshotRecord>(`api/backups/${id(backupId)}/snapshots/${family}/`, query, `listSnapshots.${family}`);
  }

  async getSnapshotRecord(backupId: string | number, family: CpmTargetFamily, recordId: string | number): Promise<CpmSnapshotRecord> {
    return (await this.http.get<CpmSnapshotRecord>(`api/backups/${id(backupId)}/snapshots/${family}/${id(recordId)}/`, { operation: `getSnapshot.${family}` })).data;
  }

  /** 202 with the new recovery record (§7.27, §7.31, §7.40, §7.51, §7.55, §7.59, §7.63). */
  async recover(backupId: string | number, family: CpmTargetFamily, recordId: string | number, body: Record<string, unknown>): Promise<CpmRecovery> {
    const path = `api/backups/${id(backupId)}/snapshots/${family}/${id(recordId)}/recover/`;
    return (await this.http.post<CpmRecovery>(path, body, { operation: `recover.${family}` })).data;
  }

  listRecoveries(query: VendorQuery = {}): Promise<CpmRecovery[]> {
    return this.listAll<CpmRecovery>('api/recoveries/', query, 'listRecoveries');
  }

  async getRecovery(recoveryId: string | number): Promise<CpmRecovery> {
    return (await this.http.get<CpmRecovery>(`api/recoveries/${id(recoveryId)}/`, { operation: 'getRecovery' })).data;
  }
}
