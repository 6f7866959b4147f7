import { SDK_CONTRACT_VERSION, type BackupProviderPlugin } from '@backbridge/plugin-sdk';
import { capabilities } from './capabilities';
import { PLUGIN_ID } from './client/pds-client';
import { connectionSchema } from './connection-schema';
import { PdsSession } from './session';

/** Portworx Data Services (PDS API version 121): databases on Kubernetes and their backups. */
export const portworxPdsPlugin = {
  id: PLUGIN_ID,
  displayName: 'Portworx Data Services',
  version: '0.1.0',
  sdkVersion: SDK_CONTRACT_VERSION,
  capabilities,
  connectionSchema,
  connect: (connection) => new PdsSession(connection),
} satisfies BackupProviderPlugin;
