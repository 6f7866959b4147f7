import type {
  JobRecord,
  JobType,
  OrderBy,
  PolicyRecord,
  PolicySpec,
  RecoveryPointRecord,
  RecoveryPointStatus,
  ResourceRecord,
  ResourceType,
  Retention,
  VaultRecord,
  WorkStatus,
} from '@backbridge/core';
import type { JsonSchema } from './connection-schema';

/** One page of a vendor list. `cursor` is absent on the last page. */
export interface Page<T> {
  items: T[];
  cursor?: string;
}

/**
 * A list request. The vendor's own paging hides inside `cursor` (a string the plugin alone reads).
 * Items must come back in `orderBy` order, ties broken by nativeId ascending, so that the gateway
 * can merge connections. `filter` is a hint: the gateway applies every filter again to what
 * comes back, so a plugin may push down any subset of it to the vendor.
 */
export interface ListRequest<F> {
  pageSize: number;
  cursor?: string;
  orderBy: OrderBy;
  filter: F;
}

export interface ResourceFilter {
  type?: ResourceType;
  name?: string;
  protected?: boolean;
  policyNativeId?: string;
}

export interface PolicyFilter {
  name?: string;
  enabled?: boolean;
  resourceNativeId?: string;
}

export interface RecoveryPointFilter {
  resourceNativeId?: string;
  policyNativeId?: string;
  status?: RecoveryPointStatus;
  createdAfter?: string;
  createdBefore?: string;
}

export interface JobFilter {
  type?: JobType;
  status?: WorkStatus;
  resourceNativeId?: string;
  policyNativeId?: string;
  startedAfter?: string;
}

export type VaultFilter = Record<string, never>;

export interface GetRequest {
  nativeId: string;
}

export interface PolicyTranslation {
  /** The vendor payload(s) the plugin would send, for the dry run. */
  translation: unknown;
  warnings: string[];
}

export interface DeletePolicyRequest {
  nativeId: string;
  /** The client confirmed that the vendor may delete the policy's recovery points with it. */
  deleteRecoveryPoints: boolean;
}

export interface StartBackupRequest {
  resourceNativeId: string;
  policyNativeId?: string;
  retention?: Retention;
}

export interface RunPolicyRequest {
  policyNativeId: string;
}

export type RestoreTarget =
  | { mode: 'original' }
  | { mode: 'alternate'; name?: string; location?: Record<string, unknown> };

export interface StartRestoreRequest {
  recoveryPointNativeId: string;
  target: RestoreTarget;
  options: Record<string, unknown>;
}

/**
 * Work the vendor accepted. `jobRef` is the plugin's own durable reference (stored by the gateway
 * and handed back to `getWork`/`cancelWork`, possibly after a restart, on another instance).
 */
export interface StartedWork {
  jobRef: string;
  jobNativeId?: string;
  /** What the client should know at once, e.g. that the vendor runs a whole policy for one resource. */
  statusMessage?: string;
}

export interface WorkProgress {
  percent?: number;
  done?: number;
  total?: number;
  unit?: 'bytes' | 'items';
}

export interface WorkState {
  status: WorkStatus;
  jobNativeId?: string;
  progress?: WorkProgress;
  statusMessage?: string;
  /** Recovery points made (backups) or resources restored (restores), once known. */
  result?: { recoveryPointNativeIds?: string[]; resourceNativeIds?: string[] };
  error?: { code: string; message: string };
}

export interface RestoreOptionsSchema {
  target: JsonSchema;
  options: JsonSchema;
}

export interface ConnectionCheck {
  /** A short human account of what was verified, e.g. the vendor version or account. */
  message: string;
}

/**
 * A plugin bound to one connection. Every method but `check` is optional and paired with a
 * capability flag; a method that is absent must have its flag false.
 */
export interface ProviderSession {
  /** Proves the endpoint answers and the credentials are accepted. */
  check(): Promise<ConnectionCheck>;

  listResources?(req: ListRequest<ResourceFilter>): Promise<Page<ResourceRecord>>;
  getResource?(req: GetRequest): Promise<ResourceRecord>;

  listPolicies?(req: ListRequest<PolicyFilter>): Promise<Page<PolicyRecord>>;
  getPolicy?(req: GetRequest): Promise<PolicyRecord>;
  /** Translates without sending anything; refuses what the vendor cannot express at all. */
  translatePolicy?(spec: PolicySpec): PolicyTranslation;
  createPolicy?(spec: PolicySpec): Promise<PolicyRecord>;
  updatePolicy?(req: { nativeId: string; spec: PolicySpec }): Promise<PolicyRecord>;
  deletePolicy?(req: DeletePolicyRequest): Promise<void>;
  runPolicy?(req: RunPolicyRequest): Promise<StartedWork>;

  listRecoveryPoints?(req: ListRequest<RecoveryPointFilter>): Promise<Page<RecoveryPointRecord>>;
  getRecoveryPoint?(req: GetRequest): Promise<RecoveryPointRecord>;
  deleteRecoveryPoint?(req: GetRequest): Promise<void>;
  restoreOptions?(req: GetRequest): Promise<RestoreOptionsSchema>;

  startBackup?(req: StartBackupRequest): Promise<StartedWork>;
  startRestore?(req: StartRestoreRequest): Promise<StartedWork>;
  getWork?(req: { jobRef: string }): Promise<WorkState>;
  cancelWork?(req: { jobRef: string }): Promise<void>;

  listJobs?(req: ListRequest<JobFilter>): Promise<Page<JobRecord>>;
  getJob?(req: GetRequest): Promise<JobRecord>;

  listVaults?(req: ListRequest<VaultFilter>): Promise<Page<VaultRecord>>;
  getVault?(req: GetRequest): Promise<VaultRecord>;

  /** Releases timers and sockets; called when the connection changes or the gateway stops. */
  close?(): Promise<void>;
}
