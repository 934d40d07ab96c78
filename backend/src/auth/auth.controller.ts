import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import type { CookieOptions, Request, Response } from 'express';
import { z } from 'zod';
import { ZodPipe } from '../common/zod.pipe';
import { AppConfig } from '../config/app-config';
import { StaffLimits } from '../limits/staff-limits.service';
import { CurrentUser, FirstPasswordAllowed, Public, SignedIn } from './auth.decorators';
import { loginSchema, passwordSchema } from './auth.dto';
import { AuthService } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { AuthUser, SESSION_COOKIE } from './auth-user';

@Controller('api/auth')
export class AuthController {
  /**
   * Behind a TLS-terminating proxy the request reaching the app may be plain http (req.secure only
   * knows better with TRUST_PROXY), yet browsers reach the site over https: PUBLIC_URL says so.
   */
  private readonly httpsSite: boolean;

  constructor(
    private readonly auth: AuthService,
    private readonly limits: StaffLimits,
    config: AppConfig,
  ) {
    this.httpsSite = config.publicUrl?.startsWith('https://') ?? false;
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @Throttle({ login: { limit: 10, ttl: 60_000 } })
  async login(@Body(new ZodPipe(loginSchema)) body: z.infer<typeof loginSchema>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    // Per address, whatever the account (the guard above counts per address and account).
    await this.limits.login(req);
    const { token, user, expiresAt } = await this.auth.login(body.email, body.password);
    res.cookie(SESSION_COOKIE, token, { ...this.cookieOptions(req), expires: expiresAt });
    return { user };
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(req.cookies?.[SESSION_COOKIE]);
    // The same attributes as the cookie it replaces, or some browsers keep that one.
    res.clearCookie(SESSION_COOKIE, this.cookieOptions(req));
  }

  @Get('me')
  @SignedIn()
  @FirstPasswordAllowed()
  me(@CurrentUser() user: AuthUser) {
    return { user };
  }

  @Post('password')
  @SignedIn()
  @FirstPasswordAllowed()
  @HttpCode(204)
  async password(@CurrentUser() user: AuthUser, @Body(new ZodPipe(passwordSchema)) body: z.infer<typeof passwordSchema>, @Req() req: Request) {
    // Before the current password is checked: a refused attempt learns nothing about it.
    await this.limits.passwordChange(user.id, req);
    await this.auth.changePassword(user, body.current, body.next, req.cookies?.[SESSION_COOKIE]);
  }

  private cookieOptions(req: Request): CookieOptions {
    return { httpOnly: true, sameSite: 'strict', secure: this.httpsSite || req.secure, path: '/' };
  }
}
