import { Body, Controller, Get, Header, Param, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ZodPipe } from '../common/zod.pipe';
import { botParamsSchema, createBotSchema, CreateBotDto, updateBotSchema, UpdateBotDto } from './bots.dto';
import { BotAdminService } from './bot-admin.service';
import { RequestOrigin } from './request-origin.decorator';

type BotParams = z.infer<typeof botParamsSchema>;

@Controller('api/bots')
export class BotsController {
  constructor(private readonly bots: BotAdminService) {}

  @Get()
  @Roles('owner', 'agent')
  async list(@CurrentUser() user: AuthUser, @RequestOrigin() origin: string) {
    return { bots: await this.bots.list(user, origin) };
  }

  @Get(':id')
  @Roles('owner', 'agent')
  get(@CurrentUser() user: AuthUser, @Param(new ZodPipe(botParamsSchema)) { id }: BotParams, @RequestOrigin() origin: string) {
    return this.bots.get(user, id, origin);
  }

  @Post()
  @Roles('owner')
  create(@CurrentUser() user: AuthUser, @Body(new ZodPipe(createBotSchema)) dto: CreateBotDto, @RequestOrigin() origin: string) {
    return this.bots.create(user, dto, origin);
  }

  @Patch(':id')
  @Roles('owner')
  update(
    @CurrentUser() user: AuthUser,
    @Param(new ZodPipe(botParamsSchema)) { id }: BotParams,
    @Body(new ZodPipe(updateBotSchema)) dto: UpdateBotDto,
    @RequestOrigin() origin: string,
  ) {
    return this.bots.update(user, id, dto, origin);
  }

  /** Makes or rotates the bot's identity secret; the answer is the only place it is ever shown. */
  @Post(':id/identity-secret')
  @Roles('owner')
  @Header('Cache-Control', 'no-store')
  rotateIdentitySecret(@CurrentUser() user: AuthUser, @Param(new ZodPipe(botParamsSchema)) { id }: BotParams) {
    return this.bots.rotateIdentitySecret(user, id);
  }
}
