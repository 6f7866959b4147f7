import type { EmulatorServer, TokenStore } from '@backbridge/emulator-kit';
import { bodyOf, checkAcceptVersion, errorBody, FieldErrors } from './cpm-wire';

/** "Access tokens are valid for 1 hour by default … Refresh tokens are valid for 24 hours by default." (§1.2) */
export const ACCESS_TTL_MS = 3_600_000;
export const REFRESH_TTL_MS = 24 * 3_600_000;

export interface CpmTokens {
  apiKey: string;
  access: TokenStore<string>;
  refresh: TokenStore<string>;
}

const UNAUTHORIZED_HEADERS = { 'www-authenticate': 'Bearer realm="api"' };

/** The token endpoints (§25) and the Bearer check every other endpoint makes (§1.2). */
export function registerAuth(server: EmulatorServer, tokens: CpmTokens): void {
  server.use((request) => checkAcceptVersion(request));
  server.use((request) => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      return { status: 401, headers: UNAUTHORIZED_HEADERS, body: errorBody('detail', 'Authentication credentials were not provided.', 'not_authenticated') };
    }
    if (!tokens.access.verify(match[1])) {
      return { status: 401, headers: UNAUTHORIZED_HEADERS, body: errorBody('detail', 'Given token not valid for any token type', 'token_not_valid') };
    }
    return undefined;
  });

  server.route(
    'POST',
    '/api/token/obtain/api_key/',
    (request) => {
      const refused = checkAcceptVersion(request);
      if (refused) return refused;
      const body = bodyOf(request);
      const errors = new FieldErrors();
      errors.required(body, 'api_key');
      errors.throwIfAny();
      if (body.api_key !== tokens.apiKey) {
        return { status: 401, headers: UNAUTHORIZED_HEADERS, body: errorBody('detail', 'Invalid API authentication key.', 'authentication_failed') };
      }
      const access = tokens.access.issue('root', ACCESS_TTL_MS);
      const refresh = tokens.refresh.issue('root', REFRESH_TTL_MS);
      return { status: 200, body: { access: access.value, refresh: refresh.value } };
    },
    { public: true },
  );

  server.route(
    'POST',
    '/api/token/refresh/',
    (request) => {
      const refused = checkAcceptVersion(request);
      if (refused) return refused;
      const body = bodyOf(request);
      const errors = new FieldErrors();
      errors.required(body, 'refresh');
      errors.throwIfAny();
      const refresh = tokens.refresh.verify(String(body.refresh));
      if (!refresh) {
        return { status: 401, headers: UNAUTHORIZED_HEADERS, body: errorBody('detail', 'Token is invalid or expired', 'token_not_valid') };
      }
      // A brand new access token; the refresh token is not rotated (§25.2).
      return { status: 200, body: { access: tokens.access.issue(refresh.principal, ACCESS_TTL_MS).value } };
    },
    { public: true },
  );
}
