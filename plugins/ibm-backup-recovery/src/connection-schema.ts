import type { ConnectionSchema } from '@backbridge/plugin-sdk';

export const ibmConnectionSchema: ConnectionSchema = {
  endpoint: {
    description: 'The instance service URL, ending in /v2: https://<instance_ID>.<region>.backup-recovery.cloud.ibm.com/v2 (or the .private. endpoint).',
    example: 'https://a1b2c3d4-e5f6-7a8b-9c0d-e1f2a3b4c5d6.us-east.backup-recovery.cloud.ibm.com/v2',
  },
  config: {
    type: 'object',
    properties: {
      tenantId: {
        type: 'string',
        minLength: 1,
        description: "The instance's tenant id (extensions['tenant-id']), sent as X-IBM-Tenant-Id; a trailing '/' is added when missing.",
        examples: ['79mle1bk3m/'],
      },
      iamUrl: {
        type: 'string',
        pattern: '^https?://',
        default: 'https://iam.cloud.ibm.com',
        description: 'IBM Cloud IAM, where the API key is traded for a token (POST <iamUrl>/identity/token); https://private.iam.cloud.ibm.com on private networks.',
      },
    },
    required: ['tenantId'],
    additionalProperties: false,
  },
  credentials: {
    type: 'object',
    properties: {
      type: { const: 'iamApiKey' },
      apiKey: { type: 'string', minLength: 8, description: 'An IBM Cloud API key (user or service id) with access to the Backup and Recovery instance.' },
    },
    required: ['type', 'apiKey'],
    additionalProperties: false,
  },
};
