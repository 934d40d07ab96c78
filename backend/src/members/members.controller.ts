import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ZodPipe } from '../common/zod.pipe';
import { createMemberSchema, CreateMemberDto, memberParamsSchema } from './members.dto';
import { MembersService } from './members.service';

@Controller('api/members')
@Roles('owner')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  async list(@CurrentUser() user: AuthUser) {
    return { members: await this.members.list(user) };
  }

  @Post()
  create(@CurrentUser() user: AuthUser, @Body(new ZodPipe(createMemberSchema)) dto: CreateMemberDto) {
    return this.members.create(user, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentUser() user: AuthUser, @Param(new ZodPipe(memberParamsSchema)) { id }: z.infer<typeof memberParamsSchema>): Promise<void> {
    await this.members.remove(user, id);
  }
}
