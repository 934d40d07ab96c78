import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { resolveBotSettings } from '../bots/bot-settings';
import { Bot } from '../bots/bot.entity';
import { BotsService } from '../bots/bots.service';
import { AppConfig } from '../config/app-config';
import { Conversation } from '../conversations/conversation.entity';
import { ChatLimits } from '../limits/chat-limits.service';
import { LlmEndpoint } from '../llm/llm-endpoint';
import { ConversationView } from './conversation-view';
import { isOriginAllowed } from './origin';
import { Visitor } from './visitor.entity';
import { VisitorContext } from './visitor-context';
import { VisitorTokens } from './visitor-token';
import type { ConnectRefusal, SessionPayload } from './widget.events';

export class HandshakeRefused extends Error {
  constructor(
    readonly reason: ConnectRefusal,
    /** For `rate_limited`: when trying again may succeed. */
    readonly retryAfterMs?: number,
  ) {
    super(reason);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The handshake of `/widget`: which bot, from which site, which visitor, which conversation. */
@Injectable()
export class VisitorSessions {
  private readonly tokens: VisitorTokens;

  constructor(
    config: AppConfig,
    private readonly bots: BotsService,
    private readonly endpoint: LlmEndpoint,
    private readonly view: ConversationView,
    private readonly limits: ChatLimits,
    @InjectRepository(Visitor) private readonly visitors: Repository<Visitor>,
    @InjectRepository(Conversation) private readonly conversations: Repository<Conversation>,
  ) {
    this.tokens = new VisitorTokens(config.appSecret);
  }

  /** `ip` is the client's address as the rate limits count it (limits/client-ip.ts). */
  async authenticate(auth: Record<string, unknown>, origin: string | undefined, ip: string): Promise<{ ctx: VisitorContext; bot: Bot }> {
    // Keys are `pk_` + hex; anything else (NUL bytes included, which PostgreSQL refuses) is unknown.
    const key = typeof auth.bot === 'string' && /^[\w-]{1,100}$/.test(auth.bot) ? auth.bot : undefined;
    const bot = key ? await this.bots.findByPublicKey(key) : null;
    if (!bot) throw new HandshakeRefused('unknown_bot');
    if (!isOriginAllowed(origin, bot.allowedOrigins)) throw new HandshakeRefused('origin_not_allowed');
    if (!bot.enabled) throw new HandshakeRefused('bot_disabled');

    const visitorId = await this.visitorFor(this.tokens.verify(auth.visitor, bot.id), bot.id, ip);
    const conversation = await this.currentConversation(visitorId, bot);
    const locale = typeof auth.locale === 'string' && /^[a-zA-Z-]{2,20}$/.test(auth.locale) ? auth.locale : resolveBotSettings(bot.settings).locale;
    return { ctx: { visitorId, botId: bot.id, tenantId: bot.tenantId, conversationId: conversation.id, locale }, bot };
  }

  async session(ctx: VisitorContext, bot: Bot): Promise<SessionPayload> {
    const settings = resolveBotSettings(bot.settings);
    return {
      visitor: this.tokens.sign(ctx.visitorId, bot.id),
      conversation: { id: ctx.conversationId, messages: await this.view.messagesOf(ctx.conversationId) },
      bot: {
        name: bot.name,
        greeting: settings.greeting,
        suggestions: settings.suggestions,
        locale: settings.locale,
        color: settings.color,
        demo: this.endpoint.demo && !bot.azureEndpoint,
      },
    };
  }

  async newConversation(ctx: VisitorContext): Promise<Conversation> {
    return this.conversations.save(this.conversations.create({ tenantId: ctx.tenantId, botId: ctx.botId, visitorId: ctx.visitorId }));
  }

  private async visitorFor(knownId: string | null, botId: string, ip: string): Promise<string> {
    if (knownId && UUID.test(knownId)) {
      const touched = await this.visitors.update({ id: knownId, botId }, { lastSeenAt: new Date() });
      if (touched.affected) return knownId;
    }
    // Only a visitor about to be made counts, so a returning visitor is never refused for it.
    const refusal = await this.limits.newVisitor(ip);
    if (refusal) throw new HandshakeRefused('rate_limited', refusal.retryAfterMs);
    return (await this.visitors.save(this.visitors.create({ botId }))).id;
  }

  private async currentConversation(visitorId: string, bot: Bot): Promise<Conversation> {
    const latest = await this.conversations.findOne({ where: { visitorId }, order: { createdAt: 'DESC' } });
    return latest ?? this.conversations.save(this.conversations.create({ tenantId: bot.tenantId, botId: bot.id, visitorId }));
  }
}
