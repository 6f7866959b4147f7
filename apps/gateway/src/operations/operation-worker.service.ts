import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IdempotencyKeyEntity, OperationEntity } from '@backbridge/persistence';
import { LessThan, Repository } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { EventsService } from '../events/events.service';
import { OperationPoller } from './operation-poller.service';
import { OperationQueue } from './operation-queue.service';

/** Events are kept this long for `Last-Event-ID` resumes. */
const EVENT_RETENTION_MS = 7 * 24 * 3600 * 1000;
const SWEEP_BATCH = 1_000;

/**
 * The worker side of a gateway process (ROLE=worker or all): polls operations from the queue, and
 * once a minute sweeps: every unfinished operation of the group has a poll queued (which resumes
 * work after a restart or a crash of any instance), and expired operations, idempotency keys and
 * events are deleted.
 */
@Injectable()
export class OperationWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger('OperationWorker');

  constructor(
    @InjectRepository(OperationEntity) private readonly operations: Repository<OperationEntity>,
    @InjectRepository(IdempotencyKeyEntity) private readonly idempotencyKeys: Repository<IdempotencyKeyEntity>,
    private readonly queue: OperationQueue,
    private readonly poller: OperationPoller,
    private readonly events: EventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'api') return;
    await this.queue.workPolls((job) => this.poller.poll(job.operationId));
    await this.queue.workMaintenance('* * * * *', () => this.maintain());
    const resumed = await this.resumeUnfinished();
    if (resumed > 0) this.logger.log({ resumed }, 'resumed unfinished operations');
  }

  async maintain(): Promise<void> {
    await this.resumeUnfinished();
    const now = new Date();
    const operations = await this.operations.delete({ expiresAt: LessThan(now) });
    const keys = await this.idempotencyKeys.delete({ expiresAt: LessThan(now) });
    const events = await this.events.expire(new Date(now.getTime() - EVENT_RETENTION_MS));
    if (operations.affected || keys.affected || events) {
      this.logger.log({ operations: operations.affected, idempotencyKeys: keys.affected, events }, 'expired records deleted');
    }
  }

  /** Queues a poll for every unfinished operation of the group; the queue drops duplicates. */
  async resumeUnfinished(): Promise<number> {
    let count = 0;
    let after = { createdAt: new Date(0), id: '00000000-0000-0000-0000-000000000000' };
    for (;;) {
      const batch = await this.operations
        .createQueryBuilder('o')
        .select(['o.id', 'o.createdAt'])
        .where('o.done = false AND o.worker_group = :group AND (o.created_at, o.id) > (:createdAt, :id)', { group: this.config.workerGroup, ...after })
        .orderBy('o.created_at', 'ASC')
        .addOrderBy('o.id', 'ASC')
        .take(SWEEP_BATCH)
        .getMany();
      for (const operation of batch) await this.queue.schedulePoll(operation.id, 0);
      count += batch.length;
      if (batch.length < SWEEP_BATCH) return count;
      after = batch[batch.length - 1];
    }
  }
}
