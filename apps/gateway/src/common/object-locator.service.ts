import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { decodeUnifiedId, encodeUnifiedId, NotFoundError, type IdKind } from '@backbridge/core';
import { ConnectionEntity } from '@backbridge/persistence';
import { Repository } from 'typeorm';

export interface LocatedObject {
  connection: ConnectionEntity;
  nativeId: string;
}

/** Turns a unified id into its connection and the vendor's own id. */
@Injectable()
export class ObjectLocator {
  constructor(@InjectRepository(ConnectionEntity) private readonly connections: Repository<ConnectionEntity>) {}

  async locate(id: string, kind: IdKind, field = 'id'): Promise<LocatedObject> {
    const parts = decodeUnifiedId(id, kind, field);
    const connection = await this.connections.findOneBy({ id: parts.connectionId });
    if (!connection) {
      throw new NotFoundError(`The ${kind} '${id}' belongs to a connection that no longer exists.`);
    }
    return { connection, nativeId: parts.nativeId };
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
