import type { Bot } from './bot.entity';
import { resolveBotSettings } from './bot-settings';

/** Whether the bot has an identity secret (never the secret itself) and demands verified visitors. */
export function toIdentityView(bot: Bot) {
  return { secretSet: bot.identitySecretEncrypted !== null, required: resolveBotSettings(bot.settings).requireIdentity };
}

/**
 * The bot's model: its own account (provider, endpoint, key) and model; null fields are the
 * installation's. The key never leaves the server, only whether it is set.
 */
export function toLlmView(bot: Bot) {
  return { provider: bot.llmProvider, endpoint: bot.llmEndpoint, model: bot.llmModel, apiKeySet: bot.llmApiKeyEncrypted !== null };
}

/**
 * A bot as the console sees it. The model key and the identity secret never leave the server;
 * only whether they are set.
 */
export function toBotView(bot: Bot, baseUrl: string) {
  return {
    id: bot.id,
    name: bot.name,
    publicKey: bot.publicKey,
    enabled: bot.enabled,
    allowedOrigins: bot.allowedOrigins,
    settings: resolveBotSettings(bot.settings),
    llm: toLlmView(bot),
    identity: toIdentityView(bot),
    activeRoleVersion: bot.activeRoleVersion,
    snippet: `<script src="${baseUrl}/widget.js" data-bot="${bot.publicKey}" async></script>`,
    createdAt: bot.createdAt,
    updatedAt: bot.updatedAt,
  };
}

export type BotView = ReturnType<typeof toBotView>;
export type BotLlmView = ReturnType<typeof toLlmView>;
