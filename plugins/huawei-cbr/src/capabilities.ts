import { nothingPushedDownAnywhere, type Capabilities } from '@backbridge/plugin-sdk';

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
  listing: nothingPushedDownAnywhere(),
};
