import type { RecoveryPointRecord } from '@backbridge/core';
import type { PluginLogger } from '@backbridge/plugin-sdk';
import type { CpmBackupRecord, CpmSnapshotRecord, CpmTargetFamily, CpmVolumeRecord } from '../dto/cpm-dto';
import { recoveryPointStatus } from '../status-maps';
import { recoveryPointId } from './cpm-ids';
import { isoOf } from './cpm-time';
import { RESOURCE_TYPE_BY_FAMILY } from './resource.mapper';

const GIB = 2 ** 30;

/**
 * One resource's snapshot record in one backup record (a run covers every target of its policy).
 * Instance records (§7.35) carry no times, so the run's end is used for them; every other family's
 * record has the volume record's times, `succeeded` and `deletion_time` (§7.24, §7.28, §7.48, §7.52, §7.56, §7.60).
 * `createdAt` is the run's start for every family: a record's `start_time` is "Backup's start time"
 * by definition, and lists sort recovery points by the backup records' `start_time` (CPM's `ordering`).
 */
export function toRecoveryPoint(backup: CpmBackupRecord, family: CpmTargetFamily, record: CpmSnapshotRecord, log: PluginLogger): RecoveryPointRecord {
  const volume = family === 'instances' ? undefined : (record as CpmVolumeRecord);
  const createdAt = isoOf(backup.start_time) ?? isoOf(volume?.start_time) ?? new Date(0).toISOString();
  const completedAt = isoOf(volume?.end_time) ?? isoOf(backup.end_time);
  return {
    nativeId: recoveryPointId({ backupId: backup.id ?? 0, family, recordId: record.id ?? 0 }),
    resourceNativeId: record.backed_up_resource_id ?? '',
    ...(record.backed_up_resource_name && { resourceName: record.backed_up_resource_name }),
    resourceType: RESOURCE_TYPE_BY_FAMILY[family],
    ...(backup.policy !== undefined && { policyNativeId: String(backup.policy) }),
    status: recoveryPointStatus(backup.status, { succeeded: volume?.succeeded, deletion_time: volume?.deletion_time }, log),
    kind: 'snapshot',
    createdAt,
    ...(completedAt !== undefined && { completedAt }),
    // The volume's size, not the snapshot's (CPM does not report snapshot sizes; other families report none).
    ...(volume?.capacity !== undefined && { sizeBytes: volume.capacity * GIB }),
    ...(record.region && { region: record.region }),
    native: { backup, family, record },
  };
}
