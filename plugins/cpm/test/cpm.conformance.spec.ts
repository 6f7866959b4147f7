import { runConformanceSuite } from '@backbridge/plugin-sdk/conformance';
import { cpmPlugin } from '../src';
import { cpmEmulator } from '../emulator';
import { cpmConnection } from './cpm-connection';

const TIME_SCALE = 0.05;

runConformanceSuite({
  plugin: cpmPlugin,
  async connect() {
    const emulator = await cpmEmulator.start({ timeScale: TIME_SCALE });
    return { connection: cpmConnection(emulator), stop: () => emulator.stop() };
  },
  async badCredentials() {
    const emulator = await cpmEmulator.start({ timeScale: TIME_SCALE });
    return { connection: cpmConnection(emulator, { type: 'apiKey', apiKey: 'not-the-cpm-api-key' }), stop: () => emulator.stop() };
  },
  missingIds: { resource: 'i-0000000000000000', policy: '999999', recoveryPoint: '999999/volumes/1', job: 'backup-999999' },
  exerciseWork: true,
});
