import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { decodeUnifiedId, encodeUnifiedId, NotFoundError, ValidationFailedError, type IdKind } from '@backbridge/core';
import { ConnectionEntity } from '@backbridge/persistence';
import { Repository } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import { TtlCache } from './ttl-cache';

export interface LocatedObject {
  connection: ConnectionEntity;
  nativeId: string;
}

/** Turns a unified id into its connection and the vendor's own id. */
@Injectable()
export class ObjectLocator {
  /** Every request by id reads its connection: kept for LOOKUP_CACHE_TTL_MS, dropped at once when it changes here. */
  private readonly cached: TtlCache<ConnectionEntity>;

  constructor(
    @InjectRepository(ConnectionEntity) private readonly connections: Repository<ConnectionEntity>,
    @Inject(APP_CONFIG) config: AppConfig,
    registry: PluginRegistry,
  ) {
    this.cached = new TtlCache(1_000, config.lookupCacheTtlMs);
    registry.onForget((connectionId) => this.cached.delete(connectionId));
  }

  async locate(id: string, kind: IdKind, field = 'id'): Promise<LocatedObject> {
    const parts = decodeUnifiedId(id, kind, field);
    const connection = await this.cached.getOrLoad(parts.connectionId, async () => (await this.connections.findOneBy({ id: parts.connectionId })) ?? undefined);
    if (!connection) {
      throw new NotFoundError(`The ${kind} '${id}' belongs to a connection that no longer exists.`);
    }
    return { connection, nativeId: parts.nativeId };
  }

  /**
   * The `resource` and `policy` filters of a list: both name objects of one connection, which
   * becomes the list's only connection.
   */
  async locateScope(query: { resource?: string; policy?: string }): Promise<{ resource?: LocatedObject; policy?: LocatedObject; connectionId?: string }> {
    const resource = query.resource ? await this.locate(query.resource, 'resource', 'resource') : undefined;
    const policy = query.policy ? await this.locate(query.policy, 'policy', 'policy') : undefined;
    if (resource && policy && resource.connection.id !== policy.connection.id) {
      throw ValidationFailedError.field('policy', 'belongs to another connection than the resource');
    }
    return { resource, policy, connectionId: (resource ?? policy)?.connection.id };
  }
}

/** The fields every unified object starts with. */
export function identity(kind: IdKind, connection: ConnectionEntity, nativeId: string) {
  return { id: encodeUnifiedId(kind, connection.id, nativeId), provider: connection.provider, connection: connection.id, nativeId };
}

export function optionalId(kind: IdKind, connection: ConnectionEntity, nativeId: string | undefined): string | undefined {
  return nativeId === undefined ? undefined : encodeUnifiedId(kind, connection.id, nativeId);
}

/** Adds `native` only for `view=full`. */
export function withNative<T extends object>(object: T, native: unknown, view: 'basic' | 'full' | undefined): T & { native?: unknown } {
  return view === 'full' ? { ...object, native: native ?? null } : object;
}
