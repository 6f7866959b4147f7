import { applyDecorators } from '@nestjs/common';
import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: '`validation_failed`: the body, query or path is not valid; `errors` lists each field.',
  401: '`unauthenticated`: missing, invalid or expired bearer token.',
  403: "`forbidden`: the token's role may not do this.",
  404: '`not_found`: unknown id, at the gateway or at the vendor.',
  409: '`conflict` or `provider_disabled`.',
  422: '`vendor_rejected` (the vendor refused the request) or `idempotency_key_reused`.',
  429: '`rate_limited`: see `Retry-After`.',
  501: '`capability_not_supported`: the plugin declares it cannot do this.',
  502: '`vendor_unavailable`: the vendor failed, is unreachable or refused the connection credentials.',
  504: '`vendor_timeout`: the vendor did not answer in time.',
};

/** Documents the problem responses a route can give. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status],
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}

/** The problems every authenticated route can give. */
export const AUTHENTICATED_PROBLEMS = [400, 401, 403, 429];
/** The problems every route that reaches a vendor can give. */
export const VENDOR_PROBLEMS = [404, 409, 422, 501, 502, 504];
