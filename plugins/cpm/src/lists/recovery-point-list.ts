import type { RecoveryPointRecord } from '@backbridge/core';
import { LIST_FILTER_MATCHERS, orderKeyOf, type ListRequest, type Page, type PluginLogger, type RecoveryPointFilter } from '@backbridge/plugin-sdk';
import type { CpmClient } from '../client/cpm-client';
import type { CpmBackupRecord } from '../dto/cpm-dto';
import { FAMILIES } from '../mappers/cpm-ids';
import { isoOf } from '../mappers/cpm-time';
import { toRecoveryPoint } from '../mappers/recovery-point.mapper';
import { possibleRecoveryPointStatuses } from '../status-maps';
import { mapInBatches, pageOf } from './whole-list';
import { decodeCursor, encodeCursor } from './list-cursor';
import { isMergeCursor, mergeSorted, type MergeCursor, type SortedSource } from './sorted-merge';

/** A page reads at most this many backup records' snapshot records (7 calls each), plus its list reads. */
const MAX_EXPANDED_BACKUPS = 48;

/**
 * The snapshot records of one run, one list per family, optionally of one resource (CPM's own filters:
 * every family but instances filters by exact aws_resource_id; instances only by partial `resource`, §7.35).
 */
export async function snapshotRecordsOf(client: CpmClient, backup: CpmBackupRecord, log: PluginLogger, resourceId?: string): Promise<RecoveryPointRecord[]> {
  const lists = await Promise.all(
    FAMILIES.map(async (family) => {
      const query = resourceId === undefined ? {} : family === 'instances' ? { resource: resourceId } : { aws_resource_id: resourceId };
      const records = await client.listSnapshotRecords(backup.id!, family, query);
      return records
        .filter((record) => resourceId === undefined || record.backed_up_resource_id === resourceId)
        .map((record) => toRecoveryPoint(backup, family, record, log));
    }),
  );
  return lists.flat();
}

/**
 * Recovery points are the snapshot records (seven families) inside backup records. By time, the
 * backup records are read a page at a time with CPM's `ordering=±start_time` (a record's time is
 * its run's start) and `policy` filter, and each run's snapshot records only when the page reaches
 * it. Runs that started at the same time are read together and ordered by nativeId. By resource
 * name CPM has no order: every run is read and the points sorted here.
 */
export async function listRecoveryPoints(client: CpmClient, log: PluginLogger, req: ListRequest<RecoveryPointFilter>): Promise<Page<RecoveryPointRecord>> {
  const { filter } = req;
  const accept = (point: RecoveryPointRecord) => LIST_FILTER_MATCHERS.recoveryPoints(point, filter);
  const policy = filter.policyNativeId === undefined ? {} : { policy: filter.policyNativeId };
  if (req.orderBy.field === 'name') {
    const backups = await client.listBackups(policy);
    const points = (await mapInBatches(backups, 8, (backup) => snapshotRecordsOf(client, backup, log, filter.resourceNativeId))).flat();
    return pageOf(points.filter(accept), req, (p, field) => (field === 'name' ? (p.resourceName ?? p.nativeId) : p.createdAt));
  }

  const ascending = req.orderBy.direction === 'asc';
  const time = (value: string | undefined) => (value === undefined ? Number.NaN : Date.parse(value));
  const keyOf = (backup: CpmBackupRecord) => isoOf(backup.start_time) ?? '';
  const inRange = (key: string) =>
    key === '' || ((filter.createdAfter === undefined || time(key) >= time(filter.createdAfter)) && (filter.createdBefore === undefined || time(key) < time(filter.createdBefore)));
  const backups: SortedSource<CpmBackupRecord, RecoveryPointRecord> = {
    readPage: (page, size) => client.listPage<CpmBackupRecord>('api/backups/', { ...policy, ordering: ascending ? 'start_time' : '-start_time' }, page, size, 'listBackups'),
    key: keyOf,
    block: (backup) => ({ first: `${backup.id}/`, last: `${backup.id}/\uffff` }),
    mayMatch: (backup) => inRange(keyOf(backup)) && (filter.status === undefined || possibleRecoveryPointStatuses(backup.status).includes(filter.status)),
    // Newest first, everything after a run older than createdAfter is older too; oldest first, likewise past createdBefore.
    beyond: (key) =>
      key !== '' && (ascending ? filter.createdBefore !== undefined && time(key) >= time(filter.createdBefore) : filter.createdAfter !== undefined && time(key) < time(filter.createdAfter)),
    expand: (backup) => snapshotRecordsOf(client, backup, log, filter.resourceNativeId),
    expandCalls: () => FAMILIES.length,
  };
  const tag = `recoveryPoints ${orderKeyOf(req.orderBy)}`;
  const cursor = decodeCursor<MergeCursor>(tag, req.cursor, (state) => isMergeCursor(state, 1));
  const page = await mergeSorted([backups], cursor, {
    pageSize: req.pageSize,
    direction: req.orderBy.direction,
    readSize: Math.min(500, Math.max(25, req.pageSize + 1)),
    accept,
    maxCalls: 4 + MAX_EXPANDED_BACKUPS * FAMILIES.length,
  });
  return { items: page.items, ...(page.cursor && { cursor: encodeCursor(tag, page.cursor) }) };
}
