import { EmulatorServer, TokenStore, type EmulatorRequest, type EmulatorResponse, InvalidJson } from '@backbridge/emulator-kit';
import { pdsError } from './errors';
import { SEED_API_KEY, SEED_SERVICE_IDENTITY } from './seed';

/** How long a service-identity token lasts (its `valid_for`, a Go duration string). */
const TOKEN_TTL_MS = 24 * 3_600_000;

/**
 * `ApiKeyAuth` (header `Authorization: Bearer <token>`) on every `/api/...` path, with either the
 * user API key (a JWT) or a token from `POST /service-identity/generate-token`.
 */
export class PdsAuth {
  constructor(readonly tokens: TokenStore<string>) {}

  register(server: EmulatorServer): void {
    server.route('POST', '/service-identity/generate-token', (request) => this.generateToken(request), { public: true });
    server.use((request) => this.check(request));
  }

  expireAll(): void {
    this.tokens.expireAll();
  }

  private generateToken(request: EmulatorRequest): EmulatorResponse {
    const body = request.body;
    if (body === InvalidJson || typeof body !== 'object' || body === null || Array.isArray(body)) {
      return pdsError(400, 'Invalid request body.');
    }
    const { client_id: clientId, client_token: clientToken } = body as Record<string, unknown>;
    if (typeof clientId !== 'string' || typeof clientToken !== 'string') return pdsError(400, 'Invalid request body.');
    if (clientId !== SEED_SERVICE_IDENTITY.clientId || clientToken !== SEED_SERVICE_IDENTITY.clientToken) {
      return pdsError(422, 'The provided credentials is invalid.');
    }
    const token = this.tokens.issue(clientId, TOKEN_TTL_MS);
    return { status: 200, body: { token: token.value, valid_for: '24h0m0s' } };
  }

  private check(request: EmulatorRequest): EmulatorResponse | void {
    const header = request.headers.authorization;
    const match = /^Bearer (\S+)$/.exec(header ?? '');
    if (!match) return pdsError(401, 'Authorization header is missing or malformed.');
    const token = match[1];
    if (token === SEED_API_KEY) {
      request.locals.actor = { user: true };
      return;
    }
    const issued = this.tokens.verify(token);
    if (!issued) return pdsError(401, this.tokens.known(token) ? 'Token is expired.' : 'Invalid token.');
    request.locals.actor = { serviceIdentity: issued.principal };
  }
}
