import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  CapabilityNotSupportedError,
  ConflictError,
  encodeUnifiedId,
  isFinal,
  NotFoundError,
  PageTokenCodec,
  ProblemError,
  VendorRejectedError,
  type OperationType,
  type WorkStatus,
} from '@backbridge/core';
import { ConnectionEntity, OperationEntity } from '@backbridge/persistence';
import type { ProviderSession, StartedWork, WorkState } from '@backbridge/plugin-sdk';
import { DataSource, Repository } from 'typeorm';
import { isUUID } from 'class-validator';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { problemBody, toProblem } from '../common/problem.filter';
import { RUNTIME_KEYS, type RuntimeKeys } from '../database/database.tokens';
import { hasCapability, type CapabilityPath } from '../plugins/capability';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import type { OperationListQueryDto, OperationListResponseDto, OperationResponseDto } from './operations.dto';

/** Finished operations are kept this long (AIP-151). */
const RETENTION_MS = 30 * 24 * 3600 * 1000;

export interface StartOperation {
  type: OperationType;
  connection: ConnectionEntity;
  capability: CapabilityPath;
  /** `<connection>:<native id>` of the resource the work is about, for the one-at-a-time rule. */
  resourceKey?: string;
  request: Record<string, unknown>;
  start(session: ProviderSession): Promise<StartedWork>;
}

export function toOperationResponse(op: OperationEntity): OperationResponseDto {
  const connection = op.connectionId;
  const result = op.result as { recoveryPointNativeIds?: string[]; resourceNativeIds?: string[] } | null;
  return {
    id: op.id,
    type: op.type,
    status: op.status as WorkStatus,
    done: op.done,
    ...(op.progress ? { progress: op.progress } : {}),
    ...(op.statusMessage ? { statusMessage: op.statusMessage } : {}),
    provider: op.provider,
    connection,
    request: op.request,
    ...(op.jobNativeId ? { job: encodeUnifiedId('job', connection, op.jobNativeId) } : {}),
    ...(result
      ? {
          result: {
            ...(result.recoveryPointNativeIds ? { recoveryPoints: result.recoveryPointNativeIds.map((id) => encodeUnifiedId('recoveryPoint', connection, id)) } : {}),
            ...(result.resourceNativeIds ? { resources: result.resourceNativeIds.map((id) => encodeUnifiedId('resource', connection, id)) } : {}),
          },
        }
      : {}),
    ...(op.error ? { error: op.error as unknown as OperationResponseDto['error'] } : {}),
    createdBy: op.createdBy,
    createdAt: op.createdAt.toISOString(),
    updatedAt: op.updatedAt.toISOString(),
  };
}

/**
 * The gateway's record of work it started. Intent is written before the vendor is called and
 * the vendor's job reference right after, so a started vendor job is never unrecorded.
 */
@Injectable()
export class OperationsService {
  private readonly logger = new Logger('OperationsService');
  private readonly tokens: PageTokenCodec;

  constructor(
    @InjectRepository(OperationEntity) private readonly operations: Repository<OperationEntity>,
    @InjectRepository(ConnectionEntity) private readonly connections: Repository<ConnectionEntity>,
    private readonly dataSource: DataSource,
    private readonly registry: PluginRegistry,
    private readonly audit: AuditService,
    @Inject(RUNTIME_KEYS) keys: RuntimeKeys,
  ) {
    this.tokens = new PageTokenCodec(keys.pageTokenKey);
  }

  async start(spec: StartOperation, principal: Principal): Promise<OperationEntity> {
    const plugin = await this.registry.ensureUsable(spec.connection.provider);
    if (!hasCapability(plugin.capabilities, spec.capability)) {
      throw new CapabilityNotSupportedError(plugin.id, spec.capability);
    }
    const operation = await this.recordIntent(spec, principal, plugin.capabilities.queuesConcurrentWork);
    let started: StartedWork;
    try {
      started = await this.registry.invoke(spec.connection, spec.capability, spec.start);
    } catch (error) {
      const problem = toProblem(error);
      await this.operations.update(
        { id: operation.id },
        { status: 'failed', done: true, error: problemBody(problem, `/v1/operations/${operation.id}`) as never, expiresAt: new Date(Date.now() + RETENTION_MS) },
      );
      throw problem;
    }
    await this.operations.update(
      { id: operation.id },
      { status: 'running', jobRef: started.jobRef, jobNativeId: started.jobNativeId ?? null, ...(started.statusMessage && { statusMessage: started.statusMessage }) },
    );
    await this.audit.record(principal, `operation.${spec.type}`, operation.id, { provider: plugin.id, connection: spec.connection.id });
    return this.find(operation.id);
  }

  /** Reads an operation; an unfinished one is brought up to date from the vendor first. */
  async get(id: string): Promise<OperationEntity> {
    const operation = await this.find(id);
    return operation.done || !operation.jobRef ? operation : this.refresh(operation);
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
      await this.operations.update({ id }, { status: 'cancelling' });
      await this.audit.record(principal, 'operation.cancel', id);
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
      return tx.save(
        tx.create(OperationEntity, {
          type: spec.type,
          status: 'pending',
          done: false,
          provider: spec.connection.provider,
          connectionId: spec.connection.id,
          request: spec.request,
          resourceKey: spec.resourceKey ?? null,
          createdBy: principal.id,
        }),
      );
    });
  }

  private async refresh(operation: OperationEntity): Promise<OperationEntity> {
    const connection = await this.connectionOf(operation);
    let state: WorkState;
    try {
      state = await this.registry.invoke(connection, undefined, (s) => {
        if (!s.getWork) throw new CapabilityNotSupportedError(connection.provider, 'operations.progress');
        return s.getWork({ jobRef: operation.jobRef! });
      });
    } catch (error) {
      // The vendor could not be asked now: the operation stays as it was; the reader sees why.
      if (error instanceof ProblemError) {
        this.logger.warn({ operation: operation.id, code: error.code }, 'could not refresh operation');
        return { ...operation, statusMessage: `Could not reach the vendor: ${error.detail}` } as OperationEntity;
      }
      throw error;
    }
    const status: WorkStatus = operation.status === 'cancelling' && !isFinal(state.status) ? 'cancelling' : state.status;
    const done = isFinal(status);
    await this.operations.update(
      { id: operation.id },
      {
        status,
        done,
        progress: (state.progress ?? null) as never,
        statusMessage: state.statusMessage ?? null,
        result: (state.result ?? null) as never,
        error: state.error
          ? (problemBody(
              new VendorRejectedError(`The vendor reports the work failed: ${state.error.message}`, {
                provider: connection.provider,
                connection: connection.id,
                vendor: { code: state.error.code, message: state.error.message },
              }),
              `/v1/operations/${operation.id}`,
            ) as never)
          : null,
        jobNativeId: state.jobNativeId ?? operation.jobNativeId,
        expiresAt: done ? new Date(Date.now() + RETENTION_MS) : null,
      },
    );
    return this.find(operation.id);
  }
}
