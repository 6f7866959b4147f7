import type { JobType, RecoveryPointStatus, ResourceType, WorkStatus } from '@backbridge/core';
import { mapVendorValue, vendorValuesOf, type PluginLogger } from '@backbridge/plugin-sdk';
import type { CbrBackupStatus } from './dto/backup.dto';
import type { CbrCheckpointStatus } from './dto/checkpoint.dto';
import type { CbrResourceType } from './dto/cbr-common.dto';
import type { CbrOperationType, CbrTaskStatus } from './dto/operation-log.dto';

/** One table per vendor field; every documented value is listed, checked by the compiler. */

const BACKUP_STATUS = {
  waiting_protect: 'creating',
  protecting: 'creating',
  available: 'available',
  // A backup being restored from is still a usable recovery point.
  waiting_restore: 'available',
  restoring: 'available',
  waiting_delete: 'deleting',
  deleting: 'deleting',
  error: 'failed',
} as const satisfies Record<CbrBackupStatus, RecoveryPointStatus>;

const TASK_STATUS = {
  waiting: 'pending',
  running: 'running',
  success: 'succeeded',
  failed: 'failed',
  timeout: 'failed',
  // Nothing ran (e.g. the resource was already being backed up).
  skipped: 'cancelled',
} as const satisfies Record<CbrTaskStatus, WorkStatus>;

const CHECKPOINT_STATUS = {
  protecting: 'running',
  available: 'succeeded',
  error: 'failed',
  // Met while following a backup, these mean the backup did not survive.
  deleting: 'failed',
  deleted: 'failed',
  'error-deleting': 'failed',
} as const satisfies Record<CbrCheckpointStatus, WorkStatus>;

const OPERATION_TYPE = {
  backup: 'backup',
  restore: 'restore',
  replication: 'replication',
  copy: 'replication',
  delete: 'delete',
  vault_delete: 'delete',
  remove_resource: 'delete',
  sync: 'other',
} as const satisfies Record<CbrOperationType, JobType>;

const RESOURCE_TYPE = {
  'OS::Nova::Server': 'vm',
  'OS::Cinder::Volume': 'volume',
  'OS::Sfs::Turbo': 'file-system',
} as const satisfies Record<CbrResourceType, ResourceType>;

function lookup<K extends string, V>(table: Record<K, V>, value: unknown, fallback: V, field: string, log: PluginLogger): V {
  return mapVendorValue<K, V>(table, value, { fallback, field: `CBR ${field}`, logger: log });
}

/** Fallback 'creating': not usable for a restore, not final. */
export const toRecoveryPointStatus = (status: unknown, log: PluginLogger): RecoveryPointStatus =>
  lookup(BACKUP_STATUS, status, 'creating', 'backup status', log);

/** Fallback 'running': not final, so the operation keeps being followed. */
export const taskToWorkStatus = (status: unknown, log: PluginLogger): WorkStatus => lookup(TASK_STATUS, status, 'running', 'task status', log);

export const checkpointToWorkStatus = (status: unknown, log: PluginLogger): WorkStatus =>
  lookup(CHECKPOINT_STATUS, status, 'running', 'checkpoint status', log);

export const toJobType = (type: unknown, log: PluginLogger): JobType => lookup(OPERATION_TYPE, type, 'other', 'operation_type', log);

export const toResourceType = (type: unknown, log: PluginLogger): ResourceType => lookup(RESOURCE_TYPE, type, 'other', 'resource type', log);

/** The CBR resource type of a unified one, for filters. */
export function cbrResourceTypeOf(type: ResourceType): CbrResourceType | undefined {
  return (Object.entries(RESOURCE_TYPE) as [CbrResourceType, ResourceType][]).find(([, unified]) => unified === type)?.[0];
}

/** The unified status's CBR statuses, for the backup list's repeatable `status` filter. */
export function cbrBackupStatusesOf(status: RecoveryPointStatus): CbrBackupStatus[] {
  return vendorValuesOf<CbrBackupStatus, RecoveryPointStatus>(BACKUP_STATUS, status);
}

export function cbrTaskStatusesOf(status: WorkStatus): CbrTaskStatus[] {
  return vendorValuesOf<CbrTaskStatus, WorkStatus>(TASK_STATUS, status);
}

export function cbrOperationTypesOf(type: JobType): CbrOperationType[] {
  return vendorValuesOf<CbrOperationType, JobType>(OPERATION_TYPE, type);
}
