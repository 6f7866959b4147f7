import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EventEntity } from '@backbridge/persistence';
import { Client } from 'pg';
import { Repository } from 'typeorm';
import { DATABASE_URL } from '../database/database.tokens';
import type { EventType, GatewayEvent } from './event-types';

const CHANNEL = 'backbridge_events';
/** How often the events table is read when LISTEN/NOTIFY is not delivered (the embedded database). */
const FAST_POLL_MS = 250;
/** The backstop read when notifications work (PostgreSQL): a lost notification costs at most this. */
const SLOW_POLL_MS = 5_000;
const BATCH = 500;
/**
 * Ids are taken at insert but become visible at commit, so id 11 can be read before id 10 commits.
 * A hole in the sequence is waited for this long before it is taken for a rolled-back insert.
 */
const GAP_WAIT_MS = 1_000;

export interface EventSubscriber {
  /** Called in id order, each event once. */
  deliver(event: GatewayEvent): void;
  /** The gateway is stopping: end the stream (the client reconnects elsewhere with Last-Event-ID). */
  close(): void;
}

interface Subscription {
  subscriber: EventSubscriber;
  /** The last id delivered; events at or below it are not delivered again. */
  cursor: bigint;
  /** While history is replayed, live events wait here. */
  buffered?: GatewayEvent[];
}

function toEvent(row: EventEntity): GatewayEvent {
  return { id: String(row.id), type: row.type as EventType, subject: row.subject, data: row.data, createdAt: row.createdAt.toISOString() };
}

/**
 * The event log behind `GET /v1/events`. Events are rows in PostgreSQL, so an event raised on one
 * instance reaches subscribers on every instance: each instance reads new rows in id order, woken
 * by NOTIFY where the database delivers it and by a timer where it does not (PGlite over its socket).
 */
@Injectable()
export class EventsService implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('EventsService');
  private readonly subscriptions = new Set<Subscription>();
  private lastSeen = 0n;
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private pumping?: Promise<void>;
  private again = false;
  private stopped = false;
  private pollMs = FAST_POLL_MS;
  private gapSince?: number;
  /** Set while events are read (some subscriber is connected). */
  private reading?: Promise<void>;
  /** Whether NOTIFY reaches this instance; probed once. */
  private notifications?: boolean;

  constructor(
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  /**
   * Starts reading new events (from the newest one) when the first subscriber arrives: an instance
   * without streams costs the database nothing.
   */
  private startReading(): Promise<void> {
    this.reading ??= (async () => {
      const [{ max }] = await this.events.query('SELECT coalesce(max(id), 0)::text AS max FROM events');
      this.lastSeen = BigInt(max);
      this.gapSince = undefined;
      if (this.notifications === undefined) this.notifications = await this.listen();
      this.pollMs = this.notifications ? SLOW_POLL_MS : FAST_POLL_MS;
      this.schedule();
    })().catch((error: unknown) => {
      this.reading = undefined;
      throw error;
    });
    return this.reading;
  }

  /** The last subscriber left: stop reading until the next one. */
  private stopReadingIfIdle(): void {
    if (this.subscriptions.size > 0 || !this.reading) return;
    void this.reading.then(() => {
      if (this.subscriptions.size > 0) return;
      this.reading = undefined;
      clearTimeout(this.timer);
    });
  }

  /** Open streams would keep the HTTP server from closing: end them first. */
  beforeApplicationShutdown(): void {
    for (const subscription of this.subscriptions) subscription.subscriber.close();
    this.subscriptions.clear();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pumping?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
  }

  /** Records an event and wakes every instance. */
  async publish(type: EventType, subject: string, data: Record<string, unknown>): Promise<void> {
    await this.events.insert({ type, subject, data: data as never });
    await this.events.query(`NOTIFY ${CHANNEL}`).catch(() => undefined);
    this.wake();
  }

  /**
   * Delivers events after `lastEventId` (history first, from the table), then live ones; without
   * `lastEventId`, only events from now on. Returns the unsubscribe function.
   */
  async subscribe(subscriber: EventSubscriber, lastEventId?: string): Promise<() => void> {
    await this.startReading();
    const subscription: Subscription = { subscriber, cursor: this.lastSeen };
    this.subscriptions.add(subscription);
    const unsubscribe = () => {
      this.subscriptions.delete(subscription);
      this.stopReadingIfIdle();
    };
    if (lastEventId === undefined) return unsubscribe;
    subscription.cursor = BigInt(lastEventId);
    subscription.buffered = [];
    try {
      for (;;) {
        const rows = await this.events
          .createQueryBuilder('e')
          .where('e.id > :after', { after: subscription.cursor.toString() })
          .orderBy('e.id', 'ASC')
          .take(BATCH)
          .getMany();
        for (const row of rows) this.deliver(subscription, toEvent(row), true);
        if (rows.length < BATCH) break;
      }
    } finally {
      const waiting = subscription.buffered;
      subscription.buffered = undefined;
      for (const event of waiting) this.deliver(subscription, event);
    }
    return unsubscribe;
  }

  /** Deletes events older than `before` (called by the maintenance job). */
  async expire(before: Date): Promise<number> {
    const result = await this.events.createQueryBuilder().delete().where('created_at < :before', { before }).execute();
    return result.affected ?? 0;
  }

  private deliver(subscription: Subscription, event: GatewayEvent, fromHistory = false): void {
    if (subscription.buffered && !fromHistory) {
      subscription.buffered.push(event);
      return;
    }
    const id = BigInt(event.id);
    if (id <= subscription.cursor) return;
    subscription.cursor = id;
    try {
      subscription.subscriber.deliver(event);
    } catch (error) {
      this.logger.warn({ err: error }, 'an event subscriber failed; it is dropped');
      this.subscriptions.delete(subscription);
      this.stopReadingIfIdle();
    }
  }

  /** LISTEN on a dedicated connection and prove that a NOTIFY arrives; false where it does not. */
  private async listen(): Promise<boolean> {
    const client = new Client({ connectionString: this.databaseUrl });
    try {
      await client.connect();
      let probed = false;
      client.on('notification', (message) => {
        if (message.payload === 'probe') probed = true;
        this.wake();
      });
      client.on('error', (error) => this.logger.warn({ err: error }, 'event listener connection failed; reading by timer'));
      await client.query(`LISTEN ${CHANNEL}`);
      await this.events.query(`NOTIFY ${CHANNEL}, 'probe'`);
      for (let i = 0; i < 20 && !probed; i++) await new Promise((resolve) => setTimeout(resolve, 25));
      if (probed) {
        this.listener = client;
        return true;
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'LISTEN is not available; reading events by timer');
    }
    await client.end().catch(() => undefined);
    return false;
  }

  private schedule(): void {
    if (this.stopped || !this.reading) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), this.pollMs);
    this.timer.unref();
  }

  private wake(): void {
    if (this.stopped || !this.reading) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump()
      .catch((error) => this.logger.warn({ err: error }, 'could not read new events'))
      .finally(() => {
        this.pumping = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        } else {
          this.schedule();
        }
      });
  }

  private async pump(): Promise<void> {
    for (;;) {
      const rows = await this.events
        .createQueryBuilder('e')
        .where('e.id > :after', { after: this.lastSeen.toString() })
        .orderBy('e.id', 'ASC')
        .take(BATCH)
        .getMany();
      for (const row of rows) {
        const event = toEvent(row);
        const id = BigInt(event.id);
        if (id !== this.lastSeen + 1n && !this.gapExpired()) {
          // An earlier id may still commit: come back shortly rather than skip it.
          this.again = false;
          setTimeout(() => this.wake(), 100).unref();
          return;
        }
        this.gapSince = undefined;
        this.lastSeen = id;
        for (const subscription of this.subscriptions) this.deliver(subscription, event);
      }
      if (rows.length < BATCH) return;
    }
  }

  private gapExpired(): boolean {
    this.gapSince ??= Date.now();
    return Date.now() - this.gapSince >= GAP_WAIT_MS;
  }
}
