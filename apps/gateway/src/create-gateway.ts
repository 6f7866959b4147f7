import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Logger as NestLogger } from '@nestjs/common';
import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@backbridge/persistence';
import type { BackupProviderPlugin } from '@backbridge/plugin-sdk';
import { startSandbox, type Sandbox, type SandboxEmulator } from '@backbridge/sandbox';
import { AppModule } from './app.module';
import { generateApiKey, ApiKeysService } from './auth/api-keys.service';
import { ProblemFilter } from './common/problem.filter';
import { createValidationPipe } from './common/validation';
import { loadConfig, type AppConfig } from './config/app-config';
import { ConnectionsService } from './connections/connections.service';
import { loadOrCreateSecretsKey } from './database/runtime-secrets';
import { MetricsService } from './metrics/metrics.service';
import { selectPlugins } from './plugins/plugin-catalogue';
import { buildOpenApiDocument, setupSwaggerUi } from './swagger';

export interface GatewayOptions {
  /** The environment to read configuration from. */
  env: Record<string, string | undefined>;
  /** Overrides the shipped plugins (tests register a test plugin). */
  plugins?: BackupProviderPlugin[];
  /** Overrides the shipped emulators in sandbox mode. */
  emulators?: SandboxEmulator[];
  /** Listen on the configured port (default true). */
  listen?: boolean;
}

export interface Gateway {
  app: NestFastifyApplication;
  config: AppConfig;
  /** Base URL when listening, e.g. http://127.0.0.1:3000. */
  url: string;
  /** The admin key generated for sandbox mode, when ADMIN_API_KEY is unset. */
  generatedAdminKey?: string;
  close(): Promise<void>;
}

/** 1 MiB: unified requests are small; a larger body is refused with 413. */
const BODY_LIMIT = 1024 * 1024;

/** Boots the whole gateway: database (embedded or PostgreSQL), migrations, HTTP app, sandbox. */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const config = loadConfig(options.env);
  const bootLogger = new NestLogger('Bootstrap');
  const plugins = options.plugins ?? selectPlugins(config.plugins);
  let embedded: EmbeddedPostgres | undefined;
  let sandbox: Sandbox | undefined;
  let app: NestFastifyApplication | undefined;
  try {
    const secretsKey = config.secretsKey ?? loadOrCreateSecretsKey(config.dataDir, (m) => bootLogger.warn(m));
    if (!config.databaseUrl) {
      embedded = await startEmbeddedPostgres({ dataDir: join(config.dataDir, 'pglite'), maxConnections: config.databasePoolSize + 20 });
    }
    const databaseUrl = config.databaseUrl ?? embedded!.url;
    const adapter = new FastifyAdapter({
      bodyLimit: BODY_LIMIT,
      // Unified ids carry the vendor's native id, which can be long (decodeUnifiedId accepts 2048).
      routerOptions: { maxParamLength: 2048 },
      trustProxy: false,
      // One request id for Fastify, the logs and the x-request-id answer header.
      genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
        req.headers['x-request-id'] = id;
        return id;
      },
    });
    app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot({ config, databaseUrl, secretsKey, plugins }),
      adapter,
      { bufferLogs: true, abortOnError: false },
    );
    app.useLogger(app.get(Logger));
    // Security headers on every answer. Swagger UI needs inline styles and its own scripts.
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: [`'self'`],
          styleSrc: [`'self'`, `'unsafe-inline'`],
          imgSrc: [`'self'`, 'data:', 'validator.swagger.io'],
          scriptSrc: [`'self'`, `'unsafe-inline'`],
          // The gateway is often reached over plain HTTP (npm start): do not ask browsers to upgrade.
          upgradeInsecureRequests: null,
        },
      },
    });
    app.useGlobalFilters(new ProblemFilter());
    app.useGlobalPipes(createValidationPipe());
    const fastify = app.getHttpAdapter().getInstance();
    fastify.addHook('onSend', async (request, reply) => {
      reply.header('x-request-id', String(request.id));
    });
    const metrics = app.get(MetricsService);
    fastify.addHook('onResponse', async (request, reply) => {
      metrics.httpDuration.observe(
        { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
    setupSwaggerUi(app, buildOpenApiDocument(app));
    await app.init();

    const keys = app.get(ApiKeysService);
    let generatedAdminKey: string | undefined;
    if (config.adminApiKey) {
      await keys.ensureSystemKey('bootstrap-admin', config.adminApiKey);
    } else if (config.sandbox) {
      generatedAdminKey = generateApiKey();
      await keys.ensureSystemKey('sandbox-admin', generatedAdminKey);
    }

    // A worker-only process serves no API and starts no emulators: the API instances own those.
    if (config.sandbox && config.role !== 'worker') {
      sandbox = await startSandbox(plugins.map((p) => p.id), options.emulators);
      const connections = app.get(ConnectionsService);
      for (const emulator of sandbox.emulators) {
        await connections.upsertSandboxConnection(emulator);
      }
    }

    let url = '';
    if ((options.listen ?? true) && config.role !== 'worker') {
      await app.listen({ port: config.port, host: config.host });
      const address = fastify.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    }
    const started = app;
    return {
      app: started,
      config,
      url,
      generatedAdminKey,
      async close() {
        await started.close();
        await sandbox?.stop();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await sandbox?.stop().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}
