import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import { createTestPlugin } from '../support/test-plugin/test-plugin';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

describe('tokens of an external OIDC issuer', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'key-1', use: 'sig', alg: 'RS256' };
  const issuer = 'https://idp.test/';
  const jwt = new JwtService();
  let jwks: Server;
  let t: TestGateway;

  const sign = (claims: Record<string, unknown>, options: { audience?: string; issuer?: string; key?: string } = {}) =>
    jwt.signAsync(claims, {
      algorithm: 'RS256',
      privateKey: options.key ?? privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      keyid: 'key-1',
      issuer: options.issuer ?? issuer,
      audience: options.audience ?? 'backbridge-api',
      subject: 'alice',
      expiresIn: 300,
    });

  beforeAll(async () => {
    jwks = createServer((_, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const port = (jwks.address() as AddressInfo).port;
    t = await startTestGateway({
      plugins: [createTestPlugin('test-oidc')],
      env: { OIDC_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`, OIDC_ISSUER: issuer, OIDC_AUDIENCE: 'backbridge-api', OIDC_ROLE_CLAIM: 'roles' },
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  it('accepts a signed token and takes the highest Backbridge role from the claim', async () => {
    const client = t.anonymous.withToken(await sign({ roles: ['viewer', 'operator', 'unrelated'] }));
    expect((await client.get('/v1/providers')).status).toBe(200);
    const backup = await client.post('/v1/backups', { resource: 'res_x' });
    expect(backup.status).not.toBe(403);
    expect((await client.get('/v1/api-keys')).status).toBe(403);
  });

  it('answers 403 for a valid token without a role', async () => {
    const answer = await t.anonymous.withToken(await sign({})).get('/v1/providers');
    expect(answer.status).toBe(403);
    expect(answer.body.detail).toMatch(/no Backbridge role/);
  });

  it('refuses another audience, another signing key, and an HS256 token claiming the issuer', async () => {
    expect((await t.anonymous.withToken(await sign({ roles: 'admin' }, { audience: 'someone-else' })).get('/v1/providers')).status).toBe(401);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect((await t.anonymous.withToken(await sign({ roles: 'admin' }, { key: other })).get('/v1/providers')).status).toBe(401);
    const hs = await jwt.signAsync({ roles: 'admin' }, { secret: 'x'.repeat(40), issuer, audience: 'backbridge-api', subject: 'mallory' });
    expect((await t.anonymous.withToken(hs).get('/v1/providers')).status).toBe(401);
  });
});
