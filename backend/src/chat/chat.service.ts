import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { resolveBotSettings } from '../bots/bot-settings';
import { Bot } from '../bots/bot.entity';
import { BotsService } from '../bots/bots.service';
import { ClusterReplies } from '../cluster/cluster-replies';
import { type HistoryRow, MessagesRepository, type SendResult, type TurnIds } from '../conversations/messages.repository';
import { HandoffService } from '../handoff/handoff.service';
import { PersonTurns } from './person-turns';
import type { ConversationState } from './widget.events';
import { TurnConflict } from '../conversations/turn-conflict';
import { ChatLimits } from '../limits/chat-limits.service';
import { type BuiltPrompt, PromptBuilder } from '../prompt/prompt-builder';
import { ChatError } from './chat-error';
import { feedbackSchema, messageSendSchema, replyRetrySchema, replyStopSchema } from './chat.dto';
import { parse } from './parse-payload';
import { abortReply, ReplyRegistry } from './reply-registry';
import { ReplyRunner } from './reply.runner';
import { ResponderChoice } from './responder';
import { sameHistory, TurnCache } from './turn-cache';
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
    private readonly turns: TurnCache,
    private readonly people: PersonTurns,
    private readonly handoff: HandoffService,
  ) {}

  /**
   * Takes a visitor's message. The turn's reads (the bot; a resend's ids and the history, one
   * statement) go side by side; then the turn is written while the model is already being asked,
   * and the ack waits for the write only. A conversation this instance answered lately does not
   * wait for the reads: its prompt is built from what the instance knew (turn-cache.ts) and the
   * reads check it while the model thinks (docs/performance.md).
   */
  async send(ctx: VisitorContext, payload: unknown): Promise<SendResult> {
    const dto = parse(messageSendSchema, payload);
    // A reply streaming here: this may be its resend, which the reads answer before `busy`.
    const known = this.registry.inConversation(ctx.conversationId) ? undefined : this.turns.get(ctx.conversationId);
    const reading = Promise.all([this.messages.turnReads(ctx.conversationId, dto.clientId), this.bots.findById(ctx.botId)]);
    let bot: Bot | null;
    let history: HistoryRow[];
    // Known turns are the bot's: a handoff forgets them (a stale one elsewhere is caught by the write).
    let state: ConversationState = 'bot';
    if (known) {
      reading.catch(() => undefined); // awaited by the check below
      ({ bot, history } = known);
    } else {
      const [reads, found] = await reading;
      if (reads.replay) return reads.replay;
      [bot, history, state] = [found, reads.history, reads.state];
    }
    const text = dto.text.trim();
    if (!text) throw new ChatError('bad_request');
    const usable = this.usableBot(bot);
    if ([...text].length > resolveBotSettings(usable.settings).maxMessageLength) throw new ChatError('too_long');
    const responder = await this.responders.choose(ctx, usable, text, state);
    if (responder.kind !== 'bot') return this.people.take(ctx, usable, dto.clientId, text, responder);
    if (this.registry.inConversation(ctx.conversationId)) throw new ChatError('busy');
    await this.admit(ctx, usable);
    if (responder.alert) this.handoff.alert({ tenantId: ctx.tenantId, botId: ctx.botId, conversationId: ctx.conversationId }, text).catch(() => undefined);

    const ids: TurnIds = { messageId: randomUUID(), replyId: randomUUID() };
    // No answer is stored when a person was asked for meanwhile (another instance, a rule): the model call is then given up unsaid.
    const storing = this.messages.storeTurn(ctx.conversationId, ids, text, dto.clientId);
    const written = storing.then(({ answered }) => {
      if (!answered) throw new NotAnswered();
    });
    const turn = { conversationId: ctx.conversationId, exclude: [ids.messageId, ids.replyId], question: text };
    const rows: HistoryRow[] = [
      { id: ids.messageId, role: 'user', text, inReplyTo: null },
      { id: ids.replyId, role: 'assistant', text: '', inReplyTo: ids.messageId },
    ];
    const prompt = this.prompts.build({ bot: usable, history, ...turn });
    let check: Promise<BuiltPrompt | undefined> | undefined;
    if (known) {
      check = Promise.all([reading, written]).then(([[reads, found]]) => {
        const truth = reads.history.filter((row) => row.id !== ids.messageId && row.id !== ids.replyId);
        const fresh = this.usableBot(found);
        this.turns.set(ctx.conversationId, fresh, [...truth, ...rows]);
        if (sameBot(fresh, usable) && sameHistory(truth, history)) return undefined;
        return this.prompts.build({ bot: fresh, history: truth, ...turn });
      });
      check.catch(() => undefined); // the runner awaits it once the write is durable
    } else {
      written.then(() => this.turns.set(ctx.conversationId, usable, [...history, ...rows])).catch(() => undefined);
    }
    this.runner.start({ ...ids, conversationId: ctx.conversationId, inReplyTo: ids.messageId, locale: resolveBotSettings(usable.settings).locale, botId: usable.id, prompt, written, check, handoff: this.handoffRef(ctx, usable) });
    try {
      await written;
    } catch (error) {
      // A send with the same clientId was stored first (a resend, or one racing this): its ids.
      if (error instanceof TurnConflict && error.kind === 'resent') return (await this.messages.replay(ctx.conversationId, dto.clientId))!;
      if (error instanceof NotAnswered) {
        this.turns.forget(ctx.conversationId);
        const ref = { tenantId: ctx.tenantId, botId: ctx.botId, conversationId: ctx.conversationId };
        await this.handoff.visitorMessage(ref, { id: ids.messageId, role: 'user', text, status: 'complete', createdAt: new Date().toISOString() });
        return { messageId: ids.messageId, replyId: null };
      }
      throw this.conflictError(error);
    }
    return ids;
  }

  /** The visitor asks for a person (PROTOCOL §7). */
  async requestHandoff(ctx: VisitorContext, payload: unknown): Promise<{ state: ConversationState }> {
    return this.people.request(ctx, this.usableBot(await this.bots.findById(ctx.botId)), payload);
  }

  /** Nobody can answer now: a message and an email for the staff. */
  leaveMessage(ctx: VisitorContext, payload: unknown): Promise<void> {
    return this.people.leaveMessage(ctx, payload);
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
    // What this instance knew of the conversation no longer holds (the failed answer is superseded).
    this.turns.forget(ctx.conversationId);
    const written = this.messages.storeRetry(ctx.conversationId, newId, old.inReplyTo);
    const prompt = this.prompts.build({ bot: usable, conversationId: ctx.conversationId, exclude: [old.id, newId] });
    this.runner.start({ replyId: newId, conversationId: ctx.conversationId, inReplyTo: old.inReplyTo, locale: resolveBotSettings(usable.settings).locale, botId: usable.id, prompt, written, handoff: this.handoffRef(ctx, usable) });
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

  /** Where a reply that hands over goes, when the bot allows handoff. */
  private handoffRef(ctx: VisitorContext, bot: Bot) {
    return resolveBotSettings(bot.settings).handoffEnabled ? { tenantId: ctx.tenantId, botId: ctx.botId, conversationId: ctx.conversationId } : undefined;
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

/** The turn was written without an answer: a person has the conversation (decided in the same statement). */
class NotAnswered extends Error {}

/** Whether the bot is as it was when its row was kept: nothing the owner changed since. */
function sameBot(now: Bot, known: Bot): boolean {
  return now.updatedAt.getTime() === known.updatedAt.getTime() && now.activeRoleVersion === known.activeRoleVersion;
}
