import { randomUUID } from 'node:crypto';
import { silentLogger, type ConnectionContext } from '@backbridge/plugin-sdk';
import type { FaultOptions, RunningEmulator } from '@backbridge/emulator-kit';
import { EMULATOR_ACCESS_KEY, huaweiCbrEmulator } from '../emulator';

/** A connection to a running emulator, with its password credentials or its access key pair. */
export function connectionTo(emulator: RunningEmulator, credentials: 'password' | 'aksk' | Record<string, unknown> = 'password'): ConnectionContext {
  const resolved =
    credentials === 'password' ? emulator.credentials : credentials === 'aksk' ? { type: 'aksk', ...EMULATOR_ACCESS_KEY } : credentials;
  return {
    id: randomUUID(),
    name: 'huawei-cbr-test',
    endpoint: emulator.endpoint,
    region: emulator.region,
    config: emulator.config,
    credentials: resolved,
    logger: silentLogger,
    timeoutMs: 5000,
  };
}

export function startEmulator(faults?: FaultOptions): Promise<RunningEmulator> {
  return huaweiCbrEmulator.start({ timeScale: 0.05, faults });
}
