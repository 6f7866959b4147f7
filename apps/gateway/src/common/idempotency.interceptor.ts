import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { Inject, Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import { ConflictError, IdempotencyKeyReusedError, stableStringify, ValidationFailedError } from '@backbridge/core';
import { IdempotencyKeyEntity, OperationEntity } from '@backbridge/persistence';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { LessThan, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { toOperationResponse } from '../operations/operation-response';

const IDEMPOTENT = 'backbridge:idempotent';
const KEEP_MS = 24 * 3600 * 1000;

/** The route accepts `Idempotency-Key`: a repeat within 24 h answers the first response again. */
export const Idempotent = () => SetMetadata(IDEMPOTENT, true);

export interface IdempotencyClaim {
  principal: string;
  key: string;
}

/**
 * The key claimed by the request being handled, for services that record what the request made
 * (OperationsService links its operation to the key in the operation's own transaction).
 */
export const idempotencyClaims = new AsyncLocalStorage<IdempotencyClaim>();

/**
 * The key is claimed with one INSERT … ON CONFLICT DO NOTHING before the handler runs, so two
 * concurrent requests with the same key (on any instance) run the handler once: the other gets
 * 409 while the first is in flight, and its response afterwards. A failed first request frees
 * the key, so the client can retry. If the instance answering the first request died, its claim
 * goes stale: a retry then answers the operation the first request recorded, or, when it recorded
 * none (so nothing reached the vendor), takes the claim over and runs the request itself.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @InjectRepository(IdempotencyKeyEntity) private readonly keys: Repository<IdempotencyKeyEntity>,
    @InjectRepository(OperationEntity) private readonly operations: Repository<OperationEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const header = request.headers['idempotency-key'];
    if (header === undefined || !this.reflector.get<boolean>(IDEMPOTENT, context.getHandler())) {
      return next.handle();
    }
    return from(this.handle(context, request, String(header), next));
  }

  private async handle(context: ExecutionContext, request: FastifyRequest & { user?: Principal }, key: string, next: CallHandler): Promise<unknown> {
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw ValidationFailedError.field('Idempotency-Key', 'must be 1 to 255 visible ASCII characters');
    }
    const principal = request.user?.id ?? 'anonymous';
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.url}\n${stableStringify(request.body ?? null)}`)
      .digest('hex');
    await this.keys.delete({ principal, key, expiresAt: LessThan(new Date()) });
    const claimed = await this.keys
      .createQueryBuilder()
      .insert()
      .values({ principal, key, requestHash, expiresAt: new Date(Date.now() + KEEP_MS) })
      .orIgnore()
      .returning(['key'])
      .execute();
    if (claimed.raw.length === 0) {
      return this.replay(context, principal, key, requestHash, next);
    }
    return this.run(context, principal, key, next);
  }

  private async run(context: ExecutionContext, principal: string, key: string, next: CallHandler): Promise<unknown> {
    try {
      const body = await idempotencyClaims.run({ principal, key }, () => lastValueFrom(next.handle(), { defaultValue: undefined }));
      const status = context.switchToHttp().getResponse<FastifyReply>().statusCode;
      await this.keys.update({ principal, key }, { responseStatus: status, responseBody: (body ?? null) as never });
      return body;
    } catch (error) {
      await this.keys.delete({ principal, key });
      throw error;
    }
  }

  private async replay(context: ExecutionContext, principal: string, key: string, requestHash: string, next: CallHandler): Promise<unknown> {
    const row = await this.keys.findOneByOrFail({ principal, key });
    if (row.requestHash !== requestHash) {
      throw new IdempotencyKeyReusedError();
    }
    if (row.responseStatus === null) {
      // A claim older than any vendor call can take belongs to a request whose instance died.
      const staleBefore = new Date(Date.now() - this.config.vendorTimeoutMs - 30_000);
      if (row.createdAt < staleBefore) return this.recover(context, row, staleBefore, next);
      throw new ConflictError('A request with this Idempotency-Key is still in progress; retry shortly.');
    }
    context.switchToHttp().getResponse<FastifyReply>().header('Idempotent-Replayed', 'true');
    return row.responseBody;
  }

  private async recover(context: ExecutionContext, row: IdempotencyKeyEntity, staleBefore: Date, next: CallHandler): Promise<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const operation = row.operationId ? await this.operations.findOneBy({ id: row.operationId }) : null;
    if (operation) {
      const body = toOperationResponse(operation);
      await this.keys.update({ principal: row.principal, key: row.key }, { responseStatus: 202, responseBody: body as never });
      reply.status(202).header('Idempotent-Replayed', 'true');
      return body;
    }
    // Nothing was recorded, so nothing reached the vendor: one retry takes the claim over.
    const taken = await this.keys
      .createQueryBuilder()
      .update()
      .set({ createdAt: () => 'now()' })
      .where('principal = :principal AND key = :key AND response_status IS NULL AND operation_id IS NULL AND created_at < :staleBefore', {
        principal: row.principal,
        key: row.key,
        staleBefore,
      })
      .execute();
    if (!taken.affected) throw new ConflictError('A request with this Idempotency-Key is still in progress; retry shortly.');
    return this.run(context, row.principal, row.key, next);
  }
}
