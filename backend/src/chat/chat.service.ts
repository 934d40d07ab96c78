import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { resolveBotSettings } from '../bots/bot-settings';
import { Bot } from '../bots/bot.entity';
import { BotsService } from '../bots/bots.service';
import { ClusterReplies } from '../cluster/cluster-replies';
import { findNulByte } from '../common/nul-bytes';
import { MessagesRepository, type TurnIds } from '../conversations/messages.repository';
import { TurnConflict } from '../conversations/turn-conflict';
import { ChatLimits } from '../limits/chat-limits.service';
import { PromptBuilder } from '../prompt/prompt-builder';
import { ChatError } from './chat-error';
import { feedbackSchema, messageSendSchema, replyRetrySchema, replyStopSchema } from './chat.dto';
import { abortReply, ReplyRegistry } from './reply-registry';
import { ReplyRunner } from './reply.runner';
import { ResponderChoice } from './responder';
import { VisitorContext } from './visitor-context';

/** One visitor turn and the small requests around it. The gateway only decodes and acks. */
@Injectable()
export class ChatService {
  private readonly logger = new Logger('Chat');
  private accepting = true;

  constructor(
    private readonly bots: BotsService,
    private readonly messages: MessagesRepository,
    private readonly prompts: PromptBuilder,
    private readonly responders: ResponderChoice,
    private readonly runner: ReplyRunner,
    private readonly registry: ReplyRegistry,
    private readonly cluster: ClusterReplies,
    private readonly limits: ChatLimits,
  ) {}

  /**
   * Takes a visitor's message. Reads (the bot; a resend's ids and the history, one statement) go
   * side by side; then the turn is written while the model is already being asked, and the ack
   * waits for the write only (docs/performance.md).
   */
  async send(ctx: VisitorContext, payload: unknown): Promise<TurnIds> {
    const dto = parse(messageSendSchema, payload);
    const [reads, bot] = await Promise.all([this.messages.turnReads(ctx.conversationId, dto.clientId), this.bots.findById(ctx.botId)]);
    if (reads.replay) return reads.replay;
    const text = dto.text.trim();
    if (!text) throw new ChatError('bad_request');
    const usable = this.usableBot(bot);
    if ([...text].length > resolveBotSettings(usable.settings).maxMessageLength) throw new ChatError('too_long');
    if (this.registry.inConversation(ctx.conversationId)) throw new ChatError('busy');
    await this.admit(ctx, usable);
    await this.responders.choose(ctx, usable, text); // today always the bot

    const ids: TurnIds = { messageId: randomUUID(), replyId: randomUUID() };
    const written = this.messages.storeTurn(ctx.conversationId, ids, text, dto.clientId);
    const prompt = this.prompts.build({ bot: usable, conversationId: ctx.conversationId, history: reads.history, exclude: [ids.messageId, ids.replyId], question: text });
    this.runner.start({ ...ids, conversationId: ctx.conversationId, inReplyTo: ids.messageId, locale: resolveBotSettings(usable.settings).locale, botId: usable.id, prompt, written });
    try {
      await written;
    } catch (error) {
      // A send with the same clientId won the race: answer with its ids.
      if (error instanceof TurnConflict && error.kind === 'resent') return (await this.messages.replay(ctx.conversationId, dto.clientId))!;
      throw this.conflictError(error);
    }
    return ids;
  }

  /**
   * Answers again the question of the conversation's latest reply when that one failed or was
   * stopped. The old reply stays stored for the staff; the visitor's view drops it. Asking
   * twice for the same reply answers with the retry already made.
   */
  async retry(ctx: VisitorContext, payload: unknown): Promise<{ replyId: string }> {
    const { replyId } = parse(replyRetrySchema, payload);
    const [old, latest, bot] = await Promise.all([
      this.messages.findAnswer(ctx.conversationId, replyId),
      this.messages.latest(ctx.conversationId),
      this.bots.findById(ctx.botId),
    ]);
    if (!old?.inReplyTo || !latest) throw new ChatError('not_found');
    if (latest.id !== old.id) {
      if (latest.role === 'assistant' && latest.inReplyTo === old.inReplyTo) return { replyId: latest.id };
      throw new ChatError('bad_request');
    }
    if (old.status !== 'failed' && old.status !== 'stopped') throw new ChatError('bad_request');
    const usable = this.usableBot(bot);
    if (this.registry.inConversation(ctx.conversationId)) throw new ChatError('busy');
    // A retry costs a model call like a message, so it counts like one.
    await this.admit(ctx, usable);

    const newId = randomUUID();
    const written = this.messages.storeRetry(ctx.conversationId, newId, old.inReplyTo);
    const prompt = this.prompts.build({ bot: usable, conversationId: ctx.conversationId, exclude: [old.id, newId] });
    this.runner.start({ replyId: newId, conversationId: ctx.conversationId, inReplyTo: old.inReplyTo, locale: resolveBotSettings(usable.settings).locale, botId: usable.id, prompt, written });
    try {
      await written;
    } catch (error) {
      throw this.conflictError(error);
    }
    return { replyId: newId };
  }

  async stop(ctx: VisitorContext, payload: unknown): Promise<void> {
    const { replyId } = parse(replyStopSchema, payload);
    const live = this.registry.get(replyId);
    if (live && live.conversationId === ctx.conversationId) {
      abortReply(live, 'stopped');
      await live.done;
      return;
    }
    const row = await this.messages.findAnswer(ctx.conversationId, replyId);
    if (!row) throw new ChatError('not_found');
    // Generated by another instance: it stops it. Already finished: nothing to do.
    if (row.status === 'streaming') await this.cluster.stop(replyId);
  }

  async feedback(ctx: VisitorContext, payload: unknown): Promise<void> {
    const dto = parse(feedbackSchema, payload);
    if (!(await this.messages.rate(ctx.visitorId, dto.messageId, dto.rating, dto.comment?.trim() || null))) throw new ChatError('not_found');
  }

  /** Stop taking turns, let running replies finish for `graceMs`, then store the rest as failed. */
  async drain(graceMs: number): Promise<void> {
    this.accepting = false;
    const running = this.registry.all();
    if (!running.length) return;
    this.logger.log(`waiting up to ${graceMs} ms for ${running.length} replies in flight`);
    const all = Promise.all(running.map((r) => r.done));
    const timedOut = await Promise.race([all.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), graceMs).unref())]);
    if (timedOut) {
      for (const reply of this.registry.all()) abortReply(reply, 'shutdown');
      await all;
    }
  }

  /** The bot when it may answer now: the server is not shutting down and the bot is enabled. */
  private usableBot(bot: Bot | null): Bot {
    if (!this.accepting || !bot?.enabled) throw new ChatError('upstream_unavailable');
    return bot;
  }

  /** Rate limits and token budgets; a refused message is answered before anything is stored. */
  private async admit(ctx: VisitorContext, bot: Bot): Promise<void> {
    const refusal = await this.limits.message(ctx.visitorId, ctx.conversationId, bot);
    if (refusal) throw new ChatError(refusal.code, refusal.retryAfterMs);
  }

  private conflictError(error: unknown): unknown {
    return error instanceof TurnConflict ? new ChatError('busy') : error;
  }
}

function parse<T>(schema: z.ZodType<T>, payload: unknown): T {
  if (findNulByte(payload) !== undefined) throw new ChatError('bad_request');
  const result = schema.safeParse(payload);
  if (!result.success) throw new ChatError('bad_request');
  return result.data;
}
