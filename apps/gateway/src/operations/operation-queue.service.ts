import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { PgBoss, type Job } from 'pg-boss';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { DATABASE_URL } from '../database/database.tokens';

export interface PollJob {
  operationId: string;
}

/**
 * The durable queue (pg-boss on the gateway's own database) that hands operations to workers.
 * One queue per worker group. The `stately` policy with the operation id as singleton key allows
 * one queued and one active poll per operation, so exactly one worker polls it at a time; the
 * heartbeat frees the operation of a worker that died within seconds.
 */
@Injectable()
export class OperationQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('OperationQueue');
  private boss?: PgBoss;
  readonly pollQueue: string;
  readonly maintenanceQueue: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {
    this.pollQueue = `operation-poll.${config.workerGroup}`;
    this.maintenanceQueue = `maintenance.${config.workerGroup}`;
  }

  async onModuleInit(): Promise<void> {
    const boss = new PgBoss({
      connectionString: this.databaseUrl,
      max: 4,
      schema: 'pgboss',
      application_name: 'backbridge-queue',
      // Only workers run pg-boss's own upkeep (job expiry, archive, cron); an API instance just sends.
      supervise: this.config.role !== 'api',
      schedule: this.config.role !== 'api',
      monitorIntervalSeconds: 5,
    });
    boss.on('error', (error) => this.logger.warn({ err: error }, 'queue error'));
    await boss.start();
    try {
      await this.ensureQueue(boss, this.pollQueue, {
        policy: 'stately',
        retryLimit: 0,
        heartbeatSeconds: 10,
        expireInSeconds: Math.ceil(this.config.vendorTimeoutMs / 1000) + 60,
        deleteAfterSeconds: 3600,
      });
      await this.ensureQueue(boss, this.maintenanceQueue, { policy: 'stately', retryLimit: 0, expireInSeconds: 600, deleteAfterSeconds: 3600 });
    } catch (error) {
      await boss.stop({ graceful: false, close: true }).catch(() => undefined);
      throw error;
    }
    this.boss = boss;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss?.stop({ graceful: true, timeout: 10_000, close: true }).catch((error: unknown) => this.logger.warn({ err: error }, 'queue stop'));
    this.boss = undefined;
  }

  /** Asks for one poll of the operation after `delayMs`; a no-op when one is already queued. */
  async schedulePoll(operationId: string, delayMs: number): Promise<void> {
    await this.started().send(this.pollQueue, { operationId } satisfies PollJob, {
      singletonKey: operationId,
      startAfter: new Date(Date.now() + delayMs),
    });
  }

  /** Runs `handler` for each due poll, up to WORKER_CONCURRENCY at once in this process. */
  async workPolls(handler: (job: PollJob) => Promise<void>): Promise<void> {
    await this.started().work<PollJob>(
      this.pollQueue,
      { batchSize: this.config.workerConcurrency, pollingIntervalSeconds: this.fetchIntervalSeconds() },
      async (jobs: Job<PollJob>[]) => {
        await Promise.all(jobs.map((job) => handler(job.data)));
      },
    );
  }

  /** Runs `handler` on the cron schedule, once per tick across every worker of the group. */
  async workMaintenance(cron: string, handler: () => Promise<void>): Promise<void> {
    const boss = this.started();
    await boss.schedule(this.maintenanceQueue, cron, {}, { singletonKey: 'maintenance' });
    await boss.work(this.maintenanceQueue, { pollingIntervalSeconds: 5 }, async () => handler());
  }

  private fetchIntervalSeconds(): number {
    return Math.min(2, Math.max(0.5, this.config.operationPollMinMs / 1000));
  }

  private started(): PgBoss {
    if (!this.boss) throw new Error('The operation queue is not started.');
    return this.boss;
  }

  private async ensureQueue(boss: PgBoss, name: string, options: Parameters<PgBoss['createQueue']>[1]): Promise<void> {
    if (await boss.getQueue(name)) {
      // A queue's policy is fixed at creation; the rest follows the configuration.
      const { policy: _fixed, ...changeable } = options ?? {};
      await boss.updateQueue(name, changeable as never);
    } else {
      await boss.createQueue(name, options).catch(async (error: unknown) => {
        // Another instance created it at the same moment.
        if (!(await boss.getQueue(name))) throw error;
      });
    }
  }
}
