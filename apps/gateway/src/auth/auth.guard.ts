import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ForbiddenError, ProblemError, roleAllows, UnauthenticatedError, type Role } from '@backbridge/core';
import { PUBLIC_ROUTE, REQUIRED_ROLE } from './auth.decorators';
import type { Principal } from './principal';

/** Global guard: a valid bearer token on every non-public route, and the route's role. */
@Injectable()
export class BearerAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) {
      return true;
    }
    await super.canActivate(context);
    const principal = context.switchToHttp().getRequest<{ user: Principal }>().user;
    const needed = this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? 'admin';
    if (!principal.role) {
      throw new ForbiddenError('The token carries no Backbridge role.');
    }
    if (!roleAllows(principal.role, needed)) {
      throw new ForbiddenError(`This needs the '${needed}' role; the token has '${principal.role}'.`);
    }
    return true;
  }

  override handleRequest<T>(error: unknown, user: T, info: unknown): T {
    if (error instanceof ProblemError) {
      throw error;
    }
    if (error || !user) {
      const reason = info as { name?: string; message?: string } | undefined;
      if (reason?.name === 'TokenExpiredError') {
        throw new UnauthenticatedError('The bearer token has expired; get a new one from POST /v1/auth/refresh.');
      }
      if (reason?.message === 'No auth token') {
        throw new UnauthenticatedError('A bearer token is required: POST /v1/auth/token with an API key gives one.');
      }
      throw new UnauthenticatedError('The bearer token is not valid.');
    }
    return user;
  }
}
