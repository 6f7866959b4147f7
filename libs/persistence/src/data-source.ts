import { DataSource, type DataSourceOptions } from 'typeorm';
import { ApiKeyEntity } from './entities/api-key.entity';
import { AuditEventEntity } from './entities/audit-event.entity';
import { ConnectionEntity } from './entities/connection.entity';
import { EventEntity } from './entities/event.entity';
import { IdempotencyKeyEntity } from './entities/idempotency-key.entity';
import { OperationEntity } from './entities/operation.entity';
import { ProviderSettingEntity } from './entities/provider-setting.entity';
import { SettingEntity } from './entities/setting.entity';
import { InitialSchema1764500000000 } from './migrations/1764500000000-initial-schema';
import { DurableOperations1764600000000 } from './migrations/1764600000000-durable-operations';

export const ENTITIES = [
  ConnectionEntity,
  ProviderSettingEntity,
  ApiKeyEntity,
  OperationEntity,
  IdempotencyKeyEntity,
  AuditEventEntity,
  SettingEntity,
  EventEntity,
];

export const MIGRATIONS = [InitialSchema1764500000000, DurableOperations1764600000000];

/**
 * TypeORM options for either database. `uuidExtension: 'pgcrypto'` makes defaults use core
 * gen_random_uuid() and `installExtensions: false` skips CREATE EXTENSION, which PGlite lacks;
 * both are harmless on PostgreSQL. Schema changes only through migrations, never synchronize.
 */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    extra: { max: poolSize, connectionTimeoutMillis: 10_000 },
  };
}

export function createDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource(dataSourceOptions(url, poolSize));
}
