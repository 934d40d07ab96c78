import { Module } from '@nestjs/common';
import { ChatLimits } from './chat-limits.service';
import { RateLimits } from './rate-limits';
import { RedisConnection } from './redis-connection';
import { TokenBudgets } from './token-budgets';

/** Rate limits and token budgets for the widget's visitors. */
@Module({
  providers: [RedisConnection, RateLimits, TokenBudgets, ChatLimits],
  exports: [ChatLimits],
})
export class LimitsModule {}
