import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { NotFoundError, type Role } from '@backbridge/core';
import { ApiKeyEntity } from '@backbridge/persistence';
import { Repository } from 'typeorm';
import { isUUID } from 'class-validator';
import { TtlCache } from '../common/ttl-cache';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';

const KEY_PREFIX = 'bbk_';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

@Injectable()
export class ApiKeysService {
  /**
   * Every authenticated request reads its key (a deleted key must stop working): kept for
   * LOOKUP_CACHE_TTL_MS, dropped at once when deleted here, within that time on other instances.
   */
  private readonly cached: TtlCache<ApiKeyEntity>;

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cached = new TtlCache(1_000, config.lookupCacheTtlMs);
  }

  /** Creates a key; the plaintext is returned this once and only its hash is stored. */
  async create(name: string, role: Role): Promise<{ entity: ApiKeyEntity; key: string }> {
    const key = generateApiKey();
    const entity = await this.keys.save(
      this.keys.create({ name, role, keyHash: hashApiKey(key), keyPrefix: key.slice(0, KEY_PREFIX.length + 6) }),
    );
    return { entity, key };
  }

  list(): Promise<ApiKeyEntity[]> {
    return this.keys.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async remove(id: string): Promise<ApiKeyEntity> {
    const entity = await this.find(id);
    if (!entity) {
      throw new NotFoundError(`API key '${id}' does not exist.`);
    }
    await this.keys.delete({ id });
    this.cached.delete(id);
    return entity;
  }

  async find(id: string): Promise<ApiKeyEntity | null> {
    if (!isUUID(id)) return null;
    return (await this.cached.getOrLoad(id, async () => (await this.keys.findOneBy({ id })) ?? undefined)) ?? null;
  }

  /** The key's record, or null when it does not exist (wrong or deleted key). */
  async verify(key: string): Promise<ApiKeyEntity | null> {
    const entity = await this.keys.findOneBy({ keyHash: hashApiKey(key) });
    if (entity) {
      await this.keys.update({ id: entity.id }, { lastUsedAt: new Date() });
    }
    return entity;
  }

  /**
   * Makes `key` the gateway-managed admin key named `systemName` (ADMIN_API_KEY, or the sandbox's
   * generated key). One upsert, safe when several instances start together. When the key changes
   * the row gets a new id, so tokens issued for the old key stop working.
   */
  async ensureSystemKey(systemName: string, key: string): Promise<void> {
    await this.keys.query(
      `INSERT INTO api_keys (name, role, key_hash, key_prefix, system_name) VALUES ($1, 'admin', $2, $3, $1)
       ON CONFLICT (system_name) DO UPDATE
         SET id = gen_random_uuid(), key_hash = EXCLUDED.key_hash, key_prefix = EXCLUDED.key_prefix, role = 'admin', created_at = now(), last_used_at = NULL
         WHERE api_keys.key_hash <> EXCLUDED.key_hash`,
      [systemName, hashApiKey(key), key.slice(0, Math.min(key.length, 10))],
    );
    this.cached.clear();
  }

}
