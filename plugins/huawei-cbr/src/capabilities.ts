import { nothingPushedDown, type Capabilities, type ListingDeclarations } from '@backbridge/plugin-sdk';

/**
 * What each list does itself. Only backups are sorted by CBR (`sort=created_at:…`), so only recovery
 * points by createdAt are streamed; the other lists are read whole (CBR has no sort for vaults or
 * tasks, and policies are not paged at all). Every filter is applied to each item in the plugin,
 * after the vendor query has narrowed what it can, so all are pushed down. Vaults take no filter.
 */
export const listing: ListingDeclarations = {
  resources: { pushedFilters: ['type', 'name', 'protected', 'policyNativeId'], streamedOrders: [] },
  policies: { pushedFilters: ['name', 'enabled', 'resourceNativeId'], streamedOrders: [] },
  recoveryPoints: {
    pushedFilters: ['resourceNativeId', 'policyNativeId', 'status', 'createdAfter', 'createdBefore'],
    streamedOrders: ['createdAt desc', 'createdAt asc'],
  },
  jobs: { pushedFilters: ['type', 'status', 'resourceNativeId', 'policyNativeId', 'startedAfter'], streamedOrders: [] },
  vaults: nothingPushedDown(),
};

/**
 * What CBR can do through this plugin. No cancel (CBR has no cancel call), no alternate restore
 * (CBR restores to the original server or disk only), no monthly schedules (patterns are DAILY or
 * WEEKLY), no policy run (kept out: one run would be one restore point per vault, several jobs).
 * Deleting a policy leaves its backups in place.
 */
export const capabilities: Capabilities = {
  resources: { list: true, types: ['vm', 'volume', 'file-system'] },
  policies: {
    list: true,
    create: true,
    update: true,
    delete: true,
    run: false,
    deleteRemovesRecoveryPoints: false,
    schedule: { frequencies: ['hourly', 'daily', 'weekly'] },
    retention: ['keepLast', 'keepDays', 'gfs'],
  },
  backups: { onDemand: true },
  recoveryPoints: { list: true, delete: true },
  restores: { original: true, alternate: false },
  jobs: { list: true, cancel: false },
  vaults: { list: true },
  queuesConcurrentWork: false,
  listing,
};
