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

export const BOT_LIMIT_KEYS = ['visitorMessagesPerMinute', 'botMessagesPerMinute', 'conversationTokenBudget', 'dailyTokenBudget', 'monthlyTokenBudget'] as const;

type LimitKey = (typeof BOT_LIMIT_KEYS)[number];

/**
 * The installation's value is a ceiling (issue 11): the operator pays for the model and sizes the
 * servers, so an owner may lower a limit but neither raise it nor switch it off. Only where the
 * installation sets none (0) is the owner's value, 0 included, taken as it is.
 *
 * A bot's value is refused above the ceiling when it is set (limitSettingErrors); here a stored
 * one is still clamped, since the operator may lower the ceiling after the owner set it, and
 * stored settings are jsonb written by older versions too: anything but a non-negative integer,
 * and a stored 0 under a ceiling, count as unset.
 */
export function resolveBotLimits(settings: Partial<BotSettings> | null | undefined, defaults: LimitDefaults): BotLimits {
  const own = settings ?? {};
  const pick = (key: LimitKey) => {
    const ceiling = defaults[key];
    const value = own[key];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return ceiling;
    if (ceiling === 0) return value;
    return value === 0 ? ceiling : Math.min(value, ceiling);
  };
  return Object.fromEntries(BOT_LIMIT_KEYS.map((key) => [key, pick(key)])) as unknown as BotLimits;
}

/**
 * The 400 messages, one per field, for limits an owner may not set: 0 or above the installation's
 * value where it has one. Refused rather than clamped, so the owner sees at once that the value
 * they typed is not the one that applies. `null` (back to the installation's) is always allowed.
 */
export function limitSettingErrors(patch: Partial<Record<LimitKey, number | null>> | undefined, defaults: LimitDefaults): string[] {
  const errors: string[] = [];
  for (const key of BOT_LIMIT_KEYS) {
    const value = patch?.[key];
    const ceiling = defaults[key];
    if (value === undefined || value === null || ceiling === 0) continue;
    if (value === 0 || value > ceiling) {
      errors.push(`settings.${key}: must be between 1 and ${ceiling}, the installation's limit (which a bot may lower, not raise or switch off)`);
    }
  }
  return errors;
}
