import { randomUUID } from 'node:crypto';
import { silentLogger, type ConnectionContext } from '@backbridge/plugin-sdk';
import type { RunningEmulator } from '@backbridge/emulator-kit';

/** A ConnectionContext for a running CPM emulator, as the gateway would build it. */
export function cpmConnection(emulator: RunningEmulator, credentials: Record<string, unknown> = emulator.credentials): ConnectionContext {
  return {
    id: randomUUID(),
    name: 'cpm-test',
    endpoint: emulator.endpoint,
    config: emulator.config,
    credentials,
    logger: silentLogger,
    timeoutMs: 5_000,
  };
}
