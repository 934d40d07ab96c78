import { normaliseOrigin } from '../common/origin';
import { CanActivate, ExecutionContext, ForbiddenException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config';
import { TenantRole } from '../users/user.entity';
import { ADMIN_KEY, FIRST_PASSWORD_KEY, PUBLIC_KEY, ROLES_KEY, SIGNED_IN_KEY } from './auth.decorators';
import { AuthService } from './auth.service';
import { AuthUser, SESSION_COOKIE } from './auth-user';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Deny by default: every HTTP route the router matched is checked here, whatever its path, and
 * must declare @Public, @SignedIn, @Roles or @AdminOnly; a route with none is refused. Nothing
 * depends on how the path is spelt (routing itself is case-sensitive and strict, app.factory.ts).
 * Cookies are SameSite=Strict, and state-changing requests from a browser must come from this
 * origin (the Origin header) — public ones too, so a form on another site cannot sign a victim
 * into an attacker's account.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  private readonly logger = new Logger('SessionGuard');
  private readonly publicOrigin?: string;

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    config: AppConfig,
  ) {
    this.publicOrigin = config.publicUrl ? new URL(config.publicUrl).origin : undefined;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // sockets authenticate at their handshake
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    if (!SAFE_METHODS.has(req.method)) this.assertSameOrigin(req);
    const targets = [context.getHandler(), context.getClass()];
    const rule = <T>(key: string) => this.reflector.getAllAndOverride<T>(key, targets);
    if (rule<boolean>(PUBLIC_KEY)) return true;
    const roles = rule<TenantRole[]>(ROLES_KEY);
    const adminOnly = rule<boolean>(ADMIN_KEY);
    if (!roles && !adminOnly && !rule<boolean>(SIGNED_IN_KEY)) {
      this.logger.error(`${context.getClass().name}.${context.getHandler().name} declares no access rule; refused`);
      throw new ForbiddenException('This route is closed');
    }

    const user = await this.auth.resolve(req.cookies?.[SESSION_COOKIE]);
    if (!user) throw new UnauthorizedException('Sign in first');
    req.user = user;
    // A first password set by someone else is changed before anything else is done.
    if (user.mustChangePassword && !rule<boolean>(FIRST_PASSWORD_KEY)) {
      throw new ForbiddenException('Change your first password first (POST /api/auth/password)');
    }
    if (adminOnly && !user.isAdmin) throw new ForbiddenException('Only the installation admin may do this');
    if (roles && !roles.includes(user.role)) throw new ForbiddenException(`Only ${roles.join(' or ')} may do this`);
    return true;
  }

  private assertSameOrigin(req: Request): void {
    const origin = req.headers.origin;
    if (!origin) return; // not a browser, so no ambient cookie to abuse
    const from = normaliseOrigin(origin);
    if (from !== null && (from === normaliseOrigin(`${req.protocol}://${req.get('host')}`) || from === this.publicOrigin)) return;
    throw new ForbiddenException('Cross-site request refused');
  }
}
