import { SDK_CONTRACT_VERSION, type BackupProviderPlugin } from '@backbridge/plugin-sdk';
import { cpmCapabilities } from './capabilities';
import { cpmConnectionSchema } from './connection-schema';
import { CpmSession } from './session';

/** N2WS CPM (Cloud Protection Manager) over its REST API 1.4.0. */
export const cpmPlugin = {
  id: 'cpm',
  displayName: 'N2WS Cloud Protection Manager (CPM)',
  version: '0.1.0',
  sdkVersion: SDK_CONTRACT_VERSION,
  capabilities: cpmCapabilities,
  connectionSchema: cpmConnectionSchema,
  connect: (connection) => new CpmSession(connection),
} satisfies BackupProviderPlugin;
