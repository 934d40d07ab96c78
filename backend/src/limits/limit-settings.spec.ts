import type { LimitDefaults } from '../config/app-config';
import { limitSettingErrors, resolveBotLimits } from './limit-settings';

const defaults: LimitDefaults = {
  visitorMessagesPerMinute: 12,
  botMessagesPerMinute: 600,
  ipConnectionsPerMinute: 60,
  ipNewVisitorsPerHour: 100,
  visitorNewConversationsPerMinute: 10,
  visitorConversationReadsPerMinute: 30,
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

  it("takes a bot's value below the installation's", () => {
    const limits = resolveBotLimits({ visitorMessagesPerMinute: 3, monthlyTokenBudget: 5 }, defaults);
    expect(limits).toMatchObject({ visitorMessagesPerMinute: 3, botMessagesPerMinute: 600, monthlyTokenBudget: 5 });
  });

  it("holds a bot to the installation's value: a higher value or 0 (none) stored earlier does not raise it", () => {
    const limits = resolveBotLimits({ visitorMessagesPerMinute: 10_000, botMessagesPerMinute: 0, dailyTokenBudget: 0, monthlyTokenBudget: 40_000_001 }, defaults);
    expect(limits).toMatchObject({ visitorMessagesPerMinute: 12, botMessagesPerMinute: 600, dailyTokenBudget: 2_000_000, monthlyTokenBudget: 40_000_000 });
  });

  it('takes any value, 0 included, where the installation sets no limit', () => {
    const none = { ...defaults, visitorMessagesPerMinute: 0, dailyTokenBudget: 0 };
    expect(resolveBotLimits({ visitorMessagesPerMinute: 50_000, dailyTokenBudget: 0 }, none)).toMatchObject({ visitorMessagesPerMinute: 50_000, dailyTokenBudget: 0 });
    expect(resolveBotLimits({}, none)).toMatchObject({ visitorMessagesPerMinute: 0, dailyTokenBudget: 0 });
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

describe('limitSettingErrors', () => {
  it('names each field set to 0 or above the installation\'s value', () => {
    const errors = limitSettingErrors({ visitorMessagesPerMinute: 13, dailyTokenBudget: 0, botMessagesPerMinute: 600, monthlyTokenBudget: 1 }, defaults);
    expect(errors).toEqual([
      expect.stringMatching(/^settings\.visitorMessagesPerMinute: must be between 1 and 12\b/),
      expect.stringMatching(/^settings\.dailyTokenBudget: must be between 1 and 2000000\b/),
    ]);
  });

  it('allows null (back to the installation\'s), and anything where the installation sets none', () => {
    expect(limitSettingErrors({ visitorMessagesPerMinute: null, dailyTokenBudget: null }, defaults)).toEqual([]);
    expect(limitSettingErrors({ conversationTokenBudget: 0 }, { ...defaults, conversationTokenBudget: 0 })).toEqual([]);
    expect(limitSettingErrors(undefined, defaults)).toEqual([]);
  });
});
