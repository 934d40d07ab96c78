import type { Bot } from '../bots/bot.entity';
import type { AppConfig, LimitDefaults } from '../config/app-config';
import { ChatLimits } from './chat-limits.service';
import { RateLimits } from './rate-limits';
import type { RedisConnection } from './redis-connection';
import type { TokenBudgets } from './token-budgets';

const defaults: LimitDefaults = {
  visitorMessagesPerMinute: 2,
  botMessagesPerMinute: 3,
  ipConnectionsPerMinute: 1,
  ipNewVisitorsPerHour: 1,
  visitorNewConversationsPerMinute: 2,
  visitorConversationReadsPerMinute: 30,
  conversationTokenBudget: 100,
  dailyTokenBudget: 0,
  monthlyTokenBudget: 0,
};

function setup(budgetAnswer: { retryAfterMs?: number } | null = null) {
  const config = { limits: defaults, redisKeyPrefix: '' } as AppConfig;
  const budgets = { check: jest.fn().mockResolvedValue(budgetAnswer) };
  const sut = new ChatLimits(config, new RateLimits(config, { client: undefined } as RedisConnection), budgets as unknown as TokenBudgets);
  return { sut, budgets };
}

const bot = (settings: Partial<Bot['settings']> = {}) => ({ id: 'bot-1', settings }) as Bot;

describe('ChatLimits', () => {
  it("refuses a visitor's message past its per-minute limit without asking the budgets", async () => {
    const { sut, budgets } = setup();
    await expect(sut.message('v1', 'c1', bot())).resolves.toBeNull();
    await expect(sut.message('v1', 'c1', bot())).resolves.toBeNull();
    await expect(sut.message('v1', 'c1', bot())).resolves.toEqual({ code: 'rate_limited', retryAfterMs: expect.any(Number) });
    expect(budgets.check).toHaveBeenCalledTimes(2);
  });

  it("refuses the bot's messages past its per-minute limit, whoever sends them", async () => {
    const { sut } = setup();
    for (const visitor of ['v1', 'v2', 'v3']) await expect(sut.message(visitor, 'c', bot())).resolves.toBeNull();
    await expect(sut.message('v4', 'c', bot())).resolves.toMatchObject({ code: 'rate_limited' });
  });

  it("uses a bot's own lower limits, and its own where the installation has none", async () => {
    const { sut, budgets } = setup();
    const strict = bot({ visitorMessagesPerMinute: 1, dailyTokenBudget: 5 });
    await expect(sut.message('v1', 'c1', strict)).resolves.toBeNull();
    expect(budgets.check).toHaveBeenLastCalledWith('c1', 'bot-1', expect.objectContaining({ dailyTokenBudget: 5, conversationTokenBudget: 100 }));
    await expect(sut.message('v1', 'c1', strict)).resolves.toMatchObject({ code: 'rate_limited' });
  });

  it("never lets a bot's higher limit past the installation's", async () => {
    const { sut } = setup();
    const generous = bot({ visitorMessagesPerMinute: 10 });
    for (let i = 0; i < 2; i++) await expect(sut.message('v1', 'c1', generous)).resolves.toBeNull();
    await expect(sut.message('v1', 'c1', generous)).resolves.toMatchObject({ code: 'rate_limited' });
  });

  it('answers budget_exceeded with the time until the budget resets', async () => {
    const { sut } = setup({ retryAfterMs: 1234 });
    await expect(sut.message('v1', 'c1', bot())).resolves.toEqual({ code: 'budget_exceeded', retryAfterMs: 1234 });
  });

  it('limits connections and new visitors per address', async () => {
    const { sut } = setup();
    await expect(sut.connection('198.51.100.1')).resolves.toBeNull();
    await expect(sut.connection('198.51.100.1')).resolves.toMatchObject({ code: 'rate_limited' });
    await expect(sut.connection('198.51.100.2')).resolves.toBeNull();
    await expect(sut.newVisitor('198.51.100.1')).resolves.toBeNull();
    const refused = await sut.newVisitor('198.51.100.1');
    expect(refused?.retryAfterMs).toBeGreaterThan(59 * 60_000);
  });

  it('limits new conversations per visitor', async () => {
    const { sut } = setup();
    for (let i = 0; i < 2; i++) await expect(sut.newConversation('v1')).resolves.toBeNull();
    const refused = await sut.newConversation('v1');
    expect(refused).toEqual({ code: 'rate_limited', retryAfterMs: expect.any(Number) });
    expect(refused?.retryAfterMs).toBeLessThanOrEqual(60_000);
    await expect(sut.newConversation('v2')).resolves.toBeNull();
  });
});
