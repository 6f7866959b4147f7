import type { Capabilities } from '@backbridge/plugin-sdk';

/**
 * What the plugin does with CPM. Resources are policy targets (CPM has no inventory of unprotected
 * resources); restores always make a new instance or volume (CPM cannot restore over the original
 * instance); nothing can be cancelled (CPM aborts only S3 operations); retention is by generations.
 */
export const cpmCapabilities: Capabilities = {
  resources: { list: true, types: ['vm', 'volume'] },
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
};
