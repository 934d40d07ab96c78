import { Injectable } from '@nestjs/common';
import type { Bot } from '../bots/bot.entity';
import { AppConfig } from '../config/app-config';
import { resolveBotLimits } from './limit-settings';
import { RateLimits } from './rate-limits';
import { TokenBudgets } from './token-budgets';

export interface Refusal {
  code: 'rate_limited' | 'budget_exceeded';
  retryAfterMs?: number;
}

const MINUTE = 60;
const HOUR = 3600;

/**
 * The limits a visitor's connection and messages pass (issue 5): per-IP connections and new
 * visitors at the handshake; per-visitor and per-bot message rates, then token budgets, before
 * a message is stored. Each answers a refusal, or null to go ahead; callers turn a refusal into
 * their own error, so nothing is stored for it.
 */
@Injectable()
export class ChatLimits {
  constructor(
    private readonly config: AppConfig,
    private readonly rates: RateLimits,
    private readonly budgets: TokenBudgets,
  ) {}

  /** Every handshake counts, refused ones too, before any database work. */
  connection(ip: string): Promise<Refusal | null> {
    return this.rate({ name: 'ip-connections', points: this.config.limits.ipConnectionsPerMinute, seconds: MINUTE }, ip);
  }

  /** Only a handshake that would create a visitor; a returning visitor's token is not new. */
  newVisitor(ip: string): Promise<Refusal | null> {
    return this.rate({ name: 'ip-new-visitors', points: this.config.limits.ipNewVisitorsPerHour, seconds: HOUR }, ip);
  }

  /** `conversation:new` makes a row each time: without this one socket made 300 in 2 s (issue 11). */
  newConversation(visitorId: string): Promise<Refusal | null> {
    return this.rate({ name: 'visitor-new-conversations', points: this.config.limits.visitorNewConversationsPerMinute, seconds: MINUTE }, visitorId);
  }

  /** `conversations:list` and `conversation:open`: each reads a visitor's conversations from the database. */
  conversationRead(visitorId: string): Promise<Refusal | null> {
    return this.rate({ name: 'visitor-conversation-reads', points: this.config.limits.visitorConversationReadsPerMinute, seconds: MINUTE }, visitorId);
  }

  /** Offline messages (`offline:message`) a visitor may leave per hour: each lands in the staff's list. */
  offlineMessage(visitorId: string): Promise<Refusal | null> {
    return this.rate({ name: 'visitor-offline-messages', points: this.config.staffLimits.offlineMessagesPerHour, seconds: HOUR }, visitorId);
  }

  /** A message to a person (no model call): the visitor's rates, no token budget. */
  async personMessage(visitorId: string, bot: Bot): Promise<Refusal | null> {
    const limits = resolveBotLimits(bot.settings, this.config.limits);
    return this.rate({ name: 'visitor-messages', points: limits.visitorMessagesPerMinute, seconds: MINUTE }, visitorId);
  }

  /** Rates first (cheap, and a refused message must not cost a budget query), then budgets. */
  async message(visitorId: string, conversationId: string, bot: Bot): Promise<Refusal | null> {
    const limits = resolveBotLimits(bot.settings, this.config.limits);
    const rate =
      (await this.rate({ name: 'visitor-messages', points: limits.visitorMessagesPerMinute, seconds: MINUTE }, visitorId)) ??
      (await this.rate({ name: 'bot-messages', points: limits.botMessagesPerMinute, seconds: MINUTE }, bot.id));
    if (rate) return rate;
    const budget = await this.budgets.check(conversationId, bot.id, limits);
    return budget && { code: 'budget_exceeded', ...budget };
  }

  private async rate(rule: Parameters<RateLimits['hit']>[0], key: string): Promise<Refusal | null> {
    const retryAfterMs = await this.rates.hit(rule, key);
    return retryAfterMs ? { code: 'rate_limited', retryAfterMs } : null;
  }
}
