import { createHash } from 'node:crypto';
import { Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import { ConflictError, IdempotencyKeyReusedError, stableStringify, ValidationFailedError } from '@backbridge/core';
import { IdempotencyKeyEntity } from '@backbridge/persistence';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { LessThan, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';

const IDEMPOTENT = 'backbridge:idempotent';
const KEEP_MS = 24 * 3600 * 1000;

/** The route accepts `Idempotency-Key`: a repeat within 24 h answers the first response again. */
export const Idempotent = () => SetMetadata(IDEMPOTENT, true);

/**
 * The key is claimed with one INSERT … ON CONFLICT DO NOTHING before the handler runs, so two
 * concurrent requests with the same key (on any instance) run the handler once: the other gets
 * 409 while the first is in flight, and its response afterwards. A failed first request frees
 * the key, so the client can retry.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @InjectRepository(IdempotencyKeyEntity) private readonly keys: Repository<IdempotencyKeyEntity>,
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
      return this.replay(context, principal, key, requestHash);
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const status = context.switchToHttp().getResponse<FastifyReply>().statusCode;
      await this.keys.update({ principal, key }, { responseStatus: status, responseBody: (body ?? null) as never });
      return body;
    } catch (error) {
      await this.keys.delete({ principal, key });
      throw error;
    }
  }

  private async replay(context: ExecutionContext, principal: string, key: string, requestHash: string): Promise<unknown> {
    const row = await this.keys.findOneByOrFail({ principal, key });
    if (row.requestHash !== requestHash) {
      throw new IdempotencyKeyReusedError();
    }
    if (row.responseStatus === null) {
      throw new ConflictError('A request with this Idempotency-Key is still in progress; retry shortly.');
    }
    context.switchToHttp().getResponse<FastifyReply>().header('Idempotent-Replayed', 'true');
    return row.responseBody;
  }
}
