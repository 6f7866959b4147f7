import { nothingPushedDown, type Capabilities } from '@backbridge/plugin-sdk';

/**
 * What the plugin does with CPM. Resources are policy targets of seven families (CPM has no inventory
 * of unprotected resources); restores always make a new object (CPM recovers only EFS and volumes in
 * place, and restores.original is one flag for every type); nothing can be cancelled (CPM aborts only S3 operations); retention is by generations.
 */
export const cpmCapabilities: Capabilities = {
  resources: { list: true, types: ['vm', 'volume', 'database', 'database-cluster', 'file-system'] },
  policies: {
    list: true,
    create: true,
    update: true,
    delete: true,
    run: true,
    deleteRemovesRecoveryPoints: true,
    schedule: { frequencies: ['hourly', 'daily', 'weekly', 'monthly'] },
    retention: ['keepLast'],
  },
  backups: { onDemand: true },
  recoveryPoints: { list: true, delete: false },
  restores: { original: false, alternate: true },
  jobs: { list: true, cancel: false },
  vaults: { list: false },
  queuesConcurrentWork: false,
  // Every filter is applied in the plugin with the SDK's own predicates (pushed to CPM's query where CPM
  // has it: policy, resource, name search). Recovery points and jobs stream by time, policies by name;
  // resources (assembled from every policy's targets) and the other orders are read whole (docs/plugins/cpm.md, "Lists").
  listing: {
    resources: { pushedFilters: ['type', 'name', 'protected', 'policyNativeId'], streamedOrders: [] },
    policies: { pushedFilters: ['name', 'enabled', 'resourceNativeId'], streamedOrders: ['name asc', 'name desc'] },
    recoveryPoints: {
      pushedFilters: ['resourceNativeId', 'policyNativeId', 'status', 'createdAfter', 'createdBefore'],
      streamedOrders: ['createdAt desc', 'createdAt asc'],
    },
    jobs: { pushedFilters: ['type', 'status', 'resourceNativeId', 'policyNativeId', 'startedAfter'], streamedOrders: ['createdAt desc', 'createdAt asc'] },
    vaults: nothingPushedDown(),
  },
};
