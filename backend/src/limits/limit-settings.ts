import type { BotSettings } from '../bots/bot-settings';
import type { LimitDefaults } from '../config/app-config';

/** The limits one bot's visitors are held to; 0 means none. */
export interface BotLimits {
  visitorMessagesPerMinute: number;
  botMessagesPerMinute: number;
  conversationTokenBudget: number;
  dailyTokenBudget: number;
  monthlyTokenBudget: number;
}

const KEYS = ['visitorMessagesPerMinute', 'botMessagesPerMinute', 'conversationTokenBudget', 'dailyTokenBudget', 'monthlyTokenBudget'] as const;

/**
 * A bot's own value where its owner set one, the installation's otherwise. Stored settings are
 * jsonb written by older versions too, so anything but a non-negative integer counts as unset.
 */
export function resolveBotLimits(settings: Partial<BotSettings> | null | undefined, defaults: LimitDefaults): BotLimits {
  const own = settings ?? {};
  const pick = (key: (typeof KEYS)[number]) => {
    const value = own[key];
    return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : defaults[key];
  };
  return Object.fromEntries(KEYS.map((key) => [key, pick(key)])) as unknown as BotLimits;
}
