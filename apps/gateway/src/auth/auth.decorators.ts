import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@backbridge/core';
import type { Principal } from './principal';

export const PUBLIC_ROUTE = 'backbridge:public';
export const REQUIRED_ROLE = 'backbridge:role';

/** No token needed (health, docs, login). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The least role that may call the route; routes without it need `admin`. */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ user: Principal }>().user;
});
