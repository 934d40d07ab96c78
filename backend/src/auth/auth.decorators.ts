import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { TenantRole } from '../users/user.entity';
import type { AuthUser } from './auth-user';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';
export const ADMIN_KEY = 'auth:admin';

/** No session needed (sign-in itself). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these tenant roles; agents read and annotate, owners also configure. */
export const Roles = (...roles: TenantRole[]) => SetMetadata(ROLES_KEY, roles);

/** Only the installation's admin. */
export const AdminOnly = () => SetMetadata(ADMIN_KEY, true);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
  if (!req.user) throw new Error('CurrentUser used on a route without a session');
  return req.user;
});
