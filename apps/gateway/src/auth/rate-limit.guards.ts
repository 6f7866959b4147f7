import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerRequest } from '@nestjs/throttler';
import { RateLimitedError } from '@backbridge/core';
import type { Principal } from './principal';

/** The throttler names configured in AppModule. */
export const API_THROTTLER = 'api';
export const LOGIN_THROTTLER = 'login';

/** Answers 429 `rate_limited` with the seconds left in the window as Retry-After. */
abstract class ProblemThrottlerGuard extends ThrottlerGuard {
  protected abstract readonly throttlerName: string;
  protected abstract readonly what: string;

  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    if (props.throttler.name !== this.throttlerName || (await this.exempt(props.context))) return true;
    return super.handleRequest(props);
  }

  protected async exempt(_context: ExecutionContext): Promise<boolean> {
    return false;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new RateLimitedError(`Too many ${this.what}: at most ${detail.limit} per ${Math.round(detail.ttl / 1000)} s.`, detail.timeToExpire);
  }
}

/**
 * Every authenticated request counts against its principal (API key or OIDC subject), on every
 * route: one client cannot starve the others. Runs after the auth guard, which sets the principal.
 */
@Injectable()
export class ApiRateLimitGuard extends ProblemThrottlerGuard {
  protected readonly throttlerName = API_THROTTLER;
  protected readonly what = 'requests for this API key';

  protected override async exempt(context: ExecutionContext): Promise<boolean> {
    return !context.switchToHttp().getRequest<{ user?: Principal }>().user;
  }

  protected override async getTracker(req: Record<string, any>): Promise<string> {
    return (req.user as Principal).id;
  }

  /** One count per principal across all routes (the default counts each route apart). */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }
}

/** Token exchange and refresh, limited per client address (guessing keys is the threat). */
@Injectable()
export class LoginRateLimitGuard extends ProblemThrottlerGuard {
  protected readonly throttlerName = LOGIN_THROTTLER;
  protected readonly what = 'login attempts from this address';
}
