import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { mergePages, PageTokenCodec, ProblemError, type MergeState, type OrderBy } from '@backbridge/core';
import { ConnectionEntity } from '@backbridge/persistence';
import { filterLeftToGateway, type ListingDeclarations, type ListRequest, type Page, type ProviderSession } from '@backbridge/plugin-sdk';
import { In, Repository } from 'typeorm';
import { problemBody, toProblem, type ProblemBody } from '../common/problem.filter';
import { RUNTIME_KEYS, type RuntimeKeys } from '../database/database.tokens';
import { hasCapability, type CapabilityPath } from '../plugins/capability';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { toConnectionResponse } from '../connections/connections.service';
import { EventsService } from '../events/events.service';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import type { ListQueryDto } from './list-query.dto';
import { TtlCache } from '../common/ttl-cache';

/** How one kind of vendor object is listed across connections. */
export interface ListKind<R extends { nativeId: string }, F> {
  name: string;
  capability: CapabilityPath;
  /** Where plugins declare what this list pushes down (`capabilities.listing[…]`). */
  listing: keyof ListingDeclarations;
  defaultOrder: OrderBy;
  call(session: ProviderSession, req: ListRequest<F>): Promise<Page<R>>;
  /** The unified filter; the gateway applies the part a plugin did not push down. */
  accept(record: R, filter: F): boolean;
  sortValue(record: R, field: OrderBy['field']): string;
}

export interface ListedItem<R> {
  connection: ConnectionEntity;
  record: R;
}

export interface ListOutcome<R> {
  items: ListedItem<R>[];
  nextPageToken: string | null;
  unreachable: { connection: string; provider: string; error: ProblemBody; leftOut: boolean }[];
}

export function parseOrderBy(text: string | undefined, fallback: OrderBy): OrderBy {
  if (!text) return fallback;
  const [field, direction] = text.split(' ') as [OrderBy['field'], OrderBy['direction'] | undefined];
  return { field, direction: direction ?? (field === 'createdAt' ? 'desc' : 'asc') };
}

@Injectable()
export class ListService {
  private readonly tokens: PageTokenCodec;
  /**
   * The vendor pages a walk will read again. A page token resumes each connection at the page it
   * was on plus a count of items already given, so the next request of a walk fetches that page
   * again only to skip into it; across four connections that is up to four vendor reads per item.
   * Continuing requests take those pages from here; first pages always ask the vendors.
   */
  private readonly pages: TtlCache<Page<unknown>>;

  constructor(
    @InjectRepository(ConnectionEntity) private readonly connections: Repository<ConnectionEntity>,
    private readonly registry: PluginRegistry,
    @Inject(RUNTIME_KEYS) keys: RuntimeKeys,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: EventsService,
  ) {
    this.tokens = new PageTokenCodec(keys.pageTokenKey);
    this.pages = new TtlCache(config.listPageCacheEntries, config.listPageCacheTtlMs);
  }

  /**
   * Lists one kind across every usable connection in scope, merged in order. `onlyConnection`
   * narrows the scope (a filter by a unified id belongs to one connection).
   */
  async list<R extends { nativeId: string }, F>(kind: ListKind<R, F>, query: ListQueryDto, filter: F, onlyConnection?: string): Promise<ListOutcome<R>> {
    const orderBy = parseOrderBy(query.orderBy, kind.defaultOrder);
    const pageSize = query.pageSize ?? 50;
    const scope = await this.scope(kind, query, onlyConnection);
    const digest = PageTokenCodec.queryDigest({ kind: kind.name, orderBy, filter, provider: query.provider, connection: query.connection, onlyConnection });
    const state = query.pageToken ? this.tokens.decode<MergeState>(query.pageToken, digest) : undefined;
    const byId = new Map(scope.map((c) => [c.id, c]));

    const direction = orderBy.direction === 'asc' ? 1 : -1;
    const compare = (a: R, b: R) => {
      const x = kind.sortValue(a, orderBy.field);
      const y = kind.sortValue(b, orderBy.field);
      const order = x < y ? -1 : x > y ? 1 : 0;
      return order * direction || (a.nativeId < b.nativeId ? -1 : a.nativeId > b.nativeId ? 1 : 0);
    };
    const answered = new Set<string>();
    const result = await mergePages(
      scope.map((connection) => ({
        key: connection.id,
        fetch: async (cursor: string | undefined, size: number) => {
          const key = JSON.stringify([connection.id, digest, cursor ?? null, size]);
          // Only a continuing walk reads from memory: a first page always asks the vendor.
          const kept = state ? (this.pages.get(key) as Page<R> | undefined) : undefined;
          if (kept) return kept;
          const page = await this.registry.invoke(connection, kind.capability, (session) => kind.call(session, { pageSize: size, cursor, orderBy, filter }), {
            timeoutMs: this.config.listTimeoutMs,
          });
          answered.add(connection.id);
          this.pages.set(key, page);
          return page;
        },
        accept: this.gatewayFilter(kind, connection, filter),
      })),
      { pageSize, compare, state },
    );

    await this.recordConnectionStates(scope, answered, result.failures);
    const unreachable = result.failures.map(({ source, error, abandoned }) => {
      const problem = toProblem(error);
      return { connection: source, provider: byId.get(source)!.provider, error: problemBody(problem, `/v1/connections/${source}`), leftOut: abandoned };
    });
    // AIP-217's escape hatch: a list of exactly one named connection answers with its real error.
    const named = query.connection?.length === 1 || onlyConnection !== undefined;
    if (named && result.failures.length === 1 && scope.length === 1) {
      throw toProblem(result.failures[0].error) as ProblemError;
    }
    return {
      items: result.items.map(({ source, item }) => ({ connection: byId.get(source)!, record: item })),
      nextPageToken: result.state ? this.tokens.encode(result.state, digest) : null,
      unreachable,
    };
  }

  /** The filters this connection's plugin did not push down, applied here. */
  private gatewayFilter<R extends { nativeId: string }, F>(kind: ListKind<R, F>, connection: ConnectionEntity, filter: F): (record: R) => boolean {
    const declaration = this.registry.get(connection.provider).capabilities.listing[kind.listing] as never;
    const left = filterLeftToGateway(filter as object, declaration) as F;
    return Object.keys(left as object).length === 0 ? () => true : (record) => kind.accept(record, left);
  }

  /**
   * What a list learned about its connections becomes their status in `/v1/connections` (and a
   * `connection.status_changed` event), written only when the state changes.
   */
  private async recordConnectionStates(scope: ConnectionEntity[], answered: Set<string>, failures: { source: string; error: unknown }[]): Promise<void> {
    const failed = new Map(failures.map((f) => [f.source, toProblem(f.error)]));
    for (const connection of scope) {
      const problem = failed.get(connection.id);
      const state = problem ? 'error' : answered.has(connection.id) ? 'ok' : undefined;
      if (!state || state === connection.statusState) continue;
      const message = problem ? `${problem.code}: ${problem.detail}` : 'Answered a list.';
      const changed = await this.connections
        .createQueryBuilder()
        .update()
        .set({ statusState: state, statusMessage: message, statusCheckedAt: new Date() })
        .where('id = :id AND status_state <> :state', { id: connection.id, state })
        .execute();
      if (!changed.affected) continue;
      const after = Object.assign(this.connections.create({ ...connection }), { statusState: state, statusMessage: message, statusCheckedAt: new Date() });
      await this.events.publish('connection.status_changed', connection.id, { ...toConnectionResponse(after), previousState: connection.statusState } as never);
    }
  }

  /** Connections whose plugin is loaded, enabled and able to list this kind. */
  private async scope(kind: { capability: CapabilityPath }, query: ListQueryDto, onlyConnection?: string): Promise<ConnectionEntity[]> {
    const ids = onlyConnection ? [onlyConnection, ...(query.connection ?? [])] : query.connection;
    const candidates = await this.connections.find({
      where: { ...(ids ? { id: In(ids) } : {}), ...(query.provider ? { provider: In(query.provider) } : {}) },
      order: { id: 'ASC' },
    });
    const enablement = await this.registry.enablement();
    return candidates.filter((c) => {
      if (onlyConnection && c.id !== onlyConnection) return false;
      if (!enablement.get(c.provider)) return false;
      return hasCapability(this.registry.get(c.provider).capabilities, kind.capability);
    });
  }
}
