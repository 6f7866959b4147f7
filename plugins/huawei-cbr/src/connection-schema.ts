import type { ConnectionSchema } from '@backbridge/plugin-sdk';

/** Credentials come in two kinds, told apart by `type`: an IAM user's password (token auth) or an access key pair (AK/SK signing). */
export const connectionSchema: ConnectionSchema = {
  endpoint: {
    description: 'The CBR endpoint of the region, e.g. https://cbr.ap-southeast-1.myhuaweicloud.com (paths /v3/{project_id}/... are added).',
    example: 'https://cbr.ap-southeast-1.myhuaweicloud.com',
  },
  config: {
    type: 'object',
    properties: {
      projectId: { type: 'string', pattern: '^[0-9a-fA-F]{32}$', description: 'The project id (32 hex characters) of the region; every CBR path starts /v3/{project_id}.' },
      iamEndpoint: {
        type: 'string',
        pattern: '^https?://',
        description: 'The IAM endpoint that issues tokens (POST /v3/auth/tokens), for password credentials. Default https://iam.myhuaweicloud.com, or https://iam.{region}.myhuaweicloud.com when the connection has a region.',
      },
    },
    required: ['projectId'],
    additionalProperties: false,
  },
  credentials: {
    type: 'object',
    oneOf: [
      {
        type: 'object',
        description: 'An IAM user: the plugin obtains a 24-hour token and sends it as X-Auth-Token.',
        properties: {
          type: { const: 'password' },
          userName: { type: 'string', minLength: 1 },
          password: { type: 'string', minLength: 1 },
          domainName: { type: 'string', minLength: 1, description: 'The account the IAM user belongs to.' },
          projectName: { type: 'string', minLength: 1, description: 'Scope the token by project name (e.g. ap-southeast-1); default: by config.projectId.' },
        },
        required: ['type', 'userName', 'password', 'domainName'],
        additionalProperties: false,
      },
      {
        type: 'object',
        description: 'An access key pair: every request is signed with SDK-HMAC-SHA256.',
        properties: {
          type: { const: 'aksk' },
          ak: { type: 'string', minLength: 1 },
          sk: { type: 'string', minLength: 1 },
          securityToken: { type: 'string', minLength: 1, description: 'Only for temporary access keys.' },
        },
        required: ['type', 'ak', 'sk'],
        additionalProperties: false,
      },
    ],
  },
};
