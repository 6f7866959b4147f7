import { randomUUID } from 'node:crypto';
import { silentLogger, type ConnectionContext } from '@backbridge/plugin-sdk';
import { runConformanceSuite } from '@backbridge/plugin-sdk/conformance';
import { createTestPlugin, TEST_TOKEN } from '../support/test-plugin/test-plugin';

/** Each connection gets its own endpoint, hence its own in-memory vendor. */
function connection(token: string): ConnectionContext {
  const id = randomUUID();
  return {
    id,
    name: `conformance-${id}`,
    endpoint: `http://test.invalid/${id}`,
    config: {},
    credentials: { type: 'token', token },
    logger: silentLogger,
  };
}

const nothingToStop = async (): Promise<void> => undefined;

runConformanceSuite({
  plugin: createTestPlugin('test-conformance'),
  connect: async () => ({ connection: connection(TEST_TOKEN), stop: nothingToStop }),
  badCredentials: async () => ({ connection: connection('wrong-token-0000'), stop: nothingToStop }),
  exerciseWork: true,
});
