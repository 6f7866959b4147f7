import { nothingPushedDown, type Capabilities } from '@backbridge/plugin-sdk';

export const ibmCapabilities: Capabilities = {
  resources: { list: true, types: ['database', 'application', 'other'] },
  policies: {
    list: true,
    create: true,
    update: true,
    delete: true,
    run: true,
    // The plugin deletes a group with deleteSnapshots=false: its recovery points stay until they expire.
    deleteRemovesRecoveryPoints: false,
    schedule: { frequencies: ['hourly', 'daily', 'weekly', 'monthly'] },
    retention: ['keepDays', 'keepLast', 'gfs'],
  },
  backups: { onDemand: true },
  // Deleting a snapshot deletes the whole run's local snapshots, of every object in it.
  recoveryPoints: { list: true, delete: true },
  restores: { original: true, alternate: true },
  // Backup runs can be cancelled; recoveries cannot (the API has no cancel for them).
  jobs: { list: true, cancel: true },
  // No storage targets in the API.
  vaults: { list: false },
  // A second run of a group while one is running is refused.
  queuesConcurrentWork: false,
  listing: {
    // Objects: isProtected and protectionGroupIds at IBM; type and name checked on each page. IBM
    // pages objects by cookie but sorts them by nothing the gateway asks for: read whole.
    resources: { pushedFilters: ['type', 'name', 'protected', 'policyNativeId'], streamedOrders: [] },
    // Groups and policies are unpaged lists, few by nature: read whole; enabled is isPaused.
    policies: { pushedFilters: ['name', 'enabled', 'resourceNativeId'], streamedOrders: [] },
    // Runs are paged newest first by time (numRuns + endTimeUsecs); one object's snapshots and the
    // recoveries are read in time windows. Times go to IBM, everything is checked again per item.
    recoveryPoints: { pushedFilters: ['resourceNativeId', 'policyNativeId', 'status', 'createdAfter', 'createdBefore'], streamedOrders: ['createdAt desc'] },
    jobs: { pushedFilters: ['type', 'status', 'resourceNativeId', 'policyNativeId', 'startedAfter'], streamedOrders: ['createdAt desc'] },
    vaults: nothingPushedDown(),
  },
};
