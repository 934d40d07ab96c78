import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { resolveBotSettings } from '../bots/bot-settings';
import type { Bot } from '../bots/bot.entity';
import { MessagesRepository, type SendResult } from '../conversations/messages.repository';
import { TurnConflict } from '../conversations/turn-conflict';
import { HandoffService } from '../handoff/handoff.service';
import { OfflineMessagesRepository } from '../handoff/offline-messages.repository';
import { ChatLimits } from '../limits/chat-limits.service';
import { ChatError } from './chat-error';
import type { Responder } from './responder';
import { TurnCache } from './turn-cache';
import type { VisitorContext } from './visitor-context';
import type { ConversationState, WireMessage } from './widget.events';

const handoffRequestSchema = z.strictObject({ note: z.string().trim().max(500).optional() });
const offlineMessageSchema = z.strictObject({ email: z.email().max(200), text: z.string().trim().min(1).max(2000) });

/**
 * The turns no model answers (PROTOCOL §7): a visitor's message while a person is asked for or
 * answers (stored, and sent to the staff), a rule's fixed answer (stored, sent as `message:new`),
 * a rule's handoff; and the visitor's own requests for a person, or for a message to be left.
 */
@Injectable()
export class PersonTurns {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly handoff: HandoffService,
    private readonly offline: OfflineMessagesRepository,
    private readonly limits: ChatLimits,
    private readonly turns: TurnCache,
  ) {}

  async take(ctx: VisitorContext, bot: Bot, clientId: string, text: string, responder: Exclude<Responder, { kind: 'bot' }>): Promise<SendResult> {
    const refusal = await this.limits.personMessage(ctx.visitorId, bot);
    if (refusal) throw new ChatError(refusal.code, refusal.retryAfterMs);
    this.turns.forget(ctx.conversationId);
    const question = await this.store(ctx, { id: randomUUID(), role: 'user', text, clientId });
    if ('replay' in question) return question.replay;
    const ref = { tenantId: ctx.tenantId, botId: ctx.botId, conversationId: ctx.conversationId };
    if (responder.kind === 'person') {
      await this.handoff.visitorMessage(ref, question.message);
      return { messageId: question.message.id, replyId: null };
    }
    if (responder.text) {
      const answer = await this.store(ctx, { id: randomUUID(), role: 'assistant', text: responder.text, inReplyTo: question.message.id });
      if ('message' in answer) this.handoff.showVisitor(ctx.conversationId, answer.message);
    }
    if (responder.kind === 'handoff') await this.handoff.request(ref);
    return { messageId: question.message.id, replyId: null };
  }

  /** The visitor asks for a person. */
  async request(ctx: VisitorContext, bot: Bot, payload: unknown): Promise<{ state: ConversationState }> {
    const parsed = handoffRequestSchema.safeParse(payload ?? {});
    if (!parsed.success) throw new ChatError('bad_request');
    if (!resolveBotSettings(bot.settings).handoffEnabled) throw new ChatError('bad_request');
    const ref = { tenantId: ctx.tenantId, botId: ctx.botId, conversationId: ctx.conversationId };
    const state = await this.handoff.request(ref);
    if (parsed.data.note) {
      const note = await this.store(ctx, { id: randomUUID(), role: 'user', text: parsed.data.note, clientId: randomUUID() });
      if ('message' in note) await this.handoff.visitorMessage(ref, note.message);
    }
    return { state };
  }

  /** Nobody can answer now: the visitor leaves an email and a message for the staff. */
  async leaveMessage(ctx: VisitorContext, payload: unknown): Promise<void> {
    const parsed = offlineMessageSchema.safeParse(payload);
    if (!parsed.success) throw new ChatError('bad_request');
    const refusal = await this.limits.offlineMessage(ctx.visitorId);
    if (refusal) throw new ChatError(refusal.code, refusal.retryAfterMs);
    await this.offline.add({ tenantId: ctx.tenantId, botId: ctx.botId, conversationId: ctx.conversationId, visitorId: ctx.visitorId, ...parsed.data });
  }

  /** One message stored; a resend of the same clientId answers with the first one's ids. */
  private async store(
    ctx: VisitorContext,
    m: { id: string; role: 'user' | 'assistant'; text: string; clientId?: string; inReplyTo?: string },
  ): Promise<{ message: WireMessage } | { replay: SendResult }> {
    try {
      const { createdAt } = await this.messages.storeMessage(ctx.conversationId, m);
      return { message: { id: m.id, role: m.role, text: m.text, status: 'complete', createdAt: new Date(createdAt).toISOString() } };
    } catch (error) {
      if (error instanceof TurnConflict && error.kind === 'resent' && m.clientId) {
        const replay = await this.messages.replay(ctx.conversationId, m.clientId);
        if (replay) return { replay };
      }
      if (error instanceof TurnConflict) throw new ChatError('busy');
      throw error;
    }
  }
}
