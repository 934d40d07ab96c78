import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import type { ConversationState, MessageStatus } from '../chat/widget.events';
import { Message } from './message.entity';
import { TurnConflict } from './turn-conflict';
import {
  CONVERSATION_TOKENS_SQL,
  HISTORY_SQL,
  REPLAY_SQL,
  STORE_END_FLAGGED_SQL,
  STORE_END_SQL,
  STORE_MESSAGE_SQL,
  STORE_RETRY_SQL,
  STORE_TURN_SQL,
  SWEEP_SQL,
  TURN_READS_SQL,
} from './messages.sql';

/** How many of a conversation's latest messages a turn reads for the model's history. */
export const HISTORY_ROWS = 200;

/** The ids a turn gets: made by the application, so the model can be called while they are written. */
export interface TurnIds {
  messageId: string;
  replyId: string;
}

/** What a send is answered with: no reply when no model answers (a person, a rule's fixed answer). */
export interface SendResult {
  messageId: string;
  replyId: string | null;
}

/** A stored message as the model's history needs it. */
export interface HistoryRow {
  id: string;
  role: 'user' | 'assistant' | 'agent';
  text: string;
  inReplyTo: string | null;
}

/** Everything stored when a reply ends, whatever the end was. */
export interface ReplyEnd {
  replyId: string;
  conversationId: string;
  text: string;
  status: MessageStatus;
  errorCode: string | null;
  errorDetail: string | null;
  finishReason: string | null;
  /**
   * Written with the answer; the `messages_count_bot_tokens` trigger (migration BotTokenUsage) adds
   * them to `bot_token_usage`, the bot's day counters its daily and monthly budgets read
   * (limits/token-budgets.ts). Nothing else counts an answer's tokens.
   */
  promptTokens: number | null;
  completionTokens: number | null;
  contentFilter: Record<string, unknown> | null;
  latencyMs: number;
  firstTokenMs: number | null;
  /** The role version the prompt was built with (null: the bot had none published). */
  roleVersion: number | null;
  /** Flag the conversation for review (content was filtered). */
  flagConversation: boolean;
  /** The passages the answer was given (PROTOCOL §6), with their retrieval scores; null: none. */
  sources: StoredSource[] | null;
}

/** A passage an answer was given, as stored with it (`messages.sources`) and shown in the transcript. */
export interface StoredSource {
  n: number;
  /** The chunk given (it may since have been re-indexed away). */
  chunkId?: string;
  sourceId: string;
  title: string;
  url?: string;
  excerpt: string;
  score: number;
}

/**
 * The one owner of the `messages` table for the chat: a turn's writes, a reply's end, the
 * history, feedback. The staff's reads live in conversation.repository.ts, beside it.
 */
@Injectable()
export class MessagesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * A message no model answers: the visitor's while a person handles the conversation (with its
   * clientId, so a resend is a TurnConflict like a turn's), a staff member's (`agent`, with its
   * author), or a rule's fixed answer (`assistant`, in reply to the question).
   */
  async storeMessage(
    conversationId: string,
    message: { id: string; role: 'user' | 'assistant' | 'agent'; text: string; clientId?: string; authorId?: string; inReplyTo?: string },
  ): Promise<{ createdAt: Date }> {
    try {
      const [row] = (await this.db.query(STORE_MESSAGE_SQL, [conversationId, message.id, message.text, message.clientId ?? null, message.role, message.authorId ?? null, message.inReplyTo ?? null])) as Array<{ createdAt: Date }>;
      return { createdAt: row.createdAt };
    } catch (error) {
      throw conflictOf(error) ?? error;
    }
  }

  /** The ids an earlier send with this clientId got (a resend), or null. */
  async replay(conversationId: string, clientId: string): Promise<SendResult | null> {
    const [row] = (await this.db.query(REPLAY_SQL, [conversationId, clientId])) as Array<{ messageId: string; replyId: string | null }>;
    return row ? { messageId: row.messageId, replyId: row.replyId } : null;
  }

  /**
   * What a visitor's turn reads, in one round trip: a resend's ids (null for a new clientId) and
   * the history, oldest first. Plain rows, not entities: up to HISTORY_ROWS per turn.
   */
  async turnReads(conversationId: string, clientId: string): Promise<{ replay: SendResult | null; history: HistoryRow[]; state: ConversationState }> {
    const [row] = (await this.db.query(TURN_READS_SQL, [conversationId, clientId, HISTORY_ROWS])) as Array<{
      replay: { messageId: string; replyId: string | null } | null;
      history: HistoryRow[];
      state: ConversationState | null;
    }>;
    return { replay: row.replay ? { messageId: row.replay.messageId, replyId: row.replay.replyId } : null, history: row.history, state: row.state ?? 'bot' };
  }

  /** The latest messages, oldest first, for the model's history. */
  async history(conversationId: string): Promise<HistoryRow[]> {
    const rows = (await this.db.query(HISTORY_SQL, [conversationId, HISTORY_ROWS])) as HistoryRow[];
    return rows.reverse();
  }

  /**
   * The visitor's message, the answer as `streaming` (after the question, even within one clock
   * tick) and the conversation's counters, in one statement. A resend racing this one, or a
   * reply already streaming, is a TurnConflict.
   */
  async storeTurn(conversationId: string, ids: TurnIds, text: string, clientId: string): Promise<{ answered: boolean }> {
    try {
      const [row] = (await this.db.query(STORE_TURN_SQL, [conversationId, ids.messageId, text, clientId, ids.replyId])) as Array<{ id: string | null }>;
      return { answered: row?.id !== null && row?.id !== undefined };
    } catch (error) {
      throw conflictOf(error) ?? error;
    }
  }

  /** A new answer to an earlier question (a retry), with the conversation's counters. */
  async storeRetry(conversationId: string, replyId: string, inReplyTo: string): Promise<void> {
    try {
      await this.db.query(STORE_RETRY_SQL, [conversationId, replyId, inReplyTo]);
    } catch (error) {
      throw conflictOf(error) ?? error;
    }
  }

  /** The one write of a reply's end (and the conversation's review flag), one statement. */
  async storeEnd(end: ReplyEnd): Promise<void> {
    const params = [
      end.replyId,
      end.text,
      end.status,
      end.errorCode,
      end.errorDetail,
      end.finishReason,
      end.promptTokens,
      end.completionTokens,
      end.contentFilter ? JSON.stringify(end.contentFilter) : null,
      end.latencyMs,
      end.firstTokenMs,
      end.roleVersion,
      end.sources?.length ? JSON.stringify(end.sources) : null,
    ];
    if (end.flagConversation) await this.db.query(STORE_END_FLAGGED_SQL, [...params, end.conversationId]);
    else await this.db.query(STORE_END_SQL, params);
  }

  /** An assistant message of this conversation. */
  findAnswer(conversationId: string, replyId: string): Promise<Message | null> {
    return this.db.getRepository(Message).findOne({ where: { id: replyId, conversationId, role: 'assistant' } });
  }

  /** The conversation's newest message. */
  async latest(conversationId: string): Promise<Message | null> {
    const [row] = await this.db.getRepository(Message).find({ where: { conversationId }, order: { createdAt: 'DESC', id: 'DESC' }, take: 1 });
    return row ?? null;
  }

  /** The latest `limit` messages, oldest first (the visitor's view). */
  async latestMessages(conversationId: string, limit: number): Promise<Message[]> {
    const rows = await this.db.getRepository(Message).find({ where: { conversationId }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
    return rows.reverse();
  }

  /** A visitor's rating of one of their answers; false when it is not theirs. */
  async rate(visitorId: string, messageId: string, rating: 'up' | 'down', comment: string | null): Promise<boolean> {
    const result = await this.db
      .createQueryBuilder()
      .update(Message)
      .set({ feedback: rating, feedbackComment: comment })
      .where('id = :id AND role = :role', { id: messageId, role: 'assistant' })
      .andWhere('conversation_id IN (SELECT id FROM conversations WHERE visitor_id = :visitor)', { visitor: visitorId })
      .execute();
    return !!result.affected;
  }

  /** Tokens the conversation's answers used so far (its token budget). */
  async conversationTokens(conversationId: string): Promise<number> {
    const [{ used }] = (await this.db.query(CONVERSATION_TOKENS_SQL, [conversationId])) as Array<{ used: string }>;
    return Number(used);
  }

  /** Replies left `streaming` by a crash, all or only those older than `olderThanMinutes`; how many. */
  async failInterrupted(olderThanMinutes: number | null): Promise<number> {
    const [, affected] = (await this.db.query(SWEEP_SQL(olderThanMinutes))) as [unknown, number];
    return affected;
  }
}

function conflictOf(error: unknown): TurnConflict | undefined {
  const constraint = error instanceof QueryFailedError ? (error.driverError as { constraint?: string }).constraint : undefined;
  if (constraint === 'messages_conversation_client_id_key') return new TurnConflict('resent');
  if (constraint === 'messages_one_streaming_per_conversation') return new TurnConflict('busy');
  return undefined;
}
