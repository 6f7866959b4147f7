import { nothingPushedDownAnywhere, type Capabilities } from '@backbridge/plugin-sdk';

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
  listing: nothingPushedDownAnywhere(),
};
