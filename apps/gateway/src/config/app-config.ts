/**
 * The one place that reads the process environment. Every variable is validated once at boot;
 * all problems are reported together and the process exits non-zero (see main.ts).
 */

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  databasePoolSize: number;
  adminApiKey?: string;
  jwtSecret?: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  oidc?: { jwksUrl: string; issuer: string; audience: string; roleClaim: string; defaultRole?: 'viewer' | 'operator' | 'admin' };
  /** 32 bytes, or undefined to generate one into DATA_DIR (embedded mode only). */
  secretsKey?: Buffer;
  /** Plugin ids to load; undefined loads every plugin the gateway ships. */
  plugins?: string[];
  sandbox: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  metricsEnabled: boolean;
  metricsToken?: string;
  loginRateLimitPerMinute: number;
  /** Requests per minute per API key (or OIDC subject), on every authenticated route. */
  apiRateLimitPerMinute: number;
  vendorTimeoutMs: number;
  /** How long a list waits for one connection before answering without it (at most vendorTimeoutMs). */
  listTimeoutMs: number;
  /** Vendor pages kept for walks that continue (0 turns it off), and for how long. */
  listPageCacheEntries: number;
  listPageCacheTtlMs: number;
  /** How long an instance trusts the connection, API key and enablement rows it read (0: read every time). */
  lookupCacheTtlMs: number;
  /** api: HTTP only; worker: follows operations, no HTTP; all: both. */
  role: 'api' | 'worker' | 'all';
  /** First poll of a vendor job after this long; the interval grows towards operationPollMaxMs. */
  operationPollMinMs: number;
  operationPollMaxMs: number;
  /** Operations one worker process polls at the same time. */
  workerConcurrency: number;
  /** Instances of one group share operations; groups on one database leave each other's alone. */
  workerGroup: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const ROLES = ['viewer', 'operator', 'admin'] as const;
const PROCESS_ROLES = ['api', 'worker', 'all'] as const;

type Env = Record<string, string | undefined>;

/** Reads and validates the environment; throws ConfigError listing every invalid variable. */
export function loadConfig(env: Env, defaults: Partial<Env> = {}): AppConfig {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const value = env[name] ?? defaults[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name}: must be a whole number from ${min} to ${max}, got '${raw}'`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    if (/^(true|1|yes|on)$/i.test(raw)) return true;
    if (/^(false|0|no|off)$/i.test(raw)) return false;
    problems.push(`${name}: must be true or false, got '${raw}'`);
    return fallback;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name}: must be one of ${allowed.join(', ')}, got '${raw}'`);
      return fallback;
    }
    return raw as T;
  };
  const url = (name: string, protocols: string[]): string | undefined => {
    const raw = get(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) throw new Error();
      return raw;
    } catch {
      problems.push(`${name}: must be a ${protocols.map((p) => p.replace(':', '://')).join(' or ')} URL`);
      return undefined;
    }
  };

  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const adminApiKey = get('ADMIN_API_KEY');
  if (adminApiKey !== undefined && adminApiKey.length < 24) {
    problems.push('ADMIN_API_KEY: must have at least 24 characters');
  }
  const jwtSecret = get('JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    problems.push('JWT_SECRET: must have at least 32 characters');
  }
  const secretsKey = parseSecretsKey(get('SECRETS_KEY'), problems);
  if (databaseUrl && !secretsKey && !problems.some((p) => p.startsWith('SECRETS_KEY'))) {
    problems.push('SECRETS_KEY: is required with DATABASE_URL (32 bytes as 64 hex characters or base64)');
  }
  const pluginList = get('PLUGINS');
  const plugins = pluginList === undefined ? undefined : pluginList.split(',').map((p) => p.trim()).filter(Boolean);
  if (plugins) {
    const bad = plugins.filter((p) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(p));
    if (bad.length) problems.push(`PLUGINS: not plugin ids: ${bad.join(', ')}`);
  }

  const jwksUrl = url('OIDC_JWKS_URL', ['https:', 'http:']);
  const issuer = get('OIDC_ISSUER');
  const audience = get('OIDC_AUDIENCE');
  const oidcSet = [jwksUrl, issuer, audience].filter((v) => v !== undefined).length;
  if (oidcSet > 0 && oidcSet < 3 && !problems.some((p) => p.startsWith('OIDC_JWKS_URL'))) {
    problems.push('OIDC_JWKS_URL, OIDC_ISSUER, OIDC_AUDIENCE: set all three to accept an external OIDC issuer, or none');
  }
  const defaultRoleRaw = get('OIDC_DEFAULT_ROLE');
  const oidcDefaultRole = defaultRoleRaw === undefined ? undefined : oneOf('OIDC_DEFAULT_ROLE', ROLES, 'viewer');

  const config: AppConfig = {
    port: int('PORT', 3000, 0, 65535),
    host: get('HOST') ?? '127.0.0.1',
    dataDir: get('DATA_DIR') ?? '.data',
    databaseUrl,
    databasePoolSize: int('DATABASE_POOL_SIZE', 10, 1, 200),
    adminApiKey,
    jwtSecret,
    accessTokenTtlSeconds: int('JWT_ACCESS_TTL', 900, 30, 86_400),
    refreshTokenTtlSeconds: int('JWT_REFRESH_TTL', 86_400, 60, 30 * 86_400),
    oidc:
      jwksUrl && issuer && audience
        ? { jwksUrl, issuer, audience, roleClaim: get('OIDC_ROLE_CLAIM') ?? 'backbridge_role', defaultRole: oidcDefaultRole }
        : undefined,
    secretsKey,
    plugins,
    sandbox: bool('SANDBOX', false),
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    metricsEnabled: bool('METRICS_ENABLED', true),
    metricsToken: get('METRICS_TOKEN'),
    loginRateLimitPerMinute: int('LOGIN_RATE_LIMIT', 10, 1, 100_000),
    apiRateLimitPerMinute: int('API_RATE_LIMIT', 1_200, 1, 1_000_000),
    vendorTimeoutMs: int('VENDOR_TIMEOUT_MS', 30_000, 100, 600_000),
    listTimeoutMs: int('LIST_TIMEOUT_MS', 10_000, 100, 600_000),
    listPageCacheEntries: int('LIST_PAGE_CACHE_ENTRIES', 16, 0, 10_000),
    listPageCacheTtlMs: int('LIST_PAGE_CACHE_TTL_MS', 30_000, 100, 600_000),
    lookupCacheTtlMs: int('LOOKUP_CACHE_TTL_MS', 2_000, 0, 60_000),
    role: oneOf('ROLE', PROCESS_ROLES, 'all'),
    operationPollMinMs: int('OPERATION_POLL_MIN_MS', 1_000, 100, 3_600_000),
    operationPollMaxMs: int('OPERATION_POLL_MAX_MS', 60_000, 100, 3_600_000),
    workerConcurrency: int('WORKER_CONCURRENCY', 10, 1, 500),
    workerGroup: get('WORKER_GROUP') ?? 'default',
  };
  if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(config.workerGroup)) {
    problems.push(`WORKER_GROUP: must be 1 to 40 lower-case letters, digits, '-' or '_', got '${config.workerGroup}'`);
  }
  if (config.operationPollMaxMs < config.operationPollMinMs) {
    problems.push('OPERATION_POLL_MAX_MS: must not be less than OPERATION_POLL_MIN_MS');
  }
  if (problems.length) {
    throw new ConfigError(problems);
  }
  return config;
}

function parseSecretsKey(raw: string | undefined, problems: string[]): Buffer | undefined {
  if (raw === undefined) return undefined;
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32 || (!/^[0-9a-fA-F]{64}$/.test(raw) && key.toString('base64').replace(/=+$/, '') !== raw.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/'))) {
    problems.push('SECRETS_KEY: must be 32 bytes, written as 64 hex characters or base64 (openssl rand -base64 32)');
    return undefined;
  }
  return key;
}
