import { hostname } from 'node:os';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isFinal, NotFoundError, VendorRejectedError, VendorUnavailableError, type ProblemError, type WorkStatus } from '@backbridge/core';
import { ConnectionEntity, OperationEntity } from '@backbridge/persistence';
import type { WorkState } from '@backbridge/plugin-sdk';
import { Repository } from 'typeorm';
import { problemBody, toProblem } from '../common/problem.filter';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { EventsService } from '../events/events.service';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import { OperationQueue } from './operation-queue.service';
import { toOperationResponse } from './operation-response';
import { nextPollDelayMs } from './poll-schedule';

/** This process among the gateway's instances. */
const INSTANCE = `${hostname()}:${process.pid}`;

/** Finished operations are kept this long (AIP-151). */
export const OPERATION_RETENTION_MS = 30 * 24 * 3600 * 1000;

/**
 * One poll of one operation, run by a queue worker: asks the plugin how the vendor's job is
 * doing, records it, tells subscribers, and asks the queue for the next poll until the work is
 * done. The queue guarantees that one worker at a time polls a given operation.
 */
@Injectable()
export class OperationPoller {
  private readonly logger = new Logger('OperationPoller');

  constructor(
    @InjectRepository(OperationEntity) private readonly operations: Repository<OperationEntity>,
    @InjectRepository(ConnectionEntity) private readonly connections: Repository<ConnectionEntity>,
    private readonly registry: PluginRegistry,
    private readonly queue: OperationQueue,
    private readonly events: EventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async poll(operationId: string): Promise<void> {
    const operation = await this.operations.findOneBy({ id: operationId });
    if (!operation || operation.done) return;
    try {
      if (!operation.jobRef) {
        await this.reconcile(operation);
      } else {
        await this.pollVendor(operation);
      }
    } catch (error) {
      // Never lose the operation to an unexpected error: log it and try again later.
      this.logger.error({ err: error, operation: operationId }, 'poll failed');
      await this.queue.schedulePoll(operationId, this.config.operationPollMaxMs).catch(() => undefined);
    }
  }

  private async pollVendor(operation: OperationEntity): Promise<void> {
    const connection = await this.connections.findOneBy({ id: operation.connectionId });
    if (!connection) {
      await this.finish(operation, 'failed', new NotFoundError(`The connection of this operation (${operation.connectionId}) was deleted while the work ran.`));
      return;
    }
    let state: WorkState;
    try {
      // Work already started is followed to its end even if the provider was disabled meanwhile.
      state = await this.registry.invoke(
        connection,
        undefined,
        (session) => {
          if (!session.getWork) throw new VendorUnavailableError(`The ${connection.provider} plugin cannot report on work it started.`);
          return session.getWork({ jobRef: operation.jobRef! });
        },
        { skipEnablement: true },
      );
    } catch (error) {
      const problem = toProblem(error);
      if (problem instanceof NotFoundError) {
        await this.finish(operation, 'failed', new VendorRejectedError(`The vendor no longer knows this job (it vanished): ${problem.detail}`, { provider: connection.provider, connection: connection.id, vendor: problem.extras.vendor }));
        return;
      }
      await this.recordPollFailure(operation, problem);
      return;
    }
    await this.record(operation, connection, state);
  }

  /** The vendor answered: write what it said, tell subscribers, and poll again unless it is done. */
  private async record(operation: OperationEntity, connection: ConnectionEntity, state: WorkState): Promise<void> {
    const status: WorkStatus = operation.status === 'cancelling' && !isFinal(state.status) ? 'cancelling' : state.status;
    const done = isFinal(status);
    const error = state.error
      ? problemBody(
          new VendorRejectedError(`The vendor reports the work failed: ${state.error.message}`, {
            provider: connection.provider,
            connection: connection.id,
            vendor: { code: state.error.code, message: state.error.message },
          }),
          `/v1/operations/${operation.id}`,
        )
      : null;
    const updated = await this.update(operation, {
      status,
      done,
      progress: (state.progress ?? null) as never,
      statusMessage: state.statusMessage ?? null,
      result: (state.result ?? null) as never,
      error: error as never,
      jobNativeId: state.jobNativeId ?? operation.jobNativeId,
      pollCount: operation.pollCount + 1,
      pollFailures: 0,
      polledAt: new Date(),
      polledBy: INSTANCE,
      ...(done && { expiresAt: new Date(Date.now() + OPERATION_RETENTION_MS), finishedAt: new Date() }),
    });
    if (!updated) return;
    await this.announce(operation, updated);
    if (!done) await this.queue.schedulePoll(operation.id, this.nextDelay(updated));
  }

  /** The vendor could not be asked: the operation keeps running, says why, and is asked again later. */
  private async recordPollFailure(operation: OperationEntity, problem: ProblemError): Promise<void> {
    const failures = operation.pollFailures + 1;
    this.logger.warn({ operation: operation.id, code: problem.code, failures }, 'could not poll the vendor');
    const updated = await this.update(operation, {
      statusMessage: `Could not ask the vendor (attempt ${failures}; retrying): ${problem.detail}`,
      pollCount: operation.pollCount + 1,
      pollFailures: failures,
      polledAt: new Date(),
      polledBy: INSTANCE,
    });
    if (updated) await this.queue.schedulePoll(operation.id, this.nextDelay(updated));
  }

  /**
   * An operation without a vendor job reference: either the API instance is still waiting for the
   * vendor's answer, or it stopped between recording the intent and recording the answer. Only the
   * second, after the vendor call's timeout has surely passed, is settled, and without calling the
   * vendor again: the work may have started there, so starting it again could run it twice.
   */
  private async reconcile(operation: OperationEntity): Promise<void> {
    const settleAfter = operation.createdAt.getTime() + this.config.vendorTimeoutMs + 30_000;
    const wait = settleAfter - Date.now();
    if (wait > 0) {
      await this.queue.schedulePoll(operation.id, wait);
      return;
    }
    await this.finish(
      operation,
      'failed',
      new VendorUnavailableError(
        'The gateway stopped before the vendor confirmed this work, so it cannot follow it. The vendor may have started it: look for it in GET /v1/jobs before starting it again.',
        { provider: operation.provider, connection: operation.connectionId },
      ),
    );
  }

  private async finish(operation: OperationEntity, status: WorkStatus, problem: ProblemError): Promise<void> {
    const updated = await this.update(operation, {
      status,
      done: true,
      error: problemBody(problem, `/v1/operations/${operation.id}`) as never,
      polledAt: new Date(),
      polledBy: INSTANCE,
      finishedAt: new Date(),
      expiresAt: new Date(Date.now() + OPERATION_RETENTION_MS),
    });
    if (updated) await this.announce(operation, updated);
  }

  /** Writes only while the operation is unfinished, so a late poll never overwrites an outcome. */
  private async update(operation: OperationEntity, changes: Partial<OperationEntity>): Promise<OperationEntity | undefined> {
    const result = await this.operations
      .createQueryBuilder()
      .update()
      .set({
        ...changes,
        ...(changes.polledBy && { pollsBy: () => `polls_by || jsonb_build_object(:instance::text, coalesce((polls_by ->> :instance::text)::int, 0) + 1)` }),
      } as never)
      .where('id = :id AND done = false', { id: operation.id, instance: INSTANCE })
      .execute();
    if (!result.affected) return undefined;
    // What was written, without reading it back (the per-instance poll counts are not shown anyway).
    return this.operations.merge(this.operations.create({ ...operation }), { ...changes, updatedAt: new Date() });
  }

  private async announce(before: OperationEntity, after: OperationEntity): Promise<void> {
    const data = toOperationResponse(after) as unknown as Record<string, unknown>;
    if (before.status !== after.status) await this.events.publish('operation.status_changed', after.id, data);
    if (after.done) await this.events.publish('operation.finished', after.id, data);
  }

  private nextDelay(operation: OperationEntity): number {
    const since = (operation.startedAt ?? operation.createdAt).getTime();
    return nextPollDelayMs({
      minMs: this.config.operationPollMinMs,
      maxMs: this.config.operationPollMaxMs,
      runningForMs: Date.now() - since,
      consecutiveFailures: operation.pollFailures,
    });
  }
}
