import type { LimitDefaults } from '../config/app-config';
import { resolveBotLimits } from './limit-settings';

const defaults: LimitDefaults = {
  visitorMessagesPerMinute: 12,
  botMessagesPerMinute: 600,
  ipConnectionsPerMinute: 60,
  ipNewVisitorsPerHour: 100,
  visitorNewConversationsPerMinute: 10,
  conversationTokenBudget: 50_000,
  dailyTokenBudget: 2_000_000,
  monthlyTokenBudget: 40_000_000,
};

describe('resolveBotLimits', () => {
  it("gives the installation's defaults to a bot that set nothing", () => {
    expect(resolveBotLimits({}, defaults)).toEqual({
      visitorMessagesPerMinute: 12,
      botMessagesPerMinute: 600,
      conversationTokenBudget: 50_000,
      dailyTokenBudget: 2_000_000,
      monthlyTokenBudget: 40_000_000,
    });
    expect(resolveBotLimits(null, defaults).visitorMessagesPerMinute).toBe(12);
  });

  it("takes the bot's own values, 0 (no limit) included", () => {
    const limits = resolveBotLimits({ visitorMessagesPerMinute: 3, dailyTokenBudget: 0, monthlyTokenBudget: 5 }, defaults);
    expect(limits).toMatchObject({ visitorMessagesPerMinute: 3, botMessagesPerMinute: 600, dailyTokenBudget: 0, monthlyTokenBudget: 5 });
  });

  it('treats null (reset by the owner) and malformed stored values as unset', () => {
    const stored = { visitorMessagesPerMinute: null, botMessagesPerMinute: -1, conversationTokenBudget: 1.5, dailyTokenBudget: '9' } as never;
    expect(resolveBotLimits(stored, defaults)).toMatchObject({
      visitorMessagesPerMinute: 12,
      botMessagesPerMinute: 600,
      conversationTokenBudget: 50_000,
      dailyTokenBudget: 2_000_000,
    });
  });
});
