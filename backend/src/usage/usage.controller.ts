import { Controller, Get, Query } from '@nestjs/common';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ZodPipe } from '../common/zod.pipe';
import { UsageQuery, usageQuerySchema } from './dto/usage-query.dto';
import { UsageService } from './usage.service';

@Controller('api/usage')
@Roles('owner', 'agent')
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get()
  days(@CurrentUser() user: AuthUser, @Query(new ZodPipe(usageQuerySchema)) query: UsageQuery) {
    return this.usage.days(user, query);
  }
}
