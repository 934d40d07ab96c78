import type { OfficeHours } from '../chat/widget.events';

/** The per-bot settings kept as jsonb; defaults fill whatever the owner has not set. */
export interface BotSettings {
  greeting: string;
  suggestions: string[];
  locale: string;
  color: string;
  position: 'right' | 'left';
  temperature: number;
  maxTokens: number;
  /** Tokens of history (role excluded) sent with each turn; oldest turns are dropped first. */
  historyTokenBudget: number;
  maxMessageLength: number;
  /** Give up a reply when the model sends no first token within this (ms); stored as failed. */
  firstTokenTimeoutMs: number;
  /** Give up a reply when the model goes silent mid-stream this long (ms); stored as failed with its text. */
  stallTimeoutMs: number;
  // Limits (0 = none). Unset or null: the installation's default from the environment, resolved in
  // limits/limit-settings.ts, so changing the environment changes every bot that kept the default.
  visitorMessagesPerMinute?: number | null;
  botMessagesPerMinute?: number | null;
  conversationTokenBudget?: number | null;
  dailyTokenBudget?: number | null;
  monthlyTokenBudget?: number | null;
  /** Refuse visitors without a verified identity (`identify` with a valid hash); needs an identity secret. */
  requireIdentity: boolean;
  // Knowledge (PROTOCOL §6): answers grounded in the bot's documents.
  /** Retrieve passages for each question (when the bot has ready sources). */
  knowledgeEnabled: boolean;
  /** At most this many passages per answer. */
  knowledgePassages: number;
  /** Tokens the passages may take together; lower-ranked passages are dropped first. */
  knowledgeTokenBudget: number;
  /** Answer only from the passages: the prompt tells the model to say it does not know otherwise. */
  knowledgeStrict: boolean;
  // Human handoff (PROTOCOL §7).
  /** Visitors may ask for a person; the model may hand over when it cannot help. */
  handoffEnabled: boolean;
  /** When people answer; null: whenever a staff member is online. */
  officeHours: OfficeHours | null;
}

export const DEFAULT_BOT_SETTINGS: BotSettings = {
  greeting: '',
  suggestions: [],
  locale: 'zh-CN',
  color: '#0f766e',
  position: 'right',
  temperature: 0.7,
  maxTokens: 800,
  historyTokenBudget: 3000,
  maxMessageLength: 2000,
  firstTokenTimeoutMs: 30_000,
  stallTimeoutMs: 20_000,
  requireIdentity: false,
  knowledgeEnabled: true,
  knowledgePassages: 4,
  knowledgeTokenBudget: 1200,
  knowledgeStrict: false,
  handoffEnabled: false,
  officeHours: null,
};

export function resolveBotSettings(stored: Partial<BotSettings> | null | undefined): BotSettings {
  return { ...DEFAULT_BOT_SETTINGS, ...(stored ?? {}) };
}
