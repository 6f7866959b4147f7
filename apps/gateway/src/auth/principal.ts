import type { Role } from '@backbridge/core';

/** Who is calling: an API key's token, or a token of the external OIDC issuer. */
export interface Principal {
  /** `key:<api key id>` or `oidc:<subject>`: used for audit and idempotency scoping. */
  id: string;
  kind: 'api-key' | 'oidc';
  /** Null when an OIDC token carries no Backbridge role. */
  role: Role | null;
}
