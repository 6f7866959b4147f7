import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../apps/gateway/src/config/app-config';
import { createGateway } from '../../apps/gateway/src/create-gateway';
import { buildOpenApiFile } from '../../apps/gateway/src/openapi-document';
import { createTestPlugin } from '../support/test-plugin/test-plugin';
import { ApiClient, testEnv } from '../support/test-gateway';

describe('configuration', () => {
  it('lists every invalid variable in one error', () => {
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', SANDBOX: 'maybe', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short', SECRETS_KEY: 'abc', OIDC_ISSUER: 'https://idp' });
      throw new Error('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const names = (error as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(names).toEqual(expect.arrayContaining(['PORT', 'LOG_LEVEL', 'SANDBOX', 'DATABASE_URL', 'JWT_SECRET', 'SECRETS_KEY', 'OIDC_JWKS_URL, OIDC_ISSUER, OIDC_AUDIENCE']));
      expect((error as ConfigError).message).toMatch(/^Invalid configuration:\n {2}- /);
    }
  });

  it('checks the worker settings', () => {
    expect(loadConfig({})).toMatchObject({ role: 'all', workerGroup: 'default', workerConcurrency: 10, operationPollMinMs: 1000, operationPollMaxMs: 60000 });
    try {
      loadConfig({ ROLE: 'both', WORKER_GROUP: 'Prod Group', WORKER_CONCURRENCY: '0', OPERATION_POLL_MIN_MS: '5000', OPERATION_POLL_MAX_MS: '1000' });
      throw new Error('no error');
    } catch (error) {
      const names = (error as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(names.sort()).toEqual(['OPERATION_POLL_MAX_MS', 'ROLE', 'WORKER_CONCURRENCY', 'WORKER_GROUP']);
    }
  });

  it('requires SECRETS_KEY with DATABASE_URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@h/db' })).toThrow(/SECRETS_KEY: is required with DATABASE_URL/);
  });

  it('has working defaults', () => {
    expect(loadConfig({})).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: '.data', sandbox: false, logLevel: 'info', plugins: undefined });
  });

  it('refuses to boot with an unknown plugin in PLUGINS', async () => {
    await expect(createGateway({ env: testEnv({ PLUGINS: 'no-such-plugin' }) })).rejects.toThrow(/PLUGINS: unknown plugin\(s\) no-such-plugin/);
  });
});

describe('embedded mode', () => {
  it('boots on a fresh embedded database, generates its keys, serves Swagger UI, and keeps data across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'backbridge-boot-'));
    const env = { PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: dataDir, SANDBOX: 'true' };
    const first = await createGateway({ env, plugins: [createTestPlugin('test-boot')] });
    let keyId: string;
    try {
      expect(first.generatedAdminKey).toMatch(/^bbk_/);
      const keyFile = join(dataDir, 'secrets.key');
      expect(readFileSync(keyFile, 'utf8')).toMatch(/^[0-9a-f]{64}$/);
      expect(statSync(keyFile).mode & 0o077).toBe(0);
      const client = new ApiClient(first.url);
      expect((await client.get('/health/ready')).body).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, migrations: { status: 'up' } } });
      const docs = await client.get('/docs');
      expect(docs.status).toBe(200);
      expect(docs.headers.get('content-type')).toMatch(/text\/html/);
      // helmet: security headers on every answer, with a policy Swagger UI can live with.
      expect(docs.headers.get('content-security-policy')).toContain(`default-src 'self'`);
      expect(docs.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
      const live = await client.get('/health/live');
      expect(live.headers.get('x-content-type-options')).toBe('nosniff');
      expect(live.headers.get('strict-transport-security')).toMatch(/max-age=/);
      expect(live.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      const document = await client.get('/docs-json');
      expect(document.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      const token = (await client.post('/v1/auth/token', { apiKey: first.generatedAdminKey })).body.accessToken;
      const created = await client.withToken(token).post('/v1/api-keys', { name: 'survivor', role: 'viewer' });
      keyId = created.body.id;
    } finally {
      await first.close();
    }
    const second = await createGateway({ env, plugins: [createTestPlugin('test-boot')] });
    try {
      const client = new ApiClient(second.url);
      const token = (await client.post('/v1/auth/token', { apiKey: second.generatedAdminKey })).body.accessToken;
      const keys = (await client.withToken(token).get('/v1/api-keys')).body as { id: string }[];
      expect(keys.map((k) => k.id)).toContain(keyId);
      // The previous start's sandbox key was replaced, not kept.
      expect((await client.post('/v1/auth/token', { apiKey: first.generatedAdminKey })).status).toBe(401);
    } finally {
      await second.close();
    }
  });
});

describe('the OpenAPI document', () => {
  it('is up to date in docs/openapi.json (run `npm run openapi` after changing the API)', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'docs', 'openapi.json'), 'utf8');
    expect(await buildOpenApiFile()).toBe(committed);
  });

  it('describes every route with a summary and problem responses', async () => {
    const document = JSON.parse(await buildOpenApiFile());
    for (const [path, item] of Object.entries<Record<string, { summary?: string; responses: Record<string, unknown>; security?: unknown }>>(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect([path, method, typeof operation.summary]).toEqual([path, method, 'string']);
        if (path.startsWith('/v1/') && !path.startsWith('/v1/auth/')) {
          expect([path, method, Object.keys(operation.responses)]).toEqual([path, method, expect.arrayContaining(['401', '403'])]);
          expect([path, method, operation.security]).toEqual([path, method, [{ bearer: [] }]]);
        }
      }
    }
  });
});
