import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { ChatLimits } from './chat-limits.service';
import { RateLimits } from './rate-limits';
import { RedisConnection } from './redis-connection';
import { StaffLimits } from './staff-limits.service';
import { TokenBudgets } from './token-budgets';

/** Rate limits and token budgets for the widget's visitors, and for the console's staff. */
@Module({
  imports: [ConversationsModule],
  providers: [RedisConnection, RateLimits, TokenBudgets, ChatLimits, StaffLimits],
  exports: [ChatLimits, StaffLimits],
})
export class LimitsModule {}
