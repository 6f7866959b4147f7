import { type PolicyRecord, type PolicySpec, type Schedule } from '@backbridge/core';
import type { PdsBackupPolicy, PdsBackupPolicyRequest } from '../dto/backup-policy.dto';
import { fromPdsCron, toPdsCron } from './schedule.mapper';
import { isoTime } from './time';

/**
 * A unified policy as a PDS BackupPolicy: one BackupSchedule per schedule, each keeping
 * `retention.keepLast` jobs. Schedules are created as `full` (every data service supports it;
 * `incremental` depends on the data service, which a tenant-wide policy does not know).
 */
export function toPolicyRequest(spec: PolicySpec, reference: Date): { request: PdsBackupPolicyRequest; warnings: string[] } {
  const warnings: string[] = [];
  if (spec.description) warnings.push('description: PDS backup policies have no description; it is not stored.');
  const retentionCount = spec.retention.keepLast!;
  const schedules = spec.schedules.map((schedule, i) => {
    const { cron, warnings: more } = toPdsCron(schedule, `schedules[${i}]`, reference);
    warnings.push(...more);
    return { schedule: cron, type: 'full' as const, retention_count: retentionCount };
  });
  return { request: { name: spec.name, schedules }, warnings };
}

export interface PolicyContext {
  resourceNativeIds: string[];
  /** Backup targets its deployments back up to (a PDS policy has none of its own). */
  vaultNativeIds: string[];
}

export function toPolicyRecord(policy: PdsBackupPolicy, context: PolicyContext): PolicyRecord {
  const warnings: string[] = [];
  const schedules: Schedule[] = [];
  policy.schedules.forEach((s, i) => {
    const parsed = fromPdsCron(s.schedule);
    if (parsed) schedules.push(parsed);
    else warnings.push(`schedules[${i}]: the PDS cron '${s.schedule}' is not one unified schedule and is left out.`);
  });
  const counts = [...new Set(policy.schedules.map((s) => s.retention_count))];
  if (counts.length > 1) {
    warnings.push(`retention: PDS keeps a count per schedule (${policy.schedules.map((s) => `${s.schedule} keeps ${s.retention_count}`).join('; ')}); keepLast shows the largest.`);
  }
  if (context.vaultNativeIds.length > 1) warnings.push('vault: the deployments of this policy back up to several backup targets; the first is shown.');
  const createdAt = isoTime(policy.created_at);
  const updatedAt = isoTime(policy.updated_at);
  return {
    nativeId: policy.id,
    name: policy.name,
    enabled: true,
    schedules,
    retention: { keepLast: Math.max(1, ...counts) },
    resourceNativeIds: context.resourceNativeIds,
    ...(context.vaultNativeIds[0] !== undefined && { vaultNativeId: context.vaultNativeIds[0] }),
    warnings,
    ...(createdAt && { createdAt }),
    ...(updatedAt && { updatedAt }),
    native: policy,
  };
}
