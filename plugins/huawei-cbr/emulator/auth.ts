import { randomBytes } from 'node:crypto';
import { EmulatorReply, type EmulatorRequest, type EmulatorResponse, type EmulatorServer, type TokenStore } from '@backbridge/emulator-kit';
import { verifyAkSk } from './aksk-verifier';
import { unauthorized } from './cbr-format';
import { PROJECT } from './seed';

/** The emulator's one IAM user and one access key pair. */
export const EMULATOR_USER = { userName: 'backbridge-operator', password: 'Emulator-Passw0rd!', domainName: 'backbridge-account' };
export const EMULATOR_ACCESS_KEY = { ak: 'HPUAEMU7CBRQTW2AOYTT', sk: 'Xq3bEmulatorSecretKey0CbrMFyfvK41ba2giqM7' };

const TOKEN_TTL_MS = 24 * 3_600_000;

function iamError(status: number, message: string, title: string): EmulatorReply {
  // IAM (Keystone) error bodies differ from CBR's.
  return new EmulatorReply({ status, body: { error: { code: status, message, title } } });
}

/** POST /v3/auth/tokens: password credentials scoped to the project (by name or id) → 201 with X-Subject-Token. */
export function registerIamRoutes(server: EmulatorServer, tokens: TokenStore<string>, now: () => number): void {
  server.route(
    'POST',
    '/v3/auth/tokens',
    (request) => {
      const auth = (request.body as { auth?: Record<string, any> } | undefined)?.auth;
      const user = auth?.identity?.password?.user;
      if (!auth || !Array.isArray(auth.identity?.methods) || !auth.identity.methods.includes('password') || typeof user?.name !== 'string') {
        throw iamError(400, 'The request body is invalid.', 'Bad Request');
      }
      const scope = auth.scope?.project;
      if (!scope || (scope.name !== PROJECT.name && scope.id !== PROJECT.id)) throw iamError(400, 'The project in the scope does not exist.', 'Bad Request');
      if (user.name !== EMULATOR_USER.userName || user.password !== EMULATOR_USER.password || user.domain?.name !== EMULATOR_USER.domainName) {
        throw iamError(401, 'The username or password is wrong.', 'Unauthorized');
      }
      const token = tokens.issue(PROJECT.id, TOKEN_TTL_MS, `MIIEmulator${randomBytes(48).toString('base64url')}`);
      const issued = new Date(now()).toISOString().replace('Z', '000Z');
      return {
        status: 201,
        headers: { 'x-subject-token': token.value },
        body: {
          token: {
            expires_at: new Date(token.expiresAt).toISOString().replace('Z', '000Z'),
            issued_at: issued,
            methods: ['password'],
            project: { id: PROJECT.id, name: PROJECT.name, domain: { name: EMULATOR_USER.domainName } },
            user: { name: EMULATOR_USER.userName, domain: { name: EMULATOR_USER.domainName } },
            catalog: [],
          },
        },
      };
    },
    { public: true },
  );
}

/** GET /v3/projects (seed §7.3): the projects the credentials may use, optionally by `name`. */
export function registerProjectRoute(server: EmulatorServer): void {
  server.route('GET', '/v3/projects', ({ query }) => {
    const name = query.get('name');
    const projects = [PROJECT]
      .filter((p) => name === null || p.name === name)
      .map((p) => ({ domain_id: 'a0c4ea14b0d84b41b9bd4b0d21f9a1cb', is_domain: false, parent_id: 'a0c4ea14b0d84b41b9bd4b0d21f9a1cb', name: p.name, description: '', links: { self: `/v3/projects/${p.id}` }, id: p.id, enabled: true }));
    return { status: 200, body: { projects, links: { self: '/v3/projects', previous: null, next: null } } };
  });
}

/**
 * Every CBR call carries X-Auth-Token or an AK/SK signature; the path's project must be the one the
 * credentials belong to. Refusals are the API gateway's 401 APIGW.0301 bodies.
 */
export function authMiddleware(tokens: TokenStore<string>, now: () => number) {
  return (request: EmulatorRequest): EmulatorResponse | void => {
    const requestId = randomBytes(16).toString('hex');
    const token = request.headers['x-auth-token'];
    let project: string;
    if (token !== undefined) {
      const issued = tokens.verify(token);
      if (!issued) throw unauthorized(tokens.known(token) ? 'token expires' : 'decrypt token fail', requestId);
      project = issued.principal;
    } else if (request.headers.authorization !== undefined) {
      const verdict = verifyAkSk(request, (ak) => (ak === EMULATOR_ACCESS_KEY.ak ? EMULATOR_ACCESS_KEY.sk : undefined), now());
      if (!verdict.ok) throw unauthorized(verdict.reason, requestId);
      project = PROJECT.id;
    } else {
      throw unauthorized('x-auth-token not found', requestId);
    }
    const pathProject = /^\/v3\/([^/]+)\//.exec(request.path)?.[1];
    if (pathProject !== undefined && pathProject !== project) throw unauthorized('the project in the URL is not the one of the credentials', requestId);
    request.locals.projectId = project;
  };
}
