import type { ConnectionSchema } from '@backbridge/plugin-sdk';

/** What a connection to one CPM server holds (one server may hold many AWS accounts). */
export interface CpmConnectionConfig {
  /** The CPM user that owns the schedules the plugin creates (`user` is required by POST /api/schedules/). */
  ownerUserId: number;
  /** The CPM account new policies belong to; without it, the account of the policy that already protects the first resource. */
  accountId?: number;
}

export const cpmConnectionSchema: ConnectionSchema = {
  endpoint: {
    description: 'The CPM server URL without the /api suffix (CPM answers only over HTTPS, port 443 by default).',
    example: 'https://cpm.example.com',
  },
  config: {
    type: 'object',
    properties: {
      ownerUserId: { type: 'integer', minimum: 1, default: 1, description: 'CPM user id that owns the schedules the gateway creates (root is usually 1).' },
      accountId: { type: 'integer', minimum: 1, description: 'CPM account id (GET /api/accounts/) that new policies belong to.' },
    },
    additionalProperties: false,
  },
  credentials: {
    type: 'object',
    properties: {
      type: { const: 'apiKey' },
      apiKey: { type: 'string', minLength: 8, description: 'The API Authentication Key (CPM UI: Notifications → Configure API Authentication Key).' },
    },
    required: ['type', 'apiKey'],
    additionalProperties: false,
  },
};

/** The config after the gateway's schema validation (defaults filled in). */
export function readConfig(config: Record<string, unknown>): CpmConnectionConfig {
  return {
    ownerUserId: typeof config.ownerUserId === 'number' ? config.ownerUserId : 1,
    ...(typeof config.accountId === 'number' && { accountId: config.accountId }),
  };
}
