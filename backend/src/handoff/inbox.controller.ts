import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ZodPipe } from '../common/zod.pipe';
import { HandoffService } from './handoff.service';

const params = z.strictObject({ id: z.guid() });
type Params = z.infer<typeof params>;
/** As long as a visitor's message may be (the bots' default limit). */
const staffMessageSchema = z.strictObject({ text: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters') });

/** The live inbox (PROTOCOL §7): owners and agents alike answer visitors. */
@Controller('api')
export class InboxController {
  constructor(private readonly handoff: HandoffService) {}

  @Get('inbox')
  @Roles('owner', 'agent')
  inbox(@CurrentUser() user: AuthUser) {
    return this.handoff.inbox(user);
  }

  @Post('conversations/:id/claim')
  @Roles('owner', 'agent')
  @HttpCode(200)
  async claim(@CurrentUser() user: AuthUser, @Param(new ZodPipe(params)) { id }: Params) {
    return { conversation: await this.handoff.claim(user, id) };
  }

  @Post('conversations/:id/messages')
  @Roles('owner', 'agent')
  say(@CurrentUser() user: AuthUser, @Param(new ZodPipe(params)) { id }: Params, @Body(new ZodPipe(staffMessageSchema)) { text }: z.infer<typeof staffMessageSchema>) {
    return this.handoff.say(user, id, text);
  }

  @Post('conversations/:id/release')
  @Roles('owner', 'agent')
  @HttpCode(200)
  async release(@CurrentUser() user: AuthUser, @Param(new ZodPipe(params)) { id }: Params) {
    return { conversation: await this.handoff.release(user, id) };
  }

  @Post('conversations/:id/close')
  @Roles('owner', 'agent')
  @HttpCode(200)
  async close(@CurrentUser() user: AuthUser, @Param(new ZodPipe(params)) { id }: Params) {
    return { conversation: await this.handoff.close(user, id) };
  }
}
