import { ORDER_KEYS, type Capabilities, type ListingDeclarations } from '@backbridge/plugin-sdk';

/**
 * What each list does itself (docs/plugins/portworx-pds.md, "Lists"). Streamed: the orders PDS sorts
 * by itself (`sort_by` name, created_at, id; `-` for descending). Recovery points by resource name
 * are read whole: no PDS job list sorts by the deployment's name. Every filter is pushed: the
 * resource filter of jobs and recovery points goes into the PDS query (`deployment_id`), the others
 * are applied to each vendor page with the gateway's own predicates.
 */
const listing: ListingDeclarations = {
  resources: { pushedFilters: ['type', 'name', 'protected', 'policyNativeId'], streamedOrders: [...ORDER_KEYS] },
  policies: { pushedFilters: ['name', 'enabled', 'resourceNativeId'], streamedOrders: [...ORDER_KEYS] },
  recoveryPoints: { pushedFilters: ['resourceNativeId', 'policyNativeId', 'status', 'createdAfter', 'createdBefore'], streamedOrders: ['createdAt desc', 'createdAt asc'] },
  jobs: { pushedFilters: ['type', 'status', 'resourceNativeId', 'policyNativeId', 'startedAfter'], streamedOrders: [...ORDER_KEYS] },
  vaults: { pushedFilters: [], streamedOrders: [...ORDER_KEYS] },
};

/**
 * What PDS (API 121) can do through this plugin. A restore always creates a new deployment
 * (no original-location restore); there is no cancel endpoint; retention is a count per schedule.
 */
export const capabilities: Capabilities = {
  resources: { list: true, types: ['database', 'database-cluster'] },
  policies: {
    list: true,
    create: true,
    update: true,
    delete: true,
    run: false,
    deleteRemovesRecoveryPoints: false,
    schedule: { frequencies: ['hourly', 'daily', 'weekly', 'monthly'] },
    retention: ['keepLast'],
  },
  backups: { onDemand: true },
  recoveryPoints: { list: true, delete: true },
  restores: { original: false, alternate: true },
  jobs: { list: true, cancel: false },
  vaults: { list: true },
  queuesConcurrentWork: false,
  listing,
};
