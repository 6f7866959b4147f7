import { hkdfSync } from 'node:crypto';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, ENTITIES, runMigrations, SecretBox } from '@backbridge/persistence';
import { DataSource } from 'typeorm';
import { loadOrCreateJwtSecret } from './runtime-secrets';
import { DATABASE_URL, RUNTIME_KEYS, SECRET_BOX, type RuntimeKeys } from './database.tokens';

export interface DatabaseModuleOptions {
  url: string;
  poolSize: number;
  secretsKey: Buffer;
  jwtSecret?: string;
}

/** TypeORM on the given URL (embedded PGlite or PostgreSQL); migrations run before anything else. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(options.url, options.poolSize),
          dataSourceFactory: async (opts) => {
            const dataSource = await new DataSource(opts!).initialize();
            await runMigrations(dataSource);
            return dataSource;
          },
        }),
        TypeOrmModule.forFeature(ENTITIES),
      ],
      providers: [
        { provide: SECRET_BOX, useValue: new SecretBox(options.secretsKey) },
        { provide: DATABASE_URL, useValue: options.url },
        {
          provide: RUNTIME_KEYS,
          inject: [DataSource],
          useFactory: async (dataSource: DataSource): Promise<RuntimeKeys> => {
            const jwtSecret = options.jwtSecret ?? (await loadOrCreateJwtSecret(dataSource));
            const pageTokenKey = Buffer.from(hkdfSync('sha256', jwtSecret, 'backbridge', 'page-token', 32));
            return { jwtSecret, pageTokenKey };
          },
        },
      ],
      exports: [TypeOrmModule, SECRET_BOX, RUNTIME_KEYS, DATABASE_URL],
    };
  }
}
