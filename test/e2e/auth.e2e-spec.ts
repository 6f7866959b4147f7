import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { createTestPlugin } from '../support/test-plugin/test-plugin';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

describe('auth and roles', () => {
  let t: TestGateway;
  const jwtSecret = randomBytes(32).toString('hex');

  beforeAll(async () => {
    t = await startTestGateway({ plugins: [createTestPlugin('test-auth')], env: { JWT_SECRET: jwtSecret, JWT_ACCESS_TTL: '60' } });
  });
  afterAll(() => t.close());

  it('exchanges an API key for an access and a refresh token', async () => {
    const answer = await t.anonymous.post('/v1/auth/token', { apiKey: t.adminApiKey });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), tokenType: 'Bearer', expiresIn: 60 });
  });

  it('refuses a wrong API key with 401 and WWW-Authenticate', async () => {
    const answer = await t.anonymous.post('/v1/auth/token', { apiKey: 'bbk_wrong-key-000000000' });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(answer.body.code).toBe('unauthenticated');
  });

  it('refreshes, and refuses an access token used as a refresh token', async () => {
    const { body } = await t.anonymous.post('/v1/auth/token', { apiKey: t.adminApiKey });
    const refreshed = await t.anonymous.post('/v1/auth/refresh', { refreshToken: body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await t.anonymous.withToken(refreshed.body.accessToken).get('/v1/providers')).status).toBe(200);
    expect((await t.anonymous.post('/v1/auth/refresh', { refreshToken: body.accessToken })).status).toBe(401);
  });

  it('answers 401 without a token, with a bad token and with an expired token', async () => {
    const none = await t.anonymous.get('/v1/providers');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');

    const bad = await t.anonymous.withToken('not.a.jwt').get('/v1/providers');
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');

    const jwt = new JwtService();
    const keys = (await t.admin.get('/v1/api-keys')).body as { id: string; system: boolean }[];
    const adminKeyId = keys.find((k) => k.system)!.id;
    const expired = await jwt.signAsync(
      { typ: 'access', role: 'admin', exp: Math.floor(Date.now() / 1000) - 10 },
      { secret: jwtSecret, issuer: 'backbridge', audience: 'backbridge', subject: adminKeyId },
    );
    const answer = await t.anonymous.withToken(expired).get('/v1/providers');
    expect(answer.status).toBe(401);
    expect(answer.body.detail).toMatch(/expired/);

    const forged = await jwt.signAsync({ typ: 'access', role: 'admin' }, { secret: 'x'.repeat(40), issuer: 'backbridge', audience: 'backbridge', subject: adminKeyId });
    expect((await t.anonymous.withToken(forged).get('/v1/providers')).status).toBe(401);
  });

  it('stops honouring tokens of a deleted API key at once', async () => {
    const created = await t.admin.post('/v1/api-keys', { name: 'short-lived', role: 'viewer' });
    const token = (await t.anonymous.post('/v1/auth/token', { apiKey: created.body.key })).body.accessToken;
    const viewer = t.anonymous.withToken(token);
    expect((await viewer.get('/v1/providers')).status).toBe(200);
    expect((await t.admin.delete(`/v1/api-keys/${created.body.id}`)).status).toBe(204);
    expect((await viewer.get('/v1/providers')).status).toBe(401);
  });

  it('shows a new key once and stores only its hash', async () => {
    const created = await t.admin.post('/v1/api-keys', { name: 'reporting', role: 'viewer' });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^bbk_/);
    const list = await t.admin.get('/v1/api-keys');
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    expect(list.body.find((k: { id: string }) => k.id === created.body.id)).toMatchObject({ name: 'reporting', role: 'viewer', keyPrefix: created.body.key.slice(0, 10) });
  });

  describe('roles on each kind of route', () => {
    const routes: { method: 'get' | 'post' | 'patch'; path: string; body?: unknown; needs: 'viewer' | 'operator' | 'admin' }[] = [
      { method: 'get', path: '/v1/providers', needs: 'viewer' },
      { method: 'get', path: '/v1/connections', needs: 'viewer' },
      { method: 'get', path: '/v1/operations', needs: 'viewer' },
      { method: 'post', path: '/v1/backups', body: { resource: 'res_x' }, needs: 'operator' },
      { method: 'post', path: '/v1/restores', body: {}, needs: 'operator' },
      { method: 'post', path: '/v1/policies', body: {}, needs: 'operator' },
      { method: 'patch', path: '/v1/providers/test-auth', body: { enabled: true }, needs: 'admin' },
      { method: 'post', path: '/v1/connections', body: {}, needs: 'admin' },
      { method: 'get', path: '/v1/api-keys', needs: 'admin' },
    ];
    const order = ['viewer', 'operator', 'admin'] as const;

    it.each(order)('%s: allowed exactly where its role reaches', async (role) => {
      const client = await t.as(role);
      for (const route of routes) {
        const answer = await (route.method === 'get' ? client.get(route.path) : client[route.method](route.path, route.body));
        const allowed = order.indexOf(role) >= order.indexOf(route.needs);
        if (allowed) {
          expect([route.path, answer.status]).not.toEqual([route.path, 403]);
          expect([route.path, answer.status]).not.toEqual([route.path, 401]);
        } else {
          expect([route.path, answer.status, answer.body.code]).toEqual([route.path, 403, 'forbidden']);
        }
      }
    });
  });

  it('rate limits login attempts per client', async () => {
    const limited = await startTestGateway({ plugins: [createTestPlugin('test-auth-limit')], env: { LOGIN_RATE_LIMIT: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        statuses.push((await limited.anonymous.post('/v1/auth/token', { apiKey: 'bbk_wrong-key-000000000' })).status);
      }
      // startTestGateway already used one attempt for the admin token.
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
      const last = await limited.anonymous.post('/v1/auth/token', { apiKey: limited.adminApiKey });
      expect(last.status).toBe(429);
      expect(last.body.code).toBe('rate_limited');
      const retryAfter = Number(last.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
    } finally {
      await limited.close();
    }
  });

  it('rate limits each API key on every authenticated route, leaving other keys alone', async () => {
    const limited = await startTestGateway({ plugins: [createTestPlugin('test-api-limit')], env: { API_RATE_LIMIT: '4' } });
    try {
      const busy = await limited.as('viewer');
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await busy.get('/v1/providers')).status);
      expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
      expect(statuses.slice(4)).toEqual([429, 429]);
      const refused = await busy.get('/v1/resources');
      expect(refused.body).toMatchObject({ code: 'rate_limited', status: 429 });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const other = await limited.as('viewer');
      expect((await other.get('/v1/providers')).status).toBe(200);
      // Health checks carry no principal and are not counted.
      for (let i = 0; i < 6; i += 1) expect((await limited.anonymous.get('/health/live')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
