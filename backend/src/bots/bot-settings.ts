/** The per-bot settings kept as jsonb; defaults fill whatever the owner has not set. */
export interface BotSettings {
  greeting: string;
  suggestions: string[];
  locale: string;
  color: string;
  position: 'right' | 'left';
  deployment?: string;
  temperature: number;
  maxTokens: number;
  /** Tokens of history (role excluded) sent with each turn; oldest turns are dropped first. */
  historyTokenBudget: number;
  maxMessageLength: number;
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
};

export function resolveBotSettings(stored: Partial<BotSettings> | null | undefined): BotSettings {
  return { ...DEFAULT_BOT_SETTINGS, ...(stored ?? {}) };
}
