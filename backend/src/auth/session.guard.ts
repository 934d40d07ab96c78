import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { TenantRole } from '../users/user.entity';
import { ADMIN_KEY, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { AuthService } from './auth.service';
import { AuthUser, SESSION_COOKIE } from './auth-user';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FIRST_PASSWORD_ROUTES = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout']);

/**
 * Every `/api` route needs a session unless marked @Public; @Roles and @AdminOnly narrow it.
 * Cookies are SameSite=Strict, and state-changing requests from a browser must come from this
 * origin (the Origin header), which together stop cross-site request forgery.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    if (!req.path.startsWith('/api/')) return true;
    if (!SAFE_METHODS.has(req.method)) assertSameOrigin(req);
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const user = await this.auth.resolve(req.cookies?.[SESSION_COOKIE]);
    if (!user) throw new UnauthorizedException('Sign in first');
    req.user = user;
    // A first password set by someone else is changed before anything else is done.
    if (user.mustChangePassword && !FIRST_PASSWORD_ROUTES.has(req.path)) {
      throw new ForbiddenException('Change your first password first (POST /api/auth/password)');
    }
    if (this.reflector.getAllAndOverride<boolean>(ADMIN_KEY, targets) && !user.isAdmin) {
      throw new ForbiddenException('Only the installation admin may do this');
    }
    const roles = this.reflector.getAllAndOverride<TenantRole[]>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) throw new ForbiddenException(`Only ${roles.join(' or ')} may do this`);
    return true;
  }
}

function assertSameOrigin(req: Request): void {
  const origin = req.headers.origin;
  if (!origin) return; // not a browser, so no ambient cookie to abuse
  const own = `${req.protocol}://${req.get('host')}`;
  if (origin !== own) throw new ForbiddenException('Cross-site request refused');
}
