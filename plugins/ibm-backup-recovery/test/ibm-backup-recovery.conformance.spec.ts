import { randomUUID } from 'node:crypto';
import { silentLogger, type ConnectionContext } from '@backbridge/plugin-sdk';
import { runConformanceSuite } from '@backbridge/plugin-sdk/conformance';
import type { RunningEmulator } from '@backbridge/emulator-kit';
import { ibmBackupRecoveryEmulator } from '../emulator';
import { ibmBackupRecoveryPlugin } from '../src';

function connection(emulator: RunningEmulator, credentials = emulator.credentials): ConnectionContext {
  return {
    id: randomUUID(),
    name: 'ibm-conformance',
    endpoint: emulator.endpoint,
    config: emulator.config,
    credentials,
    logger: silentLogger,
  };
}

runConformanceSuite({
  plugin: ibmBackupRecoveryPlugin,
  async connect() {
    const emulator = await ibmBackupRecoveryEmulator.start({ timeScale: 0.05 });
    return { connection: connection(emulator), stop: () => emulator.stop() };
  },
  async badCredentials() {
    const emulator = await ibmBackupRecoveryEmulator.start({ timeScale: 0.05 });
    return { connection: connection(emulator, { type: 'iamApiKey', apiKey: 'not-the-api-key-0000' }), stop: () => emulator.stop() };
  },
  missingIds: {
    resource: '999999',
    policy: '5901263190628181:1725393921826:99999',
    // Object 11 exists; no run of it started at this microsecond.
    recoveryPoint: 'b.gq5k3rxh4w0',
    job: 'r.1mvh5w3f6ox.m0jvbsky.2t.8ix.gq5k3rxh4w0',
  },
  exerciseWork: true,
});
