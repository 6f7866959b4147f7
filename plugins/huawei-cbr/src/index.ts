import { SDK_CONTRACT_VERSION, type BackupProviderPlugin, type ConnectionContext } from '@backbridge/plugin-sdk';
import { capabilities } from './capabilities';
import { PLUGIN_ID, createCbrClient } from './client/create-client';
import { connectionSchema } from './connection-schema';
import { PolicyWriter } from './policy-writer';
import { CbrSession } from './session';
import { WorkTracker } from './work-tracker';

export const huaweiCbrPlugin = {
  id: PLUGIN_ID,
  displayName: 'Huawei Cloud Backup and Recovery (CBR)',
  version: '0.1.0',
  sdkVersion: SDK_CONTRACT_VERSION,
  capabilities,
  connectionSchema,
  connect(connection: ConnectionContext) {
    const cbr = createCbrClient(connection);
    const now = () => new Date();
    const ctx = { log: connection.logger, ...(connection.region !== undefined && { region: connection.region }) };
    return new CbrSession(cbr, ctx, new PolicyWriter(cbr, now), new WorkTracker(cbr, connection.logger, now), now);
  },
} satisfies BackupProviderPlugin;
