import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MessagesRepository } from '../conversations/messages.repository';
import { budgetPeriods } from './budget-period';
import type { BotLimits } from './limit-settings';

export interface BudgetRefusal {
  /** Until the period resets; absent for a conversation's budget, which never does. */
  retryAfterMs?: number;
}

// The bot's day counters since the 1st (bot_token_usage's primary key): at most 31 rows.
const BOT_SQL = `
  SELECT coalesce(sum(tokens) FILTER (WHERE day >= $2::date), 0) AS today, coalesce(sum(tokens), 0) AS month
  FROM bot_token_usage WHERE bot_id = $1 AND day >= $3::date`;

// The same upsert as the messages_count_bot_tokens trigger's.
const RECORD_SQL = `
  INSERT INTO bot_token_usage (bot_id, day, tokens) VALUES ($1, $2::date, $3)
  ON CONFLICT (bot_id, day) DO UPDATE SET tokens = bot_token_usage.tokens + EXCLUDED.tokens`;

/**
 * Token budgets, checked before a message is taken. What the answers used is known only when
 * they end, so the answer that crosses a budget completes and the next message is refused;
 * answers running at the same moment may each cross it once.
 */
@Injectable()
export class TokenBudgets {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly messages: MessagesRepository,
  ) {}

  async check(conversationId: string, botId: string, limits: BotLimits, now = new Date()): Promise<BudgetRefusal | null> {
    if (limits.conversationTokenBudget > 0) {
      if ((await this.messages.conversationTokens(conversationId)) >= limits.conversationTokenBudget) return {};
    }
    return this.checkBot(botId, limits, now);
  }

  /** The bot's daily and monthly budgets only: what a preview, which has no conversation, is held to. */
  async checkBot(botId: string, limits: BotLimits, now = new Date()): Promise<BudgetRefusal | null> {
    if (limits.dailyTokenBudget === 0 && limits.monthlyTokenBudget === 0) return null;
    const period = budgetPeriods(now);
    const [row] = await this.db.query(BOT_SQL, [botId, period.day, period.monthStart]);
    // Both spent: the visitor may come back only when both have reset, the month's the later.
    if (limits.monthlyTokenBudget > 0 && Number(row.month) >= limits.monthlyTokenBudget) return { retryAfterMs: period.msUntilNextMonth };
    if (limits.dailyTokenBudget > 0 && Number(row.today) >= limits.dailyTokenBudget) return { retryAfterMs: period.msUntilNextDay };
    return null;
  }

  /**
   * Counts tokens no stored message carries (a preview's) on the bot's day, as the messages
   * trigger does for answers, so the bot's budgets see every token its model was asked for.
   */
  async record(botId: string, tokens: number, now = new Date()): Promise<void> {
    if (!(tokens > 0)) return;
    await this.db.query(RECORD_SQL, [botId, budgetPeriods(now).day, Math.round(tokens)]);
  }
}
