import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ZodPipe } from '../common/zod.pipe';
import { publishRoleSchema, PublishRoleDto, roleParamsSchema } from './bot-roles.dto';
import { BotRolesService } from './bot-roles.service';
import { botParamsSchema } from './bots.dto';

@Controller('api/bots/:id/roles')
export class BotRolesController {
  constructor(private readonly roles: BotRolesService) {}

  @Get()
  @Roles('owner', 'agent')
  async list(@CurrentUser() user: AuthUser, @Param(new ZodPipe(botParamsSchema)) { id }: z.infer<typeof botParamsSchema>) {
    return { roles: await this.roles.list(user, id) };
  }

  @Post()
  @Roles('owner')
  publish(
    @CurrentUser() user: AuthUser,
    @Param(new ZodPipe(botParamsSchema)) { id }: z.infer<typeof botParamsSchema>,
    @Body(new ZodPipe(publishRoleSchema)) dto: PublishRoleDto,
  ) {
    return this.roles.publish(user, id, dto);
  }

  @Post(':version/activate')
  @Roles('owner')
  @HttpCode(200)
  activate(@CurrentUser() user: AuthUser, @Param(new ZodPipe(roleParamsSchema)) { id, version }: z.infer<typeof roleParamsSchema>) {
    return this.roles.activate(user, id, version);
  }
}
