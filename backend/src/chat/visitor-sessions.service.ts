import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, QueryFailedError, Repository } from 'typeorm';
import { resolveBotSettings } from '../bots/bot-settings';
import { Bot } from '../bots/bot.entity';
import { BotsService } from '../bots/bots.service';
import { AppConfig } from '../config/app-config';
import type { Conversation } from '../conversations/conversation.entity';
import { HandoffService } from '../handoff/handoff.service';
import { HandoffStateRepository, type PageContext } from '../conversations/handoff-state.repository';
import { VisitorConversations } from '../conversations/visitor-conversations.repository';
import { ChatLimits } from '../limits/chat-limits.service';
import { LlmEndpoint } from '../llm/llm-endpoint';
import { ChatError } from './chat-error';
import { ConversationView } from './conversation-view';
import { isOriginAllowed } from './origin';
import { Visitor } from './visitor.entity';
import { VisitorContext } from './visitor-context';
import { ClaimedIdentity, identityHashMatches, parseIdentity } from './visitor-identity';
import { VisitorTokens } from './visitor-token';
import { conversationOpenSchema, emptySchema } from './chat.dto';
import { parse } from './parse-payload';
import type { ConnectRefusal, SessionPayload, WireConversation, WireConversationSummary } from './widget.events';

export class HandshakeRefused extends Error {
  constructor(
    readonly reason: ConnectRefusal,
    /** For `rate_limited`: when trying again may succeed. */
    readonly retryAfterMs?: number,
  ) {
    super(reason);
  }
}

/** How many conversations `conversations:list` gives at most. */
export const MAX_LISTED_CONVERSATIONS = 30;

const owner = (ctx: VisitorContext) => ({ tenantId: ctx.tenantId, botId: ctx.botId, visitorId: ctx.visitorId });

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
    private readonly conversations: VisitorConversations,
    private readonly handoff: HandoffService,
    private readonly states: HandoffStateRepository,
  ) {
    this.tokens = new VisitorTokens(config.appSecret);
  }

  /** `ip` is the client's address as the rate limits count it (limits/client-ip.ts). */
  async authenticate(auth: Record<string, unknown>, origin: string | undefined, ip: string, userAgent?: string): Promise<{ ctx: VisitorContext; bot: Bot }> {
    // Keys are `pk_` + hex; anything else (NUL bytes included, which PostgreSQL refuses) is unknown.
    const key = typeof auth.bot === 'string' && /^[\w-]{1,100}$/.test(auth.bot) ? auth.bot : undefined;
    const bot = key ? await this.bots.findByPublicKey(key) : null;
    if (!bot) throw new HandshakeRefused('unknown_bot');
    if (!isOriginAllowed(origin, bot.allowedOrigins)) throw new HandshakeRefused('origin_not_allowed');
    if (!bot.enabled) throw new HandshakeRefused('bot_disabled');

    const identity = this.verifiedIdentity(auth.identity, bot);
    const knownId = this.tokens.verify(auth.visitor, bot.id);
    const visitorId = identity ? await this.identifiedVisitor(knownId, bot.id, identity, ip) : await this.visitorFor(knownId, bot.id, ip);
    const conversation = await this.conversations.current({ tenantId: bot.tenantId, botId: bot.id, visitorId }, typeof auth.conversation === 'string' ? auth.conversation : undefined);
    const locale = typeof auth.locale === 'string' && /^[a-zA-Z-]{2,20}$/.test(auth.locale) ? auth.locale : resolveBotSettings(bot.settings).locale;
    // What the staff see of the visitor's page; a failure to note it never refuses the visitor.
    this.states.recordContext(conversation.id, pageContext(auth.page, userAgent, typeof auth.locale === 'string' ? locale : undefined)).catch(() => undefined);
    return { ctx: Object.freeze({ visitorId, botId: bot.id, tenantId: bot.tenantId, conversationId: conversation.id, locale }), bot };
  }

  async session(ctx: VisitorContext, bot: Bot): Promise<SessionPayload> {
    const settings = resolveBotSettings(bot.settings);
    const [conversation, staffed] = await Promise.all([
      this.conversationOf(ctx.conversationId),
      settings.handoffEnabled ? this.handoff.staffed(bot) : false,
    ]);
    return {
      visitor: this.tokens.sign(ctx.visitorId, bot.id),
      conversation,
      bot: {
        name: bot.name,
        greeting: settings.greeting,
        suggestions: settings.suggestions,
        locale: settings.locale,
        color: settings.color,
        demo: this.endpoint.demo && !bot.llmEndpoint,
        handoff: settings.handoffEnabled,
        staffed,
        officeHours: settings.officeHours,
        maxMessageLength: settings.maxMessageLength,
      },
    };
  }

  /** A new conversation for the visitor, refused (and not made) past their per-minute limit. */
  async newConversation(ctx: VisitorContext): Promise<Conversation> {
    const refusal = await this.limits.newConversation(ctx.visitorId);
    if (refusal) throw new ChatError(refusal.code, refusal.retryAfterMs);
    return this.conversations.start({ tenantId: ctx.tenantId, botId: ctx.botId, visitorId: ctx.visitorId });
  }

  /** `conversations:list`: the visitor's own conversations of this bot, newest activity first, bounded. */
  async listConversations(ctx: VisitorContext, payload: unknown): Promise<{ conversations: WireConversationSummary[] }> {
    parse(emptySchema, payload);
    await this.admitRead(ctx);
    const rows = await this.conversations.list(owner(ctx), MAX_LISTED_CONVERSATIONS);
    return {
      conversations: rows.map((r) => ({
        id: r.id, startedAt: r.startedAt.toISOString(), lastMessageAt: r.lastMessageAt.toISOString(), preview: r.preview, messageCount: r.messageCount,
      })),
    };
  }

  /**
   * `conversation:open`: the id of one of the visitor's own conversations (`not_found` for any
   * other, whoever's it is, and for none). The caller moves the socket to it, then reads it.
   */
  async ownConversation(ctx: VisitorContext, payload: unknown): Promise<string> {
    const { conversationId } = parse(conversationOpenSchema, payload);
    await this.admitRead(ctx);
    const found = await this.conversations.owned(owner(ctx), conversationId);
    if (!found) throw new ChatError('not_found');
    return found.id;
  }

  /** A conversation as the visitor sees it: its latest messages and who answers. */
  async conversationOf(conversationId: string): Promise<WireConversation> {
    const [messages, state] = await Promise.all([this.view.messagesOf(conversationId), this.handoff.stateOf(conversationId)]);
    return { id: conversationId, messages, ...state };
  }

  private async admitRead(ctx: VisitorContext): Promise<void> {
    const refusal = await this.limits.conversationRead(ctx.visitorId);
    if (refusal) throw new ChatError(refusal.code, refusal.retryAfterMs);
  }

  /**
   * The page's `identify`, when its hash verifies with the bot's secret; otherwise none (the visitor
   * is anonymous), or a refusal where the bot requires a verified identity.
   */
  private verifiedIdentity(raw: unknown, bot: Bot): ClaimedIdentity | null {
    const claimed = parseIdentity(raw);
    const secret = claimed?.hash ? this.bots.identitySecret(bot) : null;
    const verified = claimed?.hash && secret && identityHashMatches(secret, claimed.id, claimed.hash) ? claimed : null;
    if (!verified && resolveBotSettings(bot.settings).requireIdentity) throw new HandshakeRefused(claimed?.hash ? 'identity_invalid' : 'identity_required');
    return verified;
  }

  /**
   * An anonymous visitor: the token's, or a new one. A token of an identified visitor counts only
   * with that identity verified, so a signed-out user's conversations stay theirs on a shared device.
   */
  private async visitorFor(knownId: string | null, botId: string, ip: string): Promise<string> {
    if (knownId && UUID.test(knownId)) {
      const touched = await this.visitors.update({ id: knownId, botId, externalId: IsNull() }, { lastSeenAt: new Date() });
      if (touched.affected) return knownId;
    }
    await this.countNewVisitor(ip);
    return (await this.visitors.save(this.visitors.create({ botId }))).id;
  }

  /**
   * The visitor of a verified identity: the one already holding its id (another device, an earlier
   * visit), else the token's anonymous visitor bound to it, else a new one. Name and email are kept
   * as the latest verified handshake gave them; one it left out keeps what was stored.
   */
  private async identifiedVisitor(knownId: string | null, botId: string, who: ClaimedIdentity, ip: string): Promise<string> {
    const now = new Date();
    const profile = { lastSeenAt: now, verifiedAt: now, ...(who.name !== undefined ? { name: who.name } : {}), ...(who.email !== undefined ? { email: who.email } : {}) };
    // A concurrent handshake of the same user may bind or create first: then its visitor is the one.
    for (let attempt = 0; ; attempt++) {
      try {
        const held = await this.visitors.createQueryBuilder().update(Visitor).set(profile).where({ botId, externalId: who.id }).returning('id').execute();
        const heldId = (held.raw as Array<{ id: string }>)[0]?.id;
        if (heldId) return heldId;
        if (knownId && UUID.test(knownId)) {
          const bound = await this.visitors.update({ id: knownId, botId, externalId: IsNull() }, { ...profile, externalId: who.id });
          if (bound.affected) return knownId;
        }
        await this.countNewVisitor(ip);
        return (await this.visitors.save(this.visitors.create({ botId, ...profile, externalId: who.id }))).id;
      } catch (error) {
        if (attempt > 0 || !isExternalIdTaken(error)) throw error;
      }
    }
  }

  /** Only a visitor about to be made counts, so a returning visitor is never refused for it. */
  private async countNewVisitor(ip: string): Promise<void> {
    const refusal = await this.limits.newVisitor(ip);
    if (refusal) throw new HandshakeRefused('rate_limited', refusal.retryAfterMs);
  }
}

const isExternalIdTaken = (error: unknown) =>
  error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'visitors_bot_external_id_key';

/** The page and browser a handshake says it comes from, bounded; only http(s) URLs are kept. */
function pageContext(page: unknown, userAgent: string | undefined, locale: string | undefined): PageContext {
  const p = page && typeof page === 'object' ? (page as Record<string, unknown>) : {};
  const url = (v: unknown) => (typeof v === 'string' && /^https?:\/\//i.test(v) && URL.canParse(v) ? v.slice(0, 1000) : undefined);
  const context: PageContext = {};
  const pageUrl = url(p.url);
  const referrer = url(p.referrer);
  if (pageUrl) context.pageUrl = pageUrl;
  if (referrer) context.referrer = referrer;
  if (userAgent) context.userAgent = userAgent.slice(0, 300);
  if (locale) context.locale = locale;
  return context;
}
