import type { JobRecord, OrderBy, RecoveryPointRecord } from '@backbridge/core';

/** The value a record sorts by for `orderBy`: the gateway's own sort values per kind, exactly. */
export type SortValue<T> = (item: T, field: OrderBy['field']) => string;

/** Resources, policies and vaults: `name`, or `createdAt ?? ''`. */
export const byNameOrCreated: SortValue<{ name: string; createdAt?: string }> = (item, field) => (field === 'name' ? item.name : (item.createdAt ?? ''));

/** Recovery points: `resourceName ?? nativeId`, or `createdAt`. */
export const recoveryPointSortValue: SortValue<RecoveryPointRecord> = (point, field) => (field === 'name' ? (point.resourceName ?? point.nativeId) : point.createdAt);

/** Jobs: `nativeId` for `name`, or `createdAt ?? startedAt ?? ''`. */
export const jobSortValue: SortValue<JobRecord> = (job, field) => (field === 'name' ? job.nativeId : (job.createdAt ?? job.startedAt ?? ''));
