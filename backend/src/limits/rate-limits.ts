import { Injectable } from '@nestjs/common';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config';
import { RedisConnection } from './redis-connection';

/** What is counted, per how long. `points` may differ per bot; 0 means no limit. */
export interface RateRule {
  name:
    | 'visitor-messages' | 'bot-messages' | 'ip-connections' | 'ip-new-visitors' | 'visitor-new-conversations' | 'visitor-conversation-reads'
    // The console's staff (staff-limits.service.ts).
    | 'user-previews' | 'bot-previews' | 'ip-logins' | 'user-password-changes' | 'ip-password-changes'
    | 'user-knowledge-writes' | 'user-knowledge-searches'
    | 'user-staff-actions' | 'visitor-offline-messages';
  points: number;
  seconds: number;
}

/**
 * Fixed-window counters (rate-limiter-flexible): in Redis when there is one, so every instance
 * sees the same counts, with an in-memory limiter as insurance while Redis is unreachable; in
 * memory otherwise.
 */
@Injectable()
export class RateLimits {
  // One limiter per rule and limit value: bots with different limits share none, but in Redis
  // they share the key, so an owner changing a limit keeps the visitors' counts.
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisConnection,
  ) {}

  /** Counts one hit on `key`: 0 when it is allowed, otherwise how many ms until it would be. */
  async hit(rule: RateRule, key: string): Promise<number> {
    if (rule.points <= 0) return 0;
    try {
      await this.limiter(rule).consume(key);
      return 0;
    } catch (refused) {
      if (refused instanceof RateLimiterRes) return Math.max(1, refused.msBeforeNext);
      throw refused;
    }
  }

  private limiter(rule: RateRule): RateLimiterAbstract {
    const id = `${rule.name}:${rule.points}:${rule.seconds}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      const memory = new RateLimiterMemory({ keyPrefix: rule.name, points: rule.points, duration: rule.seconds });
      const client = this.redis.client;
      limiter = client
        ? new RateLimiterRedis({
            storeClient: client,
            keyPrefix: `${this.config.redisKeyPrefix}${rule.name}:${rule.seconds}`,
            points: rule.points,
            duration: rule.seconds,
            insuranceLimiter: memory,
            // Straight to the insurance while disconnected, instead of an error per command.
            rejectIfRedisNotReady: true,
          })
        : memory;
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}
