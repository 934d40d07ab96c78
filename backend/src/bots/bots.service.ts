import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import type { LlmConnection } from '../llm/llm.client';
import { resolveBotSettings } from './bot-settings';
import { BotIdentityBox } from './bot-identity-box';
import { BotKeyBox } from './bot-key-box';
import { BotRole } from './bot-role.entity';
import { Bot } from './bot.entity';

export interface ActiveRole {
  version: number | null;
  systemPrompt: string;
}

/** Role versions kept in memory (a role is at most 20,000 characters). */
const PUBLISHED_ROLES_KEPT = 500;

/** Finding bots and what answers for them; used by the chat, the console API and the preview. */
@Injectable()
export class BotsService {
  private readonly logger = new Logger('Bots');
  /** Published role versions read so far, by `botId:version`; the oldest read goes first. */
  private readonly publishedRoles = new Map<string, ActiveRole>();

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

  /**
   * The role that answers visitors now; a bot with none published answers without one. A
   * published version never changes (bot-roles.service.ts only inserts), so it is read once per
   * instance: a turn usually reads no role at all.
   */
  async activeRole(bot: Bot): Promise<ActiveRole> {
    if (bot.activeRoleVersion === null) return { version: null, systemPrompt: '' };
    const key = `${bot.id}:${bot.activeRoleVersion}`;
    const known = this.publishedRoles.get(key);
    if (known) return known;
    const role = await this.roles.findOne({ where: { botId: bot.id, version: bot.activeRoleVersion } });
    if (!role) return { version: null, systemPrompt: '' };
    const active = { version: role.version, systemPrompt: role.systemPrompt };
    if (this.publishedRoles.size >= PUBLISHED_ROLES_KEPT) this.publishedRoles.delete(this.publishedRoles.keys().next().value!);
    this.publishedRoles.set(key, active);
    return active;
  }

  /**
   * Which model answers for this bot, and on whose account: the bot's own connection only when its
   * endpoint and key are both set (the installation's key must never be sent to an endpoint an
   * owner typed in); otherwise the installation's provider, with the bot's model when it names one.
   */
  llmTarget(bot: Bot): { model?: string; connection?: LlmConnection } {
    const model = bot.llmModel ?? undefined;
    const target = model ? { model } : {};
    if (!bot.llmProvider || !bot.llmEndpoint || !bot.llmApiKeyEncrypted) return target;
    try {
      const connection = { provider: bot.llmProvider, endpoint: bot.llmEndpoint, apiKey: this.keyBox.open(bot.llmApiKeyEncrypted) };
      // Named in full, so breakers and messages name the model the bot's own account is asked for.
      return { model: model ?? (bot.llmProvider === 'openai' ? this.config.openai.model : this.config.azure.deployment), connection };
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
