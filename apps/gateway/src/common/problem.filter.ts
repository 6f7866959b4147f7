import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { ProblemError, titleOf, type ProblemCode } from '@backbridge/core';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const CODE_BY_STATUS: Record<number, ProblemCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'not_found',
  409: 'conflict',
  413: 'validation_failed',
  415: 'validation_failed',
  422: 'vendor_rejected',
  429: 'rate_limited',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: ProblemCode;
  requestId?: string;
  errors?: { field: string; message: string }[];
  provider?: string;
  connection?: string;
  vendor?: { status?: number; code?: string; message?: string };
  capability?: string;
  operation?: string;
}

/** Builds the RFC 9457 body of a problem; shared with the idempotency replay. */
export function problemBody(error: ProblemError, instance: string, requestId?: string): ProblemBody {
  const { errors, provider, connection, vendor, capability, operation } = error.extras;
  return {
    type: `urn:backbridge:problem:${error.code}`,
    title: error.title,
    status: error.status,
    detail: error.detail,
    instance,
    code: error.code,
    requestId,
    ...(errors?.length ? { errors } : {}),
    ...(provider ? { provider } : {}),
    ...(connection ? { connection } : {}),
    ...(vendor ? { vendor } : {}),
    ...(capability ? { capability } : {}),
    ...(operation ? { operation } : {}),
  };
}

/** Turns anything thrown into a problem; unknown errors become a 500 without internals. */
export function toProblem(exception: unknown): ProblemError {
  if (exception instanceof ProblemError) {
    return exception;
  }
  const status =
    exception instanceof HttpException
      ? exception.getStatus()
      : typeof (exception as { statusCode?: unknown })?.statusCode === 'number'
        ? (exception as { statusCode: number }).statusCode
        : 500;
  if (status >= 500 || !(status in CODE_BY_STATUS)) {
    return new ProblemError('internal', 'An unexpected error occurred; quote the request id when reporting it.', {
      cause: exception,
    });
  }
  const code = CODE_BY_STATUS[status];
  const message = exception instanceof HttpException ? httpExceptionMessage(exception) : String((exception as Error).message ?? titleOf(code));
  const problem = new ProblemError(code, message, { cause: exception });
  (problem as { status: number }).status = status;
  if (status === 429) {
    problem.extras.retryAfter = 60;
  }
  return problem;
}

function httpExceptionMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(exception);
    if (problem.code === 'internal') {
      this.logger.error({ err: exception, requestId: request.id }, 'unhandled error');
    }
    const path = (request.url ?? '').split('?')[0];
    const body = problemBody(problem, path, String(request.id));
    if (problem.code === 'unauthenticated') {
      const hadToken = typeof request.headers.authorization === 'string';
      reply.header('WWW-Authenticate', hadToken ? 'Bearer error="invalid_token"' : 'Bearer');
    }
    if (problem.extras.retryAfter !== undefined) {
      reply.header('Retry-After', String(problem.extras.retryAfter));
    }
    reply.status(problem.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(body);
  }
}
