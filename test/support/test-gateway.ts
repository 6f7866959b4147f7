import { randomBytes, randomUUID } from 'node:crypto';
import type { BackupProviderPlugin } from '@backbridge/plugin-sdk';
import type { SandboxEmulator } from '@backbridge/sandbox';
import { createGateway, type Gateway } from '../../apps/gateway/src/create-gateway';
import { TEST_TOKEN } from './test-plugin/test-plugin';

export interface HttpAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A client of the unified API over real HTTP, as a user would call it. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  withToken(token: string | undefined): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer<T>> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
  patch<T = any>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

export interface TestGateway {
  gateway: Gateway;
  anonymous: ApiClient;
  admin: ApiClient;
  adminApiKey: string;
  /** A client holding a fresh key of the role. */
  as(role: 'viewer' | 'operator' | 'admin'): Promise<ApiClient>;
  /** Creates a connection of `provider` to its own in-memory test vendor; returns its id. */
  connect(provider: string, name?: string): Promise<{ id: string; endpoint: string }>;
  close(): Promise<void>;
}

export function testEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    DATABASE_URL: process.env.TEST_DATABASE_URL,
    SECRETS_KEY: randomBytes(32).toString('hex'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_API_KEY: process.env.TEST_ADMIN_API_KEY,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT: '10000',
    API_RATE_LIMIT: '1000000',
    // Gateways of different test files share the database: each follows only its own operations.
    WORKER_GROUP: `t${randomBytes(6).toString('hex')}`,
    OPERATION_POLL_MIN_MS: '100',
    OPERATION_POLL_MAX_MS: '1000',
    ...overrides,
  };
}

/** Boots the real gateway on the test database, listening on a free loopback port. */
export async function startTestGateway(options: {
  plugins: BackupProviderPlugin[];
  env?: Record<string, string | undefined>;
  emulators?: SandboxEmulator[];
}): Promise<TestGateway> {
  const env = testEnv(options.env);
  const gateway = await createGateway({ env, plugins: options.plugins, emulators: options.emulators });
  const anonymous = new ApiClient(gateway.url);
  const tokenFor = async (apiKey: string) => {
    const answer = await anonymous.post('/v1/auth/token', { apiKey });
    if (answer.status !== 200) throw new Error(`token exchange failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.accessToken as string;
  };
  const adminApiKey = env.ADMIN_API_KEY!;
  const admin = anonymous.withToken(await tokenFor(adminApiKey));
  return {
    gateway,
    anonymous,
    admin,
    adminApiKey,
    async as(role) {
      const created = await admin.post('/v1/api-keys', { name: `test-${role}`, role });
      return anonymous.withToken(await tokenFor(created.body.key));
    },
    async connect(provider, name = `c-${randomUUID().slice(0, 8)}`) {
      const endpoint = `http://test.invalid/${randomUUID()}`;
      const answer = await admin.post('/v1/connections', { provider, name, endpoint, credentials: { type: 'token', token: TEST_TOKEN } });
      if (answer.status !== 201) throw new Error(`connect failed: ${answer.status} ${JSON.stringify(answer.body)}`);
      return { id: answer.body.id, endpoint };
    },
    close: () => gateway.close(),
  };
}

/** Reads an operation until it is done (workers follow it in the background) or the time is up. */
export async function waitForOperation(client: ApiClient, id: string, timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await client.get(`/v1/operations/${id}`);
    if (answer.status !== 200) throw new Error(`GET /v1/operations/${id}: ${answer.status} ${JSON.stringify(answer.body)}`);
    if (answer.body.done || Date.now() > deadline) return answer.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
