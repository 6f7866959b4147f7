import type { ConnectionSchema } from '@backbridge/plugin-sdk';

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/**
 * Where a PDS connection points and how it signs in. Deployments and backup jobs live in a project,
 * policies and backup targets in a tenant, so both ids are required.
 */
export const connectionSchema: ConnectionSchema = {
  endpoint: {
    description: 'The PDS control plane, scheme and host only (the plugin adds /api).',
    example: 'https://prod.pds.portworx.com',
  },
  config: {
    type: 'object',
    properties: {
      tenantId: { type: 'string', pattern: UUID_PATTERN, description: 'Tenant that holds the backup policies and backup targets.' },
      projectId: { type: 'string', pattern: UUID_PATTERN, description: 'Project that holds the deployments (databases) and backup jobs.' },
      defaultBackupTargetId: {
        type: 'string',
        pattern: UUID_PATTERN,
        description: 'Backup target for on-demand backups and policy attachments that name no vault.',
      },
    },
    required: ['tenantId', 'projectId'],
    additionalProperties: false,
  },
  credentials: {
    oneOf: [
      {
        type: 'object',
        description: 'A user API key (a JWT), sent as Authorization: Bearer.',
        properties: { type: { const: 'apiKey' }, apiKey: { type: 'string', minLength: 16 } },
        required: ['type', 'apiKey'],
        additionalProperties: false,
      },
      {
        type: 'object',
        description: 'A service identity, exchanged at POST /service-identity/generate-token for a token.',
        properties: {
          type: { const: 'serviceIdentity' },
          clientId: { type: 'string', minLength: 1 },
          clientToken: { type: 'string', minLength: 1 },
        },
        required: ['type', 'clientId', 'clientToken'],
        additionalProperties: false,
      },
    ],
    type: 'object',
  },
};
