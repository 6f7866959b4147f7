import { randomUUID } from 'node:crypto';
import { silentLogger, type ConnectionContext } from '@backbridge/plugin-sdk';
import { runConformanceSuite } from '@backbridge/plugin-sdk/conformance';
import { portworxPdsPlugin } from '@backbridge/portworx-pds';
import { portworxPdsEmulator } from '@backbridge/portworx-pds/emulator';
import type { RunningEmulator } from '@backbridge/emulator-kit';

function context(emulator: RunningEmulator, credentials = emulator.credentials): ConnectionContext {
  return { id: randomUUID(), name: 'pds-conformance', endpoint: emulator.endpoint, config: emulator.config, credentials, logger: silentLogger };
}

runConformanceSuite({
  plugin: portworxPdsPlugin,
  async connect() {
    const emulator = await portworxPdsEmulator.start({ timeScale: 0.02 });
    return { connection: context(emulator), stop: () => emulator.stop() };
  },
  async badCredentials() {
    const emulator = await portworxPdsEmulator.start({ timeScale: 0.02 });
    return { connection: context(emulator, { type: 'serviceIdentity', clientId: 'backbridge-emulator', clientToken: 'not-the-token' }), stop: () => emulator.stop() };
  },
  exerciseWork: true,
});
