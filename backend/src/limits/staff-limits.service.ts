import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Bot } from '../bots/bot.entity';
import { TooManyRequestsException } from '../common/too-many-requests.exception';
import { AppConfig } from '../config/app-config';
import { budgetPeriods } from './budget-period';
import { clientIp } from './client-ip';
import { resolveBotLimits } from './limit-settings';
import { RateLimits, RateRule } from './rate-limits';
import { TokenBudgets } from './token-budgets';

const MINUTE = 60;

/**
 * The limits on the console's own requests (issue 11): previews, which spend the installation's
 * model like a visitor's message does; sign-in attempts per address across accounts, against
 * password spraying; and password changes, each a guess of the current password. Counted like the
 * visitors' limits (Redis when there is one), so every instance sees the same counts. Each
 * refusal is a 429 with Retry-After; every attempt counts, allowed or not, so a guesser gains
 * nothing by mixing in right answers, and one that is refused is not even checked.
 */
@Injectable()
export class StaffLimits {
  constructor(
    private readonly config: AppConfig,
    private readonly rates: RateLimits,
    private readonly budgets: TokenBudgets,
  ) {}

  /** Per user, then per bot (so another tenant's requests cannot spend it: the bot is theirs), then the bot's budgets. */
  async preview(userId: string, bot: Bot, now = new Date()): Promise<void> {
    const { userPreviewsPerMinute, botPreviewsPerMinute } = this.config.staffLimits;
    await this.rate({ name: 'user-previews', points: userPreviewsPerMinute, seconds: MINUTE }, userId, `Too many previews: at most ${userPreviewsPerMinute} a minute per user`);
    await this.rate({ name: 'bot-previews', points: botPreviewsPerMinute, seconds: MINUTE }, bot.id, `Too many previews of this bot: at most ${botPreviewsPerMinute} a minute`);
    const spent = await this.budgets.checkBot(bot.id, resolveBotLimits(bot.settings, this.config.limits), now);
    if (!spent) return;
    const monthly = spent.retryAfterMs === budgetPeriods(now).msUntilNextMonth;
    const message = monthly
      ? "This bot's monthly token budget is spent (previews count too); it starts again on the 1st at midnight UTC"
      : "This bot's daily token budget is spent (previews count too); it starts again at midnight UTC";
    throw new TooManyRequestsException('budget_exceeded', message, spent.retryAfterMs);
  }

  /** A preview's tokens, on the bot's budgets like its answers' (no message stores them). */
  recordPreview(botId: string, usage: { promptTokens: number; completionTokens: number }): Promise<void> {
    return this.budgets.record(botId, usage.promptTokens + usage.completionTokens);
  }

  /** Knowledge uploads, edits, re-indexing and deletions, per user: each may start a parse and an embedding job. */
  async knowledgeWrite(userId: string): Promise<void> {
    const points = this.config.knowledge.writesPerMinute;
    await this.rate({ name: 'user-knowledge-writes', points, seconds: MINUTE }, userId, `Too many knowledge changes: at most ${points} a minute per user`);
  }

  /** The console's "test a question", per user: each embeds the question with the installation's model. */
  async knowledgeSearch(userId: string): Promise<void> {
    const points = this.config.knowledge.searchesPerMinute;
    await this.rate({ name: 'user-knowledge-searches', points, seconds: MINUTE }, userId, `Too many knowledge searches: at most ${points} a minute per user`);
  }

  /** Inbox actions (claim, reply, release, close) per staff member: a person types far slower than this. */
  async staffAction(userId: string): Promise<void> {
    const points = this.config.staffLimits.actionsPerMinute;
    await this.rate({ name: 'user-staff-actions', points, seconds: MINUTE }, userId, `Too many inbox actions: at most ${points} a minute per user`);
  }

  /** Every sign-in attempt from one address, whichever the account: the per-account limit alone lets one password be tried on every account. */
  async login(req: IncomingMessage): Promise<void> {
    const points = this.config.staffLimits.ipLoginsPerMinute;
    await this.rate({ name: 'ip-logins', points, seconds: MINUTE }, this.ip(req), 'Too many sign-in attempts from this address');
  }

  /** Per user (a stolen session cannot guess on) and per address (nor can one address across sessions). */
  async passwordChange(userId: string, req: IncomingMessage): Promise<void> {
    const rule: Omit<RateRule, 'name'> = { points: this.config.staffLimits.passwordAttemptsPer15Minutes, seconds: 15 * MINUTE };
    const message = 'Too many password change attempts';
    await this.rate({ ...rule, name: 'user-password-changes' }, userId, message);
    await this.rate({ ...rule, name: 'ip-password-changes' }, this.ip(req), message);
  }

  private ip(req: IncomingMessage): string {
    return clientIp(req.socket.remoteAddress ?? '', req.headers['x-forwarded-for'], this.config.trustProxy);
  }

  private async rate(rule: RateRule, key: string, what: string): Promise<void> {
    const retryAfterMs = await this.rates.hit(rule, key);
    if (retryAfterMs) throw new TooManyRequestsException('rate_limited', `${what}; try again in ${wait(retryAfterMs)}`, retryAfterMs);
  }
}

function wait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}
