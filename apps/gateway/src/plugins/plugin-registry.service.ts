import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  CapabilityNotSupportedError,
  NotFoundError,
  ProblemError,
  ProviderDisabledError,
  VendorTimeoutError,
  VendorUnauthorizedError,
  VendorUnavailableError,
} from '@backbridge/core';
import { ConnectionEntity, ProviderSettingEntity, SecretBox } from '@backbridge/persistence';
import { redactSecrets, type BackupProviderPlugin, type PluginLogger, type ProviderSession } from '@backbridge/plugin-sdk';
import { Repository } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { SECRET_BOX } from '../database/database.tokens';
import { MetricsService } from '../metrics/metrics.service';
import { TtlCache } from '../common/ttl-cache';
import { hasCapability, type CapabilityPath } from './capability';
import { LOADED_PLUGINS } from './plugins.tokens';

interface CachedSession {
  version: string;
  session: Promise<ProviderSession>;
}

/**
 * The loaded plugins, their enablement (database rows, kept for LOOKUP_CACHE_TTL_MS: a change is
 * effective at once on the instance that made it, within that time on the others), and one
 * session per connection. Every call into a plugin goes through `invoke`, the error boundary:
 * only problems leave it.
 */
@Injectable()
export class PluginRegistry implements OnApplicationShutdown {
  private readonly logger = new Logger('PluginRegistry');
  private readonly byId: Map<string, BackupProviderPlugin>;
  private readonly sessions = new Map<string, CachedSession>();
  private readonly enablementRows: TtlCache<Map<string, boolean>>;
  private readonly forgetListeners: ((connectionId: string) => void)[] = [];

  constructor(
    @Inject(LOADED_PLUGINS) plugins: BackupProviderPlugin[],
    @InjectRepository(ProviderSettingEntity) private readonly settings: Repository<ProviderSettingEntity>,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    this.byId = new Map(plugins.map((p) => [p.id, p]));
    this.enablementRows = new TtlCache(1, config.lookupCacheTtlMs);
  }

  /** Called when a connection changed or went away (its cached rows must go too). */
  onForget(listener: (connectionId: string) => void): void {
    this.forgetListeners.push(listener);
  }

  all(): BackupProviderPlugin[] {
    return [...this.byId.values()];
  }

  get(id: string): BackupProviderPlugin {
    const plugin = this.byId.get(id);
    if (!plugin) {
      throw new NotFoundError(`Provider '${id}' is not loaded; loaded: ${[...this.byId.keys()].join(', ') || 'none'} (see PLUGINS).`);
    }
    return plugin;
  }

  /** Enablement of every loaded plugin; a plugin without a row is enabled. */
  async enablement(): Promise<Map<string, boolean>> {
    const explicit = (await this.enablementRows.getOrLoad('all', async () => new Map((await this.settings.find()).map((r) => [r.providerId, r.enabled]))))!;
    return new Map(this.all().map((p) => [p.id, explicit.get(p.id) ?? true]));
  }

  async isEnabled(id: string): Promise<boolean> {
    return (await this.enablement()).get(id) ?? true;
  }

  async setEnabled(id: string, enabled: boolean): Promise<void> {
    this.get(id);
    await this.settings.upsert({ providerId: id, enabled }, ['providerId']);
    this.enablementRows.clear();
  }

  /** Throws unless the connection's plugin is loaded and enabled. */
  async ensureUsable(provider: string): Promise<BackupProviderPlugin> {
    const plugin = this.get(provider);
    if (!(await this.isEnabled(provider))) {
      throw new ProviderDisabledError(provider);
    }
    return plugin;
  }

  /**
   * Calls a session method behind its capability flag, with the gateway's timeout and the error
   * boundary. `capability` undefined means the call needs no flag (e.g. the connection check).
   */
  async invoke<T>(
    connection: ConnectionEntity,
    capability: CapabilityPath | undefined,
    call: (session: ProviderSession) => Promise<T> | T,
    options: { skipEnablement?: boolean; timeoutMs?: number } = {},
  ): Promise<T> {
    const timeoutMs = Math.min(options.timeoutMs ?? this.config.vendorTimeoutMs, this.config.vendorTimeoutMs);
    const plugin = options.skipEnablement ? this.get(connection.provider) : await this.ensureUsable(connection.provider);
    if (capability && !hasCapability(plugin.capabilities, capability)) {
      throw new CapabilityNotSupportedError(plugin.id, capability);
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      const session = await this.session(plugin, connection);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new VendorTimeoutError(`The vendor did not answer within ${timeoutMs} ms.`)),
          timeoutMs,
        );
      });
      return await Promise.race([Promise.resolve(call(session)), timeout]);
    } catch (error) {
      throw this.asProblem(error, plugin.id, connection.id);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Drops the cached session of a connection (after an update or delete). */
  async forget(connectionId: string): Promise<void> {
    for (const listener of this.forgetListeners) listener(connectionId);
    const cached = this.sessions.get(connectionId);
    this.sessions.delete(connectionId);
    await cached?.session.then((s) => s.close?.()).catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.forget(id)));
  }

  private session(plugin: BackupProviderPlugin, connection: ConnectionEntity): Promise<ProviderSession> {
    // What the session is built from; a status update alone keeps the session.
    const version = JSON.stringify([connection.endpoint, connection.region, connection.config, connection.credentialsSealed]);
    const cached = this.sessions.get(connection.id);
    if (cached && cached.version === version) {
      return cached.session;
    }
    if (cached) {
      void this.forget(connection.id);
    }
    const session = Promise.resolve().then(() =>
      plugin.connect({
        id: connection.id,
        name: connection.name,
        endpoint: connection.endpoint,
        region: connection.region ?? undefined,
        config: connection.config,
        credentials: this.openCredentials(connection),
        logger: this.pluginLogger(plugin.id, connection.id),
        observeVendorCall: this.metrics.observeVendorCall,
        timeoutMs: this.config.vendorTimeoutMs,
      }),
    );
    // A failed connect is not cached: the next call tries again.
    session.catch(() => this.sessions.get(connection.id)?.session === session && this.sessions.delete(connection.id));
    this.sessions.set(connection.id, { version, session });
    return session;
  }

  /** Stored credentials sealed with another SECRETS_KEY are a configuration problem, said plainly. */
  private openCredentials(connection: ConnectionEntity): Record<string, unknown> {
    try {
      return JSON.parse(this.secrets.open(connection.credentialsSealed, `connection:${connection.id}`)) as Record<string, unknown>;
    } catch {
      throw new VendorUnauthorizedError(
        `The stored credentials of connection '${connection.name}' cannot be decrypted with this gateway's SECRETS_KEY: start it with the key they were stored with, or send the credentials again (PATCH /v1/connections/${connection.id}).`,
        { connection: connection.id, provider: connection.provider },
      );
    }
  }

  private asProblem(error: unknown, provider: string, connection: string): ProblemError {
    if (error instanceof ProblemError) {
      return error.withOrigin(provider, connection);
    }
    this.logger.error({ err: error, provider, connection }, 'plugin threw a non-problem error');
    return new VendorUnavailableError(`The ${provider} plugin failed unexpectedly.`, { provider, connection, cause: error });
  }

  private pluginLogger(plugin: string, connection: string): PluginLogger {
    const log = (level: 'debug' | 'log' | 'warn' | 'error') => (message: string, context?: Record<string, unknown>) =>
      this.logger[level]({ plugin, connection, ...(context ? (redactSecrets(context) as object) : {}) }, message);
    const debugEnabled = this.config.logLevel === 'debug' || this.config.logLevel === 'trace';
    return { debug: log('debug'), info: log('log'), warn: log('warn'), error: log('error'), isDebugEnabled: () => debugEnabled };
  }
}
