import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { historyWindow } from '../chat/history-window';
import { AppConfig } from '../config/app-config';
import type { LlmConnection, LlmMessage, LlmRequest } from '../llm/llm.client';
import { resolveBotSettings } from './bot-settings';
import { BotIdentityBox } from './bot-identity-box';
import { BotKeyBox } from './bot-key-box';
import { BotRole } from './bot-role.entity';
import { Bot } from './bot.entity';

export interface ActiveRole {
  version: number | null;
  systemPrompt: string;
}

/** Finding bots and what answers for them; used by the chat, the console API and the preview. */
@Injectable()
export class BotsService {
  private readonly logger = new Logger('Bots');

  constructor(
    private readonly config: AppConfig,
    private readonly keyBox: BotKeyBox,
    private readonly identityBox: BotIdentityBox,
    @InjectRepository(Bot) private readonly bots: Repository<Bot>,
    @InjectRepository(BotRole) private readonly roles: Repository<BotRole>,
  ) {}

  findByPublicKey(publicKey: string): Promise<Bot | null> {
    return this.bots.findOne({ where: { publicKey } });
  }

  findById(id: string): Promise<Bot | null> {
    return this.bots.findOne({ where: { id } });
  }

  /** A bot of this tenant; another tenant's bot is as unknown as one that does not exist. */
  async findForTenant(tenantId: string, id: string): Promise<Bot> {
    const bot = await this.bots.findOne({ where: { id, tenantId } });
    if (!bot) throw new NotFoundException('No such bot');
    return bot;
  }

  /** The role that answers visitors now; a bot with none published answers without one. */
  async activeRole(bot: Bot): Promise<ActiveRole> {
    if (bot.activeRoleVersion === null) return { version: null, systemPrompt: '' };
    const role = await this.roles.findOne({ where: { botId: bot.id, version: bot.activeRoleVersion } });
    return role ? { version: role.version, systemPrompt: role.systemPrompt } : { version: null, systemPrompt: '' };
  }

  /** What the model is asked for one answer of this bot: its settings, the role, the history window. */
  llmRequest(bot: Bot, systemPrompt: string, turns: LlmMessage[]): LlmRequest {
    const settings = resolveBotSettings(bot.settings);
    return {
      messages: historyWindow(systemPrompt, turns, settings.historyTokenBudget),
      temperature: settings.temperature,
      maxTokens: settings.maxTokens,
      timeouts: { firstTokenMs: settings.firstTokenTimeoutMs, stallMs: settings.stallTimeoutMs },
      ...this.llmTarget(bot),
    };
  }

  /**
   * Which model answers for this bot, and on whose account: the bot's own connection only when its
   * endpoint and key are both set (the installation's key must never be sent to an endpoint an
   * owner typed in); otherwise the installation's provider, with the bot's model when it names one.
   */
  llmTarget(bot: Bot): { model?: string; connection?: LlmConnection } {
    const model = resolveBotSettings(bot.settings).deployment;
    const target = model ? { model } : {};
    if (!bot.azureEndpoint || !bot.azureApiKeyEncrypted) return target;
    try {
      return { ...target, connection: { provider: 'azure', endpoint: bot.azureEndpoint, apiKey: this.keyBox.open(bot.azureApiKeyEncrypted) } };
    } catch {
      this.logger.error(`bot ${bot.id}: its model key cannot be decrypted (APP_SECRET changed?); using the installation's account`);
      return target;
    }
  }

  /** The bot's identity secret in clear, for checking a visitor's hash; null when it has none. */
  identitySecret(bot: Bot): string | null {
    if (!bot.identitySecretEncrypted) return null;
    try {
      return this.identityBox.open(bot.identitySecretEncrypted);
    } catch {
      this.logger.error(`bot ${bot.id}: its identity secret cannot be decrypted (APP_SECRET changed?); identities are not verified until it is rotated`);
      return null;
    }
  }
}
