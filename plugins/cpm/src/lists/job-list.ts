import type { JobRecord } from '@backbridge/core';
import { LIST_FILTER_MATCHERS, orderKeyOf, type JobFilter, type ListRequest, type Page, type PluginLogger } from '@backbridge/plugin-sdk';
import type { CpmClient } from '../client/cpm-client';
import type { CpmBackupRecord, CpmRecovery } from '../dto/cpm-dto';
import { backupJobId, recoveryJobId } from '../mappers/cpm-ids';
import { isoOf } from '../mappers/cpm-time';
import { backupToJob, recoveryToJob } from '../mappers/job.mapper';
import { decodeCursor, encodeCursor } from './list-cursor';
import { isMergeCursor, mergeSorted, type MergeCursor, type SortedSource } from './sorted-merge';
import { pageOf } from './whole-list';

/** List reads a page may make (the two lists together) before it ends short. */
const MAX_LIST_READS = 12;

/**
 * Jobs are CPM's backup records (backup jobs) and recoveries (restore jobs). By time, the two lists
 * are read a page at a time with CPM's `ordering=±start_time` and `ordering=±recovery_time` and
 * merged, one position per list in the cursor. By id CPM has no order: both are read whole.
 * A backup record names no resource (a run covers its whole policy), so a resource filter reads recoveries only.
 */
export async function listJobs(client: CpmClient, log: PluginLogger, req: ListRequest<JobFilter>): Promise<Page<JobRecord>> {
  const { filter } = req;
  const accept = (job: JobRecord) => LIST_FILTER_MATCHERS.jobs(job, filter);
  const policy = filter.policyNativeId === undefined ? {} : { policy: filter.policyNativeId };
  const wantBackups = (filter.type === undefined || filter.type === 'backup') && filter.resourceNativeId === undefined;
  const wantRecoveries = filter.type === undefined || filter.type === 'restore';
  if (req.orderBy.field === 'name') {
    const [backups, recoveries] = await Promise.all([
      wantBackups ? client.listBackups(policy) : Promise.resolve([]),
      wantRecoveries ? client.listRecoveries(policy) : Promise.resolve([]),
    ]);
    const jobs = [...backups.map((b) => backupToJob(b, log)), ...recoveries.map((r) => recoveryToJob(r, log))].filter(accept);
    return pageOf(jobs, req, (j, field) => (field === 'name' ? j.nativeId : (j.createdAt ?? j.startedAt ?? '')));
  }

  const ascending = req.orderBy.direction === 'asc';
  const time = (value: string) => Date.parse(value);
  // Newest first, everything after a job older than startedAfter is older too.
  const beyond = (key: string) => !ascending && key !== '' && filter.startedAfter !== undefined && time(key) < time(filter.startedAfter);
  const sources: SortedSource<CpmBackupRecord | CpmRecovery, JobRecord>[] = [];
  if (wantBackups) {
    const source: SortedSource<CpmBackupRecord, JobRecord> = {
      readPage: (page, size) => client.listPage<CpmBackupRecord>('api/backups/', { ...policy, ordering: ascending ? 'start_time' : '-start_time' }, page, size, 'listBackups'),
      key: (backup) => isoOf(backup.start_time) ?? '',
      block: (backup) => ({ first: backupJobId(backup.id), last: backupJobId(backup.id) }),
      mayMatch: () => true,
      beyond,
      expand: async (backup) => [backupToJob(backup, log)],
      expandCalls: () => 0,
    };
    sources.push(source as SortedSource<CpmBackupRecord | CpmRecovery, JobRecord>);
  }
  if (wantRecoveries) {
    const source: SortedSource<CpmRecovery, JobRecord> = {
      readPage: (page, size) => client.listPage<CpmRecovery>('api/recoveries/', { ...policy, ordering: ascending ? 'recovery_time' : '-recovery_time' }, page, size, 'listRecoveries'),
      key: (recovery) => isoOf(recovery.recovery_time) ?? '',
      block: (recovery) => ({ first: recoveryJobId(recovery.id), last: recoveryJobId(recovery.id) }),
      mayMatch: () => true,
      beyond,
      expand: async (recovery) => [recoveryToJob(recovery, log)],
      expandCalls: () => 0,
    };
    sources.push(source as SortedSource<CpmBackupRecord | CpmRecovery, JobRecord>);
  }
  const tag = `jobs ${orderKeyOf(req.orderBy)} ${wantBackups ? 'b' : ''}${wantRecoveries ? 'r' : ''}`;
  const cursor = decodeCursor<MergeCursor>(tag, req.cursor, (state) => isMergeCursor(state, sources.length));
  const page = await mergeSorted(sources, cursor, {
    pageSize: req.pageSize,
    direction: req.orderBy.direction,
    readSize: Math.min(500, Math.max(25, req.pageSize + 1)),
    accept,
    maxCalls: MAX_LIST_READS,
  });
  return { items: page.items, ...(page.cursor && { cursor: encodeCursor(tag, page.cursor) }) };
}
