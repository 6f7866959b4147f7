import { VendorHttpClient, connectionHttpOptions, type ConnectionContext, type VendorAuth, type VendorRetryOptions } from '@backbridge/plugin-sdk';
import { translateCbrError } from '../error-translator';
import { AkSkAuth } from './aksk-auth';
import { CbrClient } from './cbr-client';
import { IamTokenAuth } from './iam-token-auth';

export const PLUGIN_ID = 'huawei-cbr';

/** IAM is a service of its own; without a configured endpoint, the region's (or the global) one. */
export function iamEndpointOf(connection: ConnectionContext): string {
  const configured = connection.config.iamEndpoint;
  if (typeof configured === 'string' && configured !== '') return configured;
  return connection.region ? `https://iam.${connection.region}.myhuaweicloud.com` : 'https://iam.myhuaweicloud.com';
}

/** The credentials' `type` picks the auth: AK/SK signing, or an IAM token from the user's password. */
export function authOf(connection: ConnectionContext, projectId: string): VendorAuth {
  const c = connection.credentials;
  if (c.type === 'aksk') {
    return new AkSkAuth({ ak: String(c.ak), sk: String(c.sk), ...(typeof c.securityToken === 'string' && { securityToken: c.securityToken }) }, projectId);
  }
  return new IamTokenAuth(
    iamEndpointOf(connection),
    {
      userName: String(c.userName),
      password: String(c.password),
      domainName: String(c.domainName),
      ...(typeof c.projectName === 'string' && { projectName: c.projectName }),
    },
    projectId,
    connection.timeoutMs,
  );
}

/** One CBR client per connection (its circuit breaker and bulkhead are per connection). */
export function createCbrClient(connection: ConnectionContext, retry?: VendorRetryOptions): CbrClient {
  const projectId = String(connection.config.projectId);
  const http = new VendorHttpClient({
    ...connectionHttpOptions(connection),
    plugin: PLUGIN_ID,
    auth: authOf(connection, projectId),
    translateError: translateCbrError,
    redactKeys: ['sk', 'ak'],
    ...(retry && { retry }),
  });
  return new CbrClient(http, projectId);
}
