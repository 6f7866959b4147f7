/** Vocabulary shared by every unified object. Vendor words never appear here. */

export const RESOURCE_TYPES = [
  'vm',
  'volume',
  'database',
  'database-cluster',
  'file-system',
  'object-store',
  'kubernetes-app',
  'application',
  'other',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export const RECOVERY_POINT_STATUSES = [
  'creating',
  'available',
  'partially_available',
  'failed',
  'deleting',
  'expired',
] as const;
export type RecoveryPointStatus = (typeof RECOVERY_POINT_STATUSES)[number];

export const RECOVERY_POINT_KINDS = ['snapshot', 'full', 'incremental', 'replica', 'copy'] as const;
export type RecoveryPointKind = (typeof RECOVERY_POINT_KINDS)[number];

export const WORK_STATUSES = [
  'pending',
  'running',
  'succeeded',
  'partially_succeeded',
  'failed',
  'cancelling',
  'cancelled',
] as const;
/** Status of jobs and operations. */
export type WorkStatus = (typeof WORK_STATUSES)[number];

const FINAL: ReadonlySet<WorkStatus> = new Set(['succeeded', 'partially_succeeded', 'failed', 'cancelled']);

export function isFinal(status: WorkStatus): boolean {
  return FINAL.has(status);
}

export const JOB_TYPES = ['backup', 'restore', 'replication', 'delete', 'other'] as const;
export type JobType = (typeof JOB_TYPES)[number];

export const OPERATION_TYPES = ['backup', 'restore'] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];

export const VAULT_KINDS = ['vault', 'bucket', 'repository', 'cluster', 'other'] as const;
export type VaultKind = (typeof VAULT_KINDS)[number];

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** viewer < operator < admin: each role includes the one before. */
export function roleAllows(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}

export type SortField = 'createdAt' | 'name';
export type SortDirection = 'asc' | 'desc';
export interface OrderBy {
  field: SortField;
  direction: SortDirection;
}
