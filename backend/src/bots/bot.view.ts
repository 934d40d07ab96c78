import type { Bot } from './bot.entity';
import { resolveBotSettings } from './bot-settings';

/** Whether the bot has an identity secret (never the secret itself) and demands verified visitors. */
export function toIdentityView(bot: Bot) {
  return { secretSet: bot.identitySecretEncrypted !== null, required: resolveBotSettings(bot.settings).requireIdentity };
}

/**
 * A bot as the console sees it. The Azure key and the identity secret never leave the server;
 * only whether they are set.
 */
export function toBotView(bot: Bot, baseUrl: string) {
  const { deployment, ...settings } = resolveBotSettings(bot.settings);
  return {
    id: bot.id,
    name: bot.name,
    publicKey: bot.publicKey,
    enabled: bot.enabled,
    allowedOrigins: bot.allowedOrigins,
    settings: { ...settings, deployment: deployment ?? null },
    azure: { endpoint: bot.azureEndpoint, apiKeySet: bot.azureApiKeyEncrypted !== null },
    identity: toIdentityView(bot),
    activeRoleVersion: bot.activeRoleVersion,
    snippet: `<script src="${baseUrl}/widget.js" data-bot="${bot.publicKey}" async></script>`,
    createdAt: bot.createdAt,
    updatedAt: bot.updatedAt,
  };
}

export type BotView = ReturnType<typeof toBotView>;
