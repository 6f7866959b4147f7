import { connectionHttpOptions, VendorHttpClient, type ConnectionContext, type VendorQuery } from '@backbridge/plugin-sdk';
import type {
  IbmCreateRunResponse,
  IbmObject,
  IbmObjectSnapshot,
  IbmObjectSnapshotsResponse,
  IbmPoliciesResponse,
  IbmPolicy,
  IbmProtectionGroup,
  IbmProtectionGroupsResponse,
  IbmRecoveriesResponse,
  IbmRecovery,
  IbmRegistration,
  IbmRegistrationsResponse,
  IbmRun,
  IbmRunsResponse,
  IbmSearchObjectsResponse,
  IbmUpdateRunsResponse,
} from '../dto/ibm.dto';
import { translateIbmError } from '../error-translator';
import { cancelRunRequest, createRunRequest, deleteRunSnapshotsRequest } from '../mappers/run-request.mapper';
import { IamApiKeyAuth } from './iam-auth';
import { parseIbmJson, stringifyIbmJson } from './lossless-json';

export const PLUGIN_ID = 'ibm-backup-recovery';
const OBJECTS_PAGE = 100;
const RUNS_PAGE = 100;
/** Runs before this are not asked for: the service otherwise answers only the last hour. */
export const EPOCH_START_USECS = 1;

export interface IbmConnection {
  endpoint: string;
  tenantId: string;
  apiKey: string;
  iamUrl?: string;
  /** Page sizes asked of the service (tests make them small to walk several pages). */
  objectsPageSize?: number;
  runsPageSize?: number;
}

/** Query of `GET …/protection-groups/{id}/runs` (IBM's names). */
export interface IbmRunsQuery {
  runId?: string;
  startTimeUsecs?: number;
  endTimeUsecs?: number;
  numRuns?: number;
  includeObjectDetails?: boolean;
  excludeNonRestorableRuns?: boolean;
  localBackupRunStatus?: string[];
}

/** Group and policy ids carry colons, which the service expects unescaped in the path. */
const pathId = (id: string) => encodeURIComponent(id).replaceAll('%3A', ':');

/** The tenant header value always ends in '/'. */
export const tenantHeader = (tenantId: string) => (tenantId.endsWith('/') ? tenantId : `${tenantId}/`);

/** The data-protect API of one IBM Backup and Recovery instance and tenant. */
export class IbmClient {
  readonly http: VendorHttpClient;
  private readonly objectsPageSize: number;
  private readonly runsPageSize: number;

  constructor(connection: ConnectionContext, settings: IbmConnection) {
    this.objectsPageSize = settings.objectsPageSize ?? OBJECTS_PAGE;
    this.runsPageSize = settings.runsPageSize ?? RUNS_PAGE;
    this.http = new VendorHttpClient({
      ...connectionHttpOptions(connection),
      baseURL: settings.endpoint,
      plugin: PLUGIN_ID,
      auth: new IamApiKeyAuth(settings.apiKey, settings.iamUrl),
      headers: { 'X-IBM-Tenant-Id': tenantHeader(settings.tenantId) },
      translateError: translateIbmError,
      arrayFormat: 'comma',
      parseJson: parseIbmJson,
      stringifyJson: stringifyIbmJson,
      redactKeys: ['apikey'],
    });
  }

  async listRegistrations(): Promise<IbmRegistration[]> {
    const { data } = await this.http.get<IbmRegistrationsResponse>('/data-protect/sources/registrations', { operation: 'getSourceRegistrations' });
    return data?.registrations ?? [];
  }

  /** Every object matching `query`, following the pagination cookie to the end. */
  async searchObjects(query: VendorQuery = {}): Promise<IbmObject[]> {
    const objects: IbmObject[] = [];
    let cookie: string | undefined;
    for (let page = 0; page < 10_000; page += 1) {
      const { data } = await this.http.get<IbmSearchObjectsResponse>('/data-protect/search/objects', {
        query: { ...query, count: this.objectsPageSize, paginationCookie: cookie },
        operation: 'searchObjects',
      });
      objects.push(...(data?.objects ?? []));
      cookie = data?.paginationCookie || undefined;
      if (!cookie || (data?.objects ?? []).length === 0) break;
    }
    return objects;
  }

  async getObject(objectId: string): Promise<IbmObject | undefined> {
    if (!/^\d+$/.test(objectId)) return undefined;
    const [object] = await this.searchObjects({ objectIds: [objectId] });
    return object;
  }

  async objectSnapshots(objectId: string, query: VendorQuery = {}): Promise<IbmObjectSnapshot[]> {
    const { data } = await this.http.get<IbmObjectSnapshotsResponse>(`/data-protect/objects/${pathId(objectId)}/snapshots`, { query, operation: 'getObjectSnapshots' });
    return data?.snapshots ?? [];
  }

  async listPolicies(query: VendorQuery = {}): Promise<IbmPolicy[]> {
    const { data } = await this.http.get<IbmPoliciesResponse>('/data-protect/policies', { query, operation: 'getProtectionPolicies' });
    return data?.policies ?? [];
  }

  async getPolicy(id: string): Promise<IbmPolicy> {
    return (await this.http.get<IbmPolicy>(`/data-protect/policies/${pathId(id)}`, { operation: 'getProtectionPolicyById' })).data;
  }

  async createPolicy(policy: IbmPolicy): Promise<IbmPolicy> {
    return (await this.http.post<IbmPolicy>('/data-protect/policies', policy, { operation: 'createProtectionPolicy' })).data;
  }

  async replacePolicy(id: string, policy: IbmPolicy): Promise<IbmPolicy> {
    return (await this.http.put<IbmPolicy>(`/data-protect/policies/${pathId(id)}`, policy, { operation: 'updateProtectionPolicy' })).data;
  }

  async deletePolicy(id: string): Promise<void> {
    await this.http.delete(`/data-protect/policies/${pathId(id)}`, { operation: 'deleteProtectionPolicy' });
  }

  async listGroups(query: VendorQuery = {}): Promise<IbmProtectionGroup[]> {
    const { data } = await this.http.get<IbmProtectionGroupsResponse>('/data-protect/protection-groups', { query, operation: 'getProtectionGroups' });
    return data?.protectionGroups ?? [];
  }

  async getGroup(id: string): Promise<IbmProtectionGroup> {
    return (await this.http.get<IbmProtectionGroup>(`/data-protect/protection-groups/${pathId(id)}`, { operation: 'getProtectionGroupById' })).data;
  }

  async createGroup(group: IbmProtectionGroup): Promise<IbmProtectionGroup> {
    return (await this.http.post<IbmProtectionGroup>('/data-protect/protection-groups', group, { operation: 'createProtectionGroup' })).data;
  }

  async replaceGroup(id: string, group: IbmProtectionGroup): Promise<IbmProtectionGroup> {
    return (await this.http.put<IbmProtectionGroup>(`/data-protect/protection-groups/${pathId(id)}`, group, { operation: 'updateProtectionGroup' })).data;
  }

  async deleteGroup(id: string, deleteSnapshots: boolean): Promise<void> {
    await this.http.delete(`/data-protect/protection-groups/${pathId(id)}`, { query: { deleteSnapshots }, operation: 'deleteProtectionGroup' });
  }

  /**
   * Runs of a group started at or after `startTimeUsecs`, newest first. The service caps a
   * response at `numRuns`; older pages are asked for with `endTimeUsecs` just before the oldest run seen.
   */
  async listRuns(groupId: string, options: { startTimeUsecs?: number; includeObjectDetails?: boolean; runId?: string } = {}): Promise<IbmRun[]> {
    const runs: IbmRun[] = [];
    const startTimeUsecs = options.startTimeUsecs ?? EPOCH_START_USECS;
    let endTimeUsecs: number | undefined;
    for (let page = 0; page < 10_000; page += 1) {
      const batch = await this.runsPage(groupId, { runId: options.runId, startTimeUsecs, endTimeUsecs, numRuns: this.runsPageSize, includeObjectDetails: options.includeObjectDetails });
      runs.push(...batch);
      const oldest = batch.at(-1)?.localBackupInfo?.startTimeUsecs;
      if (options.runId !== undefined || batch.length < this.runsPageSize || oldest === undefined) break;
      endTimeUsecs = oldest - 1;
    }
    return runs;
  }

  /** One page of a group's runs, newest first: at most `numRuns` started from `startTimeUsecs` to `endTimeUsecs` (inclusive). */
  async runsPage(groupId: string, query: IbmRunsQuery): Promise<IbmRun[]> {
    const { data } = await this.http.get<IbmRunsResponse>(`/data-protect/protection-groups/${pathId(groupId)}/runs`, { query: { ...query }, operation: 'getProtectionGroupRuns' });
    return data?.runs ?? [];
  }

  /** The runs page size the connection asks of the service. */
  get runsPageLimit(): number {
    return this.runsPageSize;
  }

  /** 202 with only the group id: the run itself must be found by listing runs. */
  async createRun(groupId: string, objectIds?: number[]): Promise<IbmCreateRunResponse> {
    return (await this.http.post<IbmCreateRunResponse>(`/data-protect/protection-groups/${pathId(groupId)}/runs`, createRunRequest(objectIds), { operation: 'createProtectionGroupRun' })).data;
  }

  async cancelRun(groupId: string, runId: string, localTaskId?: string): Promise<void> {
    await this.http.post(`/data-protect/protection-groups/${pathId(groupId)}/runs/actions`, cancelRunRequest(runId, localTaskId), { operation: 'performActionOnProtectionGroupRun' });
  }

  /** 207 Multi-Status: the runs it could not update come back in failedRuns. */
  async deleteRunSnapshots(groupId: string, runId: string): Promise<IbmUpdateRunsResponse> {
    return (await this.http.put<IbmUpdateRunsResponse>(`/data-protect/protection-groups/${pathId(groupId)}/runs`, deleteRunSnapshotsRequest(runId), { operation: 'updateProtectionGroupRun' })).data;
  }

  async createRecovery(body: Record<string, unknown>): Promise<IbmRecovery> {
    return (await this.http.post<IbmRecovery>('/data-protect/recoveries', body, { operation: 'createRecovery' })).data;
  }

  async getRecovery(id: string): Promise<IbmRecovery> {
    return (await this.http.get<IbmRecovery>(`/data-protect/recoveries/${pathId(id)}`, { operation: 'getRecoveryById' })).data;
  }

  async listRecoveries(query: VendorQuery = {}): Promise<IbmRecovery[]> {
    const { data } = await this.http.get<IbmRecoveriesResponse>('/data-protect/recoveries', { query, operation: 'getRecoveries' });
    return data?.recoveries ?? [];
  }
}
