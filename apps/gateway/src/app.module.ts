import { randomUUID } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import type { BackupProviderPlugin } from '@backbridge/plugin-sdk';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { API_THROTTLER, LOGIN_THROTTLER } from './auth/rate-limit.guards';
import type { AppConfig } from './config/app-config';
import { APP_CONFIG } from './config/config.tokens';
import { ConnectionsModule } from './connections/connections.module';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { PluginsModule } from './plugins/plugins.module';
import { ProvidersModule } from './providers/providers.module';
import { UnifiedApiModule } from './unified-api.module';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  secretsKey: Buffer;
  plugins: BackupProviderPlugin[];
}

/** Paths pino must never print: credentials in bodies, tokens in headers. */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.credentials',
  '*.apiKey',
  '*.password',
  '*.secret',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
];

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const { config } = options;
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, ignoreEnvVars: true, load: [() => ({ app: config })] }),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            redact: { paths: LOG_REDACT_PATHS, censor: '[REDACTED]' },
            genReqId: (req) => (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
            customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url?.split('?')[0] }),
            },
          },
        }),
        ThrottlerModule.forRoot({
          throttlers: [
            { name: LOGIN_THROTTLER, ttl: 60_000, limit: config.loginRateLimitPerMinute },
            { name: API_THROTTLER, ttl: 60_000, limit: config.apiRateLimitPerMinute },
          ],
        }),
        DatabaseModule.forRoot({
          url: options.databaseUrl,
          poolSize: config.databasePoolSize,
          secretsKey: options.secretsKey,
          jwtSecret: config.jwtSecret,
        }),
        MetricsModule,
        AuditModule,
        EventsModule,
        PluginsModule.forRoot({ plugins: options.plugins }),
        AuthModule,
        HealthModule,
        ProvidersModule,
        ConnectionsModule,
        UnifiedApiModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
      global: true,
    };
  }
}
