import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ZodPipe } from '../common/zod.pipe';
import { CurrentUser, FirstPasswordAllowed, Public, SignedIn } from './auth.decorators';
import { loginSchema, passwordSchema } from './auth.dto';
import { AuthService } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { AuthUser, SESSION_COOKIE } from './auth-user';

@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @Throttle({ login: { limit: 10, ttl: 60_000 } })
  async login(@Body(new ZodPipe(loginSchema)) body: z.infer<typeof loginSchema>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { token, user, expiresAt } = await this.auth.login(body.email, body.password);
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', expires: expiresAt });
    return { user };
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(req.cookies?.[SESSION_COOKIE]);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
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
    await this.auth.changePassword(user, body.current, body.next, req.cookies?.[SESSION_COOKIE]);
  }
}
