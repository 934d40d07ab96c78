import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { TenantRole } from '../users/user.entity';
import type { AuthUser } from './auth-user';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';
export const ADMIN_KEY = 'auth:admin';
export const SIGNED_IN_KEY = 'auth:signed-in';
export const FIRST_PASSWORD_KEY = 'auth:first-password';

/**
 * Every HTTP route declares who may call it with one of these; a route that declares none is
 * refused to everybody (SessionGuard), and the route-walk security test names it.
 */

/** No session needed (sign-in itself, the demo page, the widget's files, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Anybody signed in, whatever their role (their own account). */
export const SignedIn = () => SetMetadata(SIGNED_IN_KEY, true);

/** Reachable while the user's first password still has to be changed. */
export const FirstPasswordAllowed = () => SetMetadata(FIRST_PASSWORD_KEY, true);

/** Only these tenant roles; agents read and annotate, owners also configure. */
export const Roles = (...roles: TenantRole[]) => SetMetadata(ROLES_KEY, roles);

/** Only the installation's admin. */
export const AdminOnly = () => SetMetadata(ADMIN_KEY, true);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
  if (!req.user) throw new Error('CurrentUser used on a route without a session');
  return req.user;
});
