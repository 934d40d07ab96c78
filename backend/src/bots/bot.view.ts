import type { Bot } from './bot.entity';
import { resolveBotSettings } from './bot-settings';

/** A bot as the console sees it. The Azure key itself never leaves the server; only whether one is set. */
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
    activeRoleVersion: bot.activeRoleVersion,
    snippet: `<script src="${baseUrl}/widget.js" data-bot="${bot.publicKey}" async></script>`,
    createdAt: bot.createdAt,
    updatedAt: bot.updatedAt,
  };
}

export type BotView = ReturnType<typeof toBotView>;
