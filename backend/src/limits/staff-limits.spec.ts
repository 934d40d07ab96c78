import type { IncomingMessage } from 'node:http';
import type { Bot } from '../bots/bot.entity';
import { TooManyRequestsException } from '../common/too-many-requests.exception';
import type { AppConfig, LimitDefaults, StaffLimitSettings } from '../config/app-config';
import { budgetPeriods } from './budget-period';
import { RateLimits } from './rate-limits';
import type { RedisConnection } from './redis-connection';
import { StaffLimits } from './staff-limits.service';
import type { TokenBudgets } from './token-budgets';

const staffLimits: StaffLimitSettings = { userPreviewsPerMinute: 2, botPreviewsPerMinute: 3, ipLoginsPerMinute: 2, actionsPerMinute: 120, offlineMessagesPerHour: 5, passwordAttemptsPer15Minutes: 2 };
const limits = { dailyTokenBudget: 1000, monthlyTokenBudget: 5000 } as LimitDefaults;

function setup(budgetAnswer: { retryAfterMs?: number } | null = null) {
  const config = { limits, staffLimits, redisKeyPrefix: '', trustProxy: 0 } as unknown as AppConfig;
  const budgets = { checkBot: jest.fn().mockResolvedValue(budgetAnswer), record: jest.fn() };
  return { sut: new StaffLimits(config, new RateLimits(config, { client: undefined } as RedisConnection), budgets as unknown as TokenBudgets), budgets };
}

const bot = (id = 'bot-1') => ({ id, settings: {} }) as Bot;
const from = (ip: string) => ({ socket: { remoteAddress: ip }, headers: {} }) as IncomingMessage;

async function refusal(promise: Promise<unknown>): Promise<TooManyRequestsException> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof TooManyRequestsException)) throw new Error(`expected a 429, got ${String(error)}`);
  return error;
}

describe('StaffLimits', () => {
  it('limits previews per user, then per bot whoever runs them', async () => {
    const { sut } = setup();
    await sut.preview('u1', bot());
    await sut.preview('u1', bot());
    const perUser = await refusal(sut.preview('u1', bot('bot-2')));
    expect(perUser).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/^Too many previews: at most 2 a minute per user; try again in \d+ s$/) });
    expect(perUser.retryAfterSeconds).toBeLessThanOrEqual(60);
    await sut.preview('u2', bot());
    await expect(refusal(sut.preview('u3', bot()))).resolves.toMatchObject({ message: expect.stringMatching(/of this bot/) });
  });

  it("refuses a preview once the bot's daily or monthly budget is spent, saying which", async () => {
    const now = new Date('2025-03-14T18:00:00Z');
    const day = await refusal(setup({ retryAfterMs: budgetPeriods(now).msUntilNextDay }).sut.preview('u1', bot(), now));
    expect(day).toMatchObject({ code: 'budget_exceeded', message: expect.stringMatching(/daily token budget is spent/), retryAfterMs: 6 * 3_600_000 });
    const month = await refusal(setup({ retryAfterMs: budgetPeriods(now).msUntilNextMonth }).sut.preview('u1', bot(), now));
    expect(month.message).toMatch(/monthly token budget is spent/);
  });

  it('counts a preview against the bot with the installation limits as ceilings', async () => {
    const { sut, budgets } = setup();
    await sut.preview('u1', { id: 'bot-1', settings: { dailyTokenBudget: 0, monthlyTokenBudget: 100 } } as Bot);
    expect(budgets.checkBot).toHaveBeenCalledWith('bot-1', expect.objectContaining({ dailyTokenBudget: 1000, monthlyTokenBudget: 100 }), expect.any(Date));
    await sut.recordPreview('bot-1', { promptTokens: 30, completionTokens: 12 });
    expect(budgets.record).toHaveBeenCalledWith('bot-1', 42);
  });

  it('limits sign-in attempts per address whatever the account', async () => {
    const { sut } = setup();
    await sut.login(from('198.51.100.1'));
    await sut.login(from('198.51.100.1'));
    await expect(refusal(sut.login(from('198.51.100.1')))).resolves.toMatchObject({ code: 'rate_limited' });
    await sut.login(from('198.51.100.2'));
  });

  it('limits password changes per user and per address, in 15-minute windows', async () => {
    const { sut } = setup();
    await sut.passwordChange('u1', from('198.51.100.1'));
    await sut.passwordChange('u1', from('198.51.100.2'));
    const perUser = await refusal(sut.passwordChange('u1', from('198.51.100.3')));
    expect(perUser.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(perUser.message).toMatch(/try again in 15 min$/);
    // Per address too: a refusal per user counted nothing there, so two others may try from it, not a third.
    await sut.passwordChange('u2', from('198.51.100.3'));
    await sut.passwordChange('u3', from('198.51.100.3'));
    await expect(refusal(sut.passwordChange('u4', from('198.51.100.3')))).resolves.toMatchObject({ code: 'rate_limited' });
  });
});
