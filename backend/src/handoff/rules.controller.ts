import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { botParamsSchema } from '../bots/bots.dto';
import { ZodPipe } from '../common/zod.pipe';
import { putRulesSchema, PutRulesDto } from './rules.dto';
import { RulesService } from './rules.service';

type BotParams = z.infer<typeof botParamsSchema>;

/** A bot's rules (PROTOCOL §7): owners and agents read, owners write. */
@Controller('api/bots/:id/rules')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Get()
  @Roles('owner', 'agent')
  async get(@CurrentUser() user: AuthUser, @Param(new ZodPipe(botParamsSchema)) { id }: BotParams) {
    return { rules: await this.rules.list(user, id) };
  }

  @Put()
  @Roles('owner')
  async put(@CurrentUser() user: AuthUser, @Param(new ZodPipe(botParamsSchema)) { id }: BotParams, @Body(new ZodPipe(putRulesSchema)) dto: PutRulesDto) {
    return { rules: await this.rules.put(user, id, dto) };
  }
}
