import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import { z } from 'zod';
import { resolveBotSettings } from '../bots/bot-settings';
import { Bot } from '../bots/bot.entity';
import { BotsService } from '../bots/bots.service';
import { Conversation } from '../conversations/conversation.entity';
import { ClusterReplies } from '../cluster/cluster-replies';
import { findNulByte } from '../common/nul-bytes';
import { Message } from '../conversations/message.entity';
import { ChatLimits } from '../limits/chat-limits.service';
import { ChatError } from './chat-error';
import { feedbackSchema, messageSendSchema, replyRetrySchema, replyStopSchema } from './chat.dto';
import { abortReply, ReplyRegistry } from './reply-registry';
import { ReplyJob, ReplyRunner } from './reply.runner';
import { type HistoryTurn, readHistory, readTurn } from './turn-reads';
import { VisitorContext } from './visitor-context';

/**
 * A turn's writes: the visitor's message, the answer as `streaming` (after the question, even
 * within one clock tick), and the conversation's counters, which the staff list reads instead of
 * counting messages.
 */
const STORE_TURN_SQL = `
  WITH question AS (
    INSERT INTO messages (conversation_id, role, text, client_id, status)
    VALUES ($1, 'user', $2, $3, 'complete')
    RETURNING id, created_at
  ), answer AS (
    INSERT INTO messages (conversation_id, role, text, status, in_reply_to, role_version, created_at)
    SELECT $1, 'assistant', '', 'streaming', question.id, $4, greatest(clock_timestamp(), question.created_at + interval '1 microsecond')
    FROM question
    RETURNING id
  ), counters AS (
    UPDATE conversations SET updated_at = now(), message_count = message_count + 2, last_message_at = clock_timestamp()
    WHERE id = $1
  )
  SELECT question.id AS "messageId", answer.id AS "replyId" FROM question, answer`;

/** One visitor turn and the small requests around it. The gateway only decodes and acks. */
@Injectable()
export class ChatService {
  private readonly logger = new Logger('Chat');
  private accepting = true;

  constructor(
    private readonly bots: BotsService,
    private readonly runner: ReplyRunner,
    private readonly registry: ReplyRegistry,
    private readonly cluster: ClusterReplies,
    private readonly limits: ChatLimits,
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(Message) private readonly messages: Repository<Message>,
  ) {}

  async send(ctx: VisitorContext, payload: unknown): Promise<{ messageId: string; replyId: string }> {
    const dto = parse(messageSendSchema, payload);
    // What the turn reads goes in two requests side by side: the bot, and one statement with a
    // resend's ids, the active role and the history. The ack waits on two round trips to the
    // database (this and the turn's write), not five (docs/performance.md).
    const [reads, bot] = await Promise.all([readTurn(this.db, ctx.conversationId, dto.clientId, ctx.botId), this.bots.findById(ctx.botId)]);
    if (reads.replay) return reads.replay;
    if (!this.accepting) throw new ChatError('upstream_unavailable');
    if (!bot?.enabled) throw new ChatError('upstream_unavailable');
    const settings = resolveBotSettings(bot.settings);
    const text = dto.text.trim();
    if (!text) throw new ChatError('bad_request');
    if ([...text].length > settings.maxMessageLength) throw new ChatError('too_long');
    if (this.registry.inConversation(ctx.conversationId)) throw new ChatError('busy');
    await this.admit(ctx, bot);

    const stored = await this.storeTurn(ctx, dto.clientId, text, reads.role.version);
    if ('replay' in stored) return stored.replay;
    const turns = [...reads.history, { role: 'user' as const, content: text }];
    await this.startReply(ctx, bot, reads.role.systemPrompt, { replyId: stored.replyId, inReplyTo: stored.messageId }, turns);
    return { messageId: stored.messageId, replyId: stored.replyId };
  }

  /**
   * Answers again the question of the conversation's latest reply when that one failed or was
   * stopped. The old reply stays stored for the staff; the visitor's view drops it. Asking
   * twice for the same reply answers with the retry already made.
   */
  async retry(ctx: VisitorContext, payload: unknown): Promise<{ replyId: string }> {
    const { replyId } = parse(replyRetrySchema, payload);
    const old = await this.messages.findOne({ where: { id: replyId, conversationId: ctx.conversationId, role: 'assistant' } });
    if (!old?.inReplyTo) throw new ChatError('not_found');
    const [latest] = await this.messages.find({ where: { conversationId: ctx.conversationId }, order: { createdAt: 'DESC', id: 'DESC' }, take: 1 });
    if (latest.id !== old.id) {
      if (latest.role === 'assistant' && latest.inReplyTo === old.inReplyTo) return { replyId: latest.id };
      throw new ChatError('bad_request');
    }
    if (old.status !== 'failed' && old.status !== 'stopped') throw new ChatError('bad_request');
    if (!this.accepting) throw new ChatError('upstream_unavailable');
    const bot = await this.bots.findById(ctx.botId);
    if (!bot?.enabled) throw new ChatError('upstream_unavailable');
    if (this.registry.inConversation(ctx.conversationId)) throw new ChatError('busy');
    // A retry costs a model call like a message, so it counts like one.
    await this.admit(ctx, bot);

    const role = await this.bots.activeRole(bot);
    const newId = await this.storeRetry(ctx, old.inReplyTo, role.version);
    await this.startReply(ctx, bot, role.systemPrompt, { replyId: newId, inReplyTo: old.inReplyTo });
    return { replyId: newId };
  }

  /** Rate limits and token budgets; a refused message is answered before anything is stored. */
  private async admit(ctx: VisitorContext, bot: Bot): Promise<void> {
    const refusal = await this.limits.message(ctx.visitorId, ctx.conversationId, bot);
    if (refusal) throw new ChatError(refusal.code, refusal.retryAfterMs);
  }

  private async startReply(
    ctx: VisitorContext,
    bot: Bot,
    systemPrompt: string,
    reply: { replyId: string; inReplyTo: string },
    /** The model's turns when already read (send); read from the stored conversation otherwise (retry). */
    known?: HistoryTurn[],
  ): Promise<void> {
    let job: ReplyJob;
    try {
      const turns = known ?? (await readHistory(this.db, ctx.conversationId, reply.replyId));
      job = {
        replyId: reply.replyId,
        conversationId: ctx.conversationId,
        inReplyTo: reply.inReplyTo,
        locale: resolveBotSettings(bot.settings).locale,
        botId: bot.id,
        request: this.bots.llmRequest(bot, systemPrompt, turns),
      };
    } catch (error) {
      // The answer is stored as `streaming` but nobody will generate it: store it failed, or the
      // conversation would answer `busy` from now on. The visitor gets `internal` and may retry.
      await this.messages
        .update(
          { id: reply.replyId, status: 'streaming' },
          { status: 'failed', errorCode: 'internal', errorDetail: `the reply could not start: ${(error as Error).message}`, completedAt: new Date() },
        )
        .catch(() => undefined);
      throw error;
    }
    // The ack goes out first; the reply starts on the next turn of the event loop.
    setImmediate(() => this.runner.start(job));
  }

  async stop(ctx: VisitorContext, payload: unknown): Promise<void> {
    const { replyId } = parse(replyStopSchema, payload);
    const live = this.registry.get(replyId);
    if (live && live.conversationId === ctx.conversationId) {
      abortReply(live, 'stopped');
      await live.done;
      return;
    }
    const row = await this.messages.findOne({ where: { id: replyId, conversationId: ctx.conversationId, role: 'assistant' } });
    if (!row) throw new ChatError('not_found');
    // Generated by another instance: it stops it. Already finished: nothing to do.
    if (row.status === 'streaming') await this.cluster.stop(replyId);
  }

  async feedback(ctx: VisitorContext, payload: unknown): Promise<void> {
    const dto = parse(feedbackSchema, payload);
    const result = await this.messages
      .createQueryBuilder()
      .update(Message)
      .set({ feedback: dto.rating, feedbackComment: dto.comment?.trim() || null })
      .where('id = :id AND role = :role', { id: dto.messageId, role: 'assistant' })
      .andWhere('conversation_id IN (SELECT id FROM conversations WHERE visitor_id = :visitor)', { visitor: ctx.visitorId })
      .execute();
    if (!result.affected) throw new ChatError('not_found');
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
      for (const reply of this.registry.all()) {
        abortReply(reply, 'shutdown');
      }
      await all;
    }
  }

  private async previousSend(ctx: VisitorContext, clientId: string) {
    return (await readTurn(this.db, ctx.conversationId, clientId, ctx.botId)).replay;
  }

  private async storeTurn(ctx: VisitorContext, clientId: string, text: string, roleVersion: number | null) {
    try {
      // One statement (atomic by itself): one round trip per turn instead of five.
      const [row] = (await this.db.query(STORE_TURN_SQL, [ctx.conversationId, text, clientId, roleVersion])) as Array<{ messageId: string; replyId: string }>;
      return row;
    } catch (error) {
      const constraint = error instanceof QueryFailedError ? (error.driverError as { constraint?: string }).constraint : undefined;
      // A concurrent send with the same clientId won the race: answer with its ids.
      if (constraint === 'messages_conversation_client_id_key') return { replay: (await this.previousSend(ctx, clientId))! };
      if (constraint === 'messages_one_streaming_per_conversation') throw new ChatError('busy');
      throw error;
    }
  }

  private async storeRetry(ctx: VisitorContext, inReplyTo: string, roleVersion: number | null): Promise<string> {
    try {
      return await this.db.transaction(async (tx) => {
        const answer = await tx.save(
          Message,
          tx.create(Message, { conversationId: ctx.conversationId, role: 'assistant', text: '', status: 'streaming', inReplyTo, roleVersion }),
        );
        await tx
          .createQueryBuilder()
          .update(Conversation)
          .set({ updatedAt: new Date(), messageCount: () => 'message_count + 1', lastMessageAt: () => 'clock_timestamp()' })
          .where('id = :id', { id: ctx.conversationId })
          .execute();
        return answer.id;
      });
    } catch (error) {
      const constraint = error instanceof QueryFailedError ? (error.driverError as { constraint?: string }).constraint : undefined;
      if (constraint === 'messages_one_streaming_per_conversation') throw new ChatError('busy');
      throw error;
    }
  }

}

function parse<T>(schema: z.ZodType<T>, payload: unknown): T {
  if (findNulByte(payload) !== undefined) throw new ChatError('bad_request');
  const result = schema.safeParse(payload);
  if (!result.success) throw new ChatError('bad_request');
  return result.data;
}
