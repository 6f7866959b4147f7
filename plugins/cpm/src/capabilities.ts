import { nothingPushedDownAnywhere, type Capabilities } from '@backbridge/plugin-sdk';

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
  listing: nothingPushedDownAnywhere(),
};
