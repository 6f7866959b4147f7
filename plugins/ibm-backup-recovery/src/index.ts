import { SDK_CONTRACT_VERSION, type BackupProviderPlugin } from '@backbridge/plugin-sdk';
import { ibmCapabilities } from './capabilities';
import { IbmClient, PLUGIN_ID } from './client/ibm-client';
import { DEFAULT_IAM_URL } from './client/iam-auth';
import { ibmConnectionSchema } from './connection-schema';
import { IbmSession } from './session';

/** IBM Cloud Backup and Recovery (Cohesity inside): hosts and SQL Server protected by groups and policies. */
export const ibmBackupRecoveryPlugin = {
  id: PLUGIN_ID,
  displayName: 'IBM Cloud Backup and Recovery',
  version: '0.1.0',
  sdkVersion: SDK_CONTRACT_VERSION,
  capabilities: ibmCapabilities,
  connectionSchema: ibmConnectionSchema,
  connect(connection) {
    const client = new IbmClient(connection, {
      endpoint: connection.endpoint,
      tenantId: String(connection.config.tenantId),
      iamUrl: typeof connection.config.iamUrl === 'string' ? connection.config.iamUrl : DEFAULT_IAM_URL,
      apiKey: String(connection.credentials.apiKey),
    });
    return new IbmSession(client, connection.logger, { region: connection.region });
  },
} satisfies BackupProviderPlugin;
