import type { RecoveryPointRecord } from '@backbridge/core';
import type { CbrBackup } from '../dto/backup.dto';
import { toRecoveryPointStatus, toResourceType } from '../status-maps';
import { toIsoUtc } from './cbr-time';
import type { MapContext } from './map-context';

export interface RecoveryPointContext extends MapContext {
  /** The backup policy applied to each vault now, to name the policy of automatic backups. */
  policyOfVault: ReadonlyMap<string, string>;
  /** Now, for backups past `expired_at` that CBR still lists. */
  now: Date;
}

/** The unified `createdAt` of a backup (the recovery point's sort value): milliseconds, where CBR keeps microseconds. */
export function createdAtOf(backup: Pick<CbrBackup, 'created_at'>): string {
  return toIsoUtc(backup.created_at) ?? new Date(0).toISOString();
}

/** A top-level CBR backup (a server's disk backups are its `children`, not recovery points of their own). */
export function toRecoveryPointRecord(backup: CbrBackup, ctx: RecoveryPointContext): RecoveryPointRecord {
  const createdAt = createdAtOf(backup);
  const expiresAt = toIsoUtc(backup.expired_at);
  let status = toRecoveryPointStatus(backup.status, ctx.log);
  if (status === 'available' && expiresAt !== undefined && Date.parse(expiresAt) <= ctx.now.getTime()) status = 'expired';
  const completedAt = status === 'available' || status === 'expired' ? toIsoUtc(backup.updated_at) ?? toIsoUtc(backup.protected_at) : undefined;
  const policyNativeId = backup.extend_info?.auto_trigger ? ctx.policyOfVault.get(backup.vault_id) : undefined;
  const incremental = backup.extend_info?.incremental;
  return {
    nativeId: backup.id,
    resourceNativeId: backup.resource_id,
    ...(backup.resource_name ? { resourceName: backup.resource_name } : {}),
    resourceType: toResourceType(backup.resource_type, ctx.log),
    ...(policyNativeId !== undefined && { policyNativeId }),
    vaultNativeId: backup.vault_id,
    status,
    kind: incremental === true ? 'incremental' : 'full',
    createdAt,
    ...(completedAt !== undefined && { completedAt }),
    ...(expiresAt !== undefined && { expiresAt }),
    ...(ctx.region !== undefined && { region: ctx.region }),
    native: backup,
  };
}
