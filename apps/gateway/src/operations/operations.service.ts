import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  CapabilityNotSupportedError,
  ConflictError,
  NotFoundError,
  PageTokenCodec,
  type OperationType,
} from '@backbridge/core';
import { ConnectionEntity, IdempotencyKeyEntity, OperationEntity } from '@backbridge/persistence';
import type { ProviderSession, StartedWork } from '@backbridge/plugin-sdk';
import { DataSource, Repository } from 'typeorm';
import { isUUID } from 'class-validator';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { idempotencyClaims } from '../common/idempotency.interceptor';
import { problemBody, toProblem } from '../common/problem.filter';
import { RUNTIME_KEYS, type RuntimeKeys } from '../database/database.tokens';
import { hasCapability, type CapabilityPath } from '../plugins/capability';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { EventsService } from '../events/events.service';
import { OPERATION_RETENTION_MS } from './operation-poller.service';
import { OperationQueue } from './operation-queue.service';
import { toOperationResponse } from './operation-response';
import type { OperationListQueryDto, OperationListResponseDto, OperationResponseDto } from './operations.dto';

export { toOperationResponse } from './operation-response';

export interface StartOperation {
  type: OperationType;
  connection: ConnectionEntity;
  capability: CapabilityPath;
  /** `<connection>:<native id>` of the resource the work is about, for the one-at-a-time rule. */
  resourceKey?: string;
  request: Record<string, unknown>;
  start(session: ProviderSession): Promise<StartedWork>;
}

/**
 * The gateway's record of work it started. Intent is written before the vendor is called and
 * the vendor's job reference right after, so a started vendor job is never unrecorded.
 */
@Injectable()
export class OperationsService {
  private readonly tokens: PageTokenCodec;

  constructor(
    @InjectRepository(OperationEntity) private readonly operations: Repository<OperationEntity>,
    @InjectRepository(ConnectionEntity) private readonly connections: Repository<ConnectionEntity>,
    private readonly dataSource: DataSource,
    private readonly registry: PluginRegistry,
    private readonly audit: AuditService,
    private readonly queue: OperationQueue,
    private readonly events: EventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUNTIME_KEYS) keys: RuntimeKeys,
  ) {
    this.tokens = new PageTokenCodec(keys.pageTokenKey);
  }

  async start(spec: StartOperation, principal: Principal): Promise<OperationEntity> {
    const plugin = await this.registry.ensureUsable(spec.connection.provider);
    if (!hasCapability(plugin.capabilities, spec.capability)) {
      throw new CapabilityNotSupportedError(plugin.id, spec.capability);
    }
    // 1. Intent: the row exists before the vendor hears of the work.
    const operation = await this.recordIntent(spec, principal, plugin.capabilities.queuesConcurrentWork);
    await this.events.publish('operation.created', operation.id, toOperationResponse(operation) as never);
    // 2. The vendor call. A crash from here to step 3 leaves a `pending` row without a job
    //    reference, which a worker's sweep finds and settles (OperationPoller.reconcile).
    let started: StartedWork;
    try {
      started = await this.registry.invoke(spec.connection, spec.capability, spec.start);
    } catch (error) {
      const problem = toProblem(error);
      const now = new Date();
      await this.operations.update(
        { id: operation.id },
        { status: 'failed', done: true, error: problemBody(problem, `/v1/operations/${operation.id}`) as never, finishedAt: now, expiresAt: new Date(now.getTime() + OPERATION_RETENTION_MS) },
      );
      await this.events.publish('operation.finished', operation.id, toOperationResponse(await this.find(operation.id)) as never);
      throw problem;
    }
    // 3. The vendor's reference, then the queue: a worker follows the work from here on.
    await this.operations.update(
      { id: operation.id },
      {
        status: 'running',
        jobRef: started.jobRef,
        jobNativeId: started.jobNativeId ?? null,
        startedAt: new Date(),
        ...(started.statusMessage && { statusMessage: started.statusMessage }),
      },
    );
    await this.queue.schedulePoll(operation.id, this.config.operationPollMinMs);
    await this.audit.record(principal, `operation.${spec.type}`, operation.id, { provider: plugin.id, connection: spec.connection.id });
    const running = await this.find(operation.id);
    await this.events.publish('operation.status_changed', running.id, toOperationResponse(running) as never);
    return running;
  }

  /** Reads an operation as the workers last recorded it. */
  async get(id: string): Promise<OperationEntity> {
    return this.find(id);
  }

  async list(query: OperationListQueryDto): Promise<OperationListResponseDto> {
    const pageSize = query.pageSize ?? 50;
    const digest = PageTokenCodec.queryDigest({ kind: 'operations', type: query.type, status: query.status, provider: query.provider });
    const after = query.pageToken ? this.tokens.decode<{ t: string; id: string }>(query.pageToken, digest) : undefined;
    const qb = this.operations.createQueryBuilder('o').orderBy('o.created_at', 'DESC').addOrderBy('o.id', 'DESC').take(pageSize + 1);
    if (query.type) qb.andWhere('o.type = :type', { type: query.type });
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (query.provider) qb.andWhere('o.provider = :provider', { provider: query.provider });
    if (after) qb.andWhere('(o.created_at, o.id) < (:t, :id)', { t: after.t, id: after.id });
    const rows = await qb.getMany();
    const page = rows.slice(0, pageSize);
    const last = page[page.length - 1];
    return {
      items: page.map(toOperationResponse),
      nextPageToken: rows.length > pageSize && last ? this.tokens.encode({ t: last.createdAt.toISOString(), id: last.id }, digest) : null,
    };
  }

  async cancel(id: string, principal: Principal): Promise<OperationEntity> {
    const operation = await this.get(id);
    if (operation.done) {
      throw new ConflictError(`Operation ${id} is already ${operation.status}.`, { operation: id });
    }
    const connection = await this.connectionOf(operation);
    const plugin = this.registry.get(connection.provider);
    if (!hasCapability(plugin.capabilities, 'jobs.cancel')) {
      throw new CapabilityNotSupportedError(plugin.id, 'jobs.cancel');
    }
    if (operation.status !== 'cancelling') {
      if (operation.jobRef) {
        await this.registry.invoke(connection, 'jobs.cancel', (s) => s.cancelWork!({ jobRef: operation.jobRef! }));
      }
      await this.operations.update({ id, done: false }, { status: 'cancelling' });
      await this.audit.record(principal, 'operation.cancel', id);
      const cancelling = await this.find(id);
      await this.events.publish('operation.status_changed', id, toOperationResponse(cancelling) as never);
      return cancelling;
    }
    return this.find(id);
  }

  private async find(id: string): Promise<OperationEntity> {
    const operation = isUUID(id) ? await this.operations.findOneBy({ id }) : null;
    if (!operation) {
      throw new NotFoundError(`Operation '${id}' does not exist.`);
    }
    return operation;
  }

  private async connectionOf(operation: OperationEntity): Promise<ConnectionEntity> {
    const connection = await this.connections.findOneBy({ id: operation.connectionId });
    if (!connection) {
      throw new NotFoundError(`The connection of operation ${operation.id} no longer exists.`);
    }
    return connection;
  }

  /**
   * Writes the operation row before the vendor is called. The check for running work on the same
   * resource and the insert share one transaction under a lock on the resource key, so two
   * concurrent requests cannot both pass the check.
   */
  private recordIntent(spec: StartOperation, principal: Principal, vendorQueues: boolean): Promise<OperationEntity> {
    return this.dataSource.transaction(async (tx) => {
      if (spec.resourceKey && !vendorQueues) {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [spec.resourceKey]);
        const running = await tx.findOne(OperationEntity, { where: { resourceKey: spec.resourceKey, done: false } });
        if (running) {
          throw new ConflictError(`A ${running.type} of this resource is still running (operation ${running.id}); wait for it or cancel it.`, {
            operation: running.id,
          });
        }
      }
      const operation = await tx.save(
        tx.create(OperationEntity, {
          type: spec.type,
          status: 'pending',
          done: false,
          provider: spec.connection.provider,
          connectionId: spec.connection.id,
          request: spec.request,
          resourceKey: spec.resourceKey ?? null,
          createdBy: principal.id,
          workerGroup: this.config.workerGroup,
        }),
      );
      // With an Idempotency-Key, the key names this operation from the moment it exists, so a
      // retry after a crash finds it instead of starting the work again.
      const claim = idempotencyClaims.getStore();
      if (claim) {
        await tx.update(IdempotencyKeyEntity, { principal: claim.principal, key: claim.key }, { operationId: operation.id });
      }
      return operation;
    });
  }
}
