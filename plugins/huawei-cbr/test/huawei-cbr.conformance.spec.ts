import { runConformanceSuite } from '@backbridge/plugin-sdk/conformance';
import { huaweiCbrPlugin } from '../src';
import { connectionTo, startEmulator } from './emulator-connection';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('with IAM token credentials', () => {
  runConformanceSuite({
    plugin: huaweiCbrPlugin,
    async connect() {
      const emulator = await startEmulator();
      return { connection: connectionTo(emulator), stop: () => emulator.stop() };
    },
    async badCredentials() {
      const emulator = await startEmulator();
      return { connection: connectionTo(emulator, { ...emulator.credentials, password: 'not-the-password' }), stop: () => emulator.stop() };
    },
    missingIds: { resource: MISSING, policy: MISSING, recoveryPoint: MISSING, job: MISSING, vault: MISSING },
    exerciseWork: true,
  });
});

describe('with AK/SK credentials', () => {
  runConformanceSuite({
    plugin: huaweiCbrPlugin,
    async connect() {
      const emulator = await startEmulator();
      return { connection: connectionTo(emulator, 'aksk'), stop: () => emulator.stop() };
    },
    async badCredentials() {
      const emulator = await startEmulator();
      return { connection: connectionTo(emulator, { type: 'aksk', ak: 'HPUAEMU7CBRQTW2AOYTT', sk: 'a-wrong-secret' }), stop: () => emulator.stop() };
    },
    missingIds: { resource: MISSING, policy: MISSING, recoveryPoint: MISSING, job: MISSING, vault: MISSING },
    pageSizes: [3, 50],
    exerciseWork: true,
  });
});
