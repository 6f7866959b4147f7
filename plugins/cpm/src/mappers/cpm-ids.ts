import type { CpmTargetFamily } from '../dto/cpm-dto';

/**
 * The plugin's native ids. CPM recovers and deletes by snapshot-record id within a backup record and
 * a family (§7.40, §7.63), so a recovery point's id carries all three; jobs are backup records or
 * recoveries, told apart by a prefix; job references carry what getWork needs after a restart.
 */

export const FAMILIES: readonly CpmTargetFamily[] = ['instances', 'volumes', 'rds_databases', 'rds_clusters', 'dynamodb_tables', 'redshift_clusters', 'efs'];

export function isFamily(value: string): value is CpmTargetFamily {
  return (FAMILIES as readonly string[]).includes(value);
}

export interface RecoveryPointRef {
  backupId: string;
  family: CpmTargetFamily;
  recordId: string;
}

export function recoveryPointId(ref: { backupId: number | string; family: CpmTargetFamily; recordId: number | string }): string {
  return `${ref.backupId}/${ref.family}/${ref.recordId}`;
}

export function parseRecoveryPointId(nativeId: string): RecoveryPointRef | undefined {
  const match = /^(\d+)\/([a-z_]+)\/(\d+)$/.exec(nativeId);
  if (!match || !isFamily(match[2])) return undefined;
  return { backupId: match[1], family: match[2], recordId: match[3] };
}

export type JobRef = { kind: 'backup'; id: string } | { kind: 'recovery'; id: string };

export function backupJobId(id: number | undefined): string {
  return `backup-${id ?? 'unknown'}`;
}

export function recoveryJobId(id: number | undefined): string {
  return `recovery-${id ?? 'unknown'}`;
}

export function parseJobId(nativeId: string): JobRef | undefined {
  const match = /^(backup|recovery)-(\d+)$/.exec(nativeId);
  return match ? { kind: match[1] as JobRef['kind'], id: match[2] } : undefined;
}

/** A started backup is known by its tracker id until CPM lists the run (§13.6: the 202 holds nothing else). */
export type WorkRef =
  | { kind: 'tracker'; trackerId: string; policyId: string; resourceId?: string }
  | { kind: 'recovery'; recoveryId: string };

export function formatWorkRef(ref: WorkRef): string {
  if (ref.kind === 'recovery') return `recovery:${ref.recoveryId}`;
  return `tracker:${ref.trackerId}:${ref.policyId}${ref.resourceId === undefined ? '' : `:${encodeURIComponent(ref.resourceId)}`}`;
}

export function parseWorkRef(jobRef: string): WorkRef | undefined {
  const recovery = /^recovery:(\d+)$/.exec(jobRef);
  if (recovery) return { kind: 'recovery', recoveryId: recovery[1] };
  const tracker = /^tracker:(\d+):(\d+)(?::(.+))?$/.exec(jobRef);
  if (!tracker) return undefined;
  return { kind: 'tracker', trackerId: tracker[1], policyId: tracker[2], ...(tracker[3] !== undefined && { resourceId: decodeURIComponent(tracker[3]) }) };
}
