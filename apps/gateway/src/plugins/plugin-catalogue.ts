import type { BackupProviderPlugin } from '@backbridge/plugin-sdk';
import { cpmPlugin } from '@backbridge/cpm';
import { huaweiCbrPlugin } from '@backbridge/huawei-cbr';
import { ibmBackupRecoveryPlugin } from '@backbridge/ibm-backup-recovery';
import { portworxPdsPlugin } from '@backbridge/portworx-pds';
import { ConfigError } from '../config/app-config';

/**
 * Every plugin the gateway ships, in the order the API lists them. PLUGINS chooses among these;
 * a plugin issue adds its one line here.
 */
export const SHIPPED_PLUGINS: BackupProviderPlugin[] = [cpmPlugin, ibmBackupRecoveryPlugin, huaweiCbrPlugin, portworxPdsPlugin];

/** The plugins PLUGINS names (all shipped ones when unset); unknown names are a config error. */
export function selectPlugins(names: string[] | undefined, available: BackupProviderPlugin[] = SHIPPED_PLUGINS): BackupProviderPlugin[] {
  if (!names) {
    return available;
  }
  const unknown = names.filter((n) => !available.some((p) => p.id === n));
  if (unknown.length) {
    throw new ConfigError([`PLUGINS: unknown plugin(s) ${unknown.join(', ')}; available: ${available.map((p) => p.id).join(', ') || 'none'}`]);
  }
  return available.filter((p) => names.includes(p.id));
}
