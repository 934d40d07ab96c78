import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Conversation } from './conversation.entity';
import { ConversationCursor } from './conversation-cursor';
import { countQuery, exportConversationsQuery, exportMessagesQuery, listQuery, MessageKey, SqlQuery, summaryQuery } from './conversation.sql';
import type { ConversationPatch } from './dto/conversation-patch.dto';
import type { ConversationFilters } from './dto/conversation-query.dto';
import type { ConversationDetail, ConversationSummary, TranscriptMessage } from './dto/conversation.views';
import { staffName } from './inbox-view';
import { Message } from './message.entity';

/** A row of `summaries()` in conversation.sql.ts, with the keyset position it was read at. */
export interface SummaryRow {
  id: string;
  botId: string;
  botName: string;
  visitorId: string;
  createdAt: Date;
  lastMessageAt: Date | null;
  cursorAt: string | null;
  messageCount: number;
  tags: string[];
  reviewed: boolean;
  flagged: boolean;
  note: string | null;
  preview: string;
  statuses: ConversationSummary['statuses'];
  up: number;
  down: number;
  /** The visitor's verified identity; null for an anonymous visitor. */
  externalId: string | null;
  visitorName: string | null;
  visitorEmail: string | null;
}

export interface ExportConversationRow {
  id: string;
  visitorId: string;
  tags: string[];
  note: string | null;
  reviewed: boolean;
  botName: string;
  cursorAt: string;
}

export type ExportMessageRow = Pick<
  TranscriptMessage,
  'id' | 'createdAt' | 'role' | 'status' | 'roleVersion' | 'text' | 'feedback' | 'feedbackComment' | 'promptTokens' | 'completionTokens' | 'sources'
> & { ord: number; conversationId: string; cursorAt: string };

/** The database side of the staff conversation views. */
@Injectable()
export class ConversationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  listPage(tenantId: string, filters: ConversationFilters, after: ConversationCursor | undefined, limit: number): Promise<SummaryRow[]> {
    return this.run(listQuery(tenantId, filters, after, limit));
  }

  async count(tenantId: string, filters: ConversationFilters): Promise<number> {
    const [row] = await this.run<{ total: number }>(countQuery(tenantId, filters));
    return row?.total ?? 0;
  }

  async summary(tenantId: string, id: string): Promise<SummaryRow | null> {
    const [row] = await this.run<SummaryRow>(summaryQuery(tenantId, id));
    return row ?? null;
  }

  async transcript(conversationId: string): Promise<TranscriptMessage[]> {
    const rows = await this.db.getRepository(Message).find({ where: { conversationId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const authorIds = [...new Set(rows.map((m) => m.authorId).filter((id): id is string => !!id))];
    const authors = new Map<string, string>(
      authorIds.length ? (await this.db.query(`SELECT id, email FROM users WHERE id = ANY($1)`, [authorIds])).map((u: { id: string; email: string }) => [u.id, u.email]) : [],
    );
    return rows.map((m) => ({
      id: m.id,
      role: m.role,
      text: m.text,
      status: m.status,
      createdAt: m.createdAt,
      roleVersion: m.roleVersion,
      feedback: m.feedback,
      feedbackComment: m.feedbackComment,
      promptTokens: m.promptTokens,
      completionTokens: m.completionTokens,
      latencyMs: m.latencyMs,
      firstTokenMs: m.firstTokenMs,
      finishReason: m.finishReason,
      errorCode: m.errorCode,
      errorDetail: m.errorDetail,
      truncated: m.finishReason === 'length',
      ...(m.sources?.length ? { sources: m.sources } : {}),
      ...(m.role === 'agent' ? { author: { name: staffName(authors.get(m.authorId ?? '') ?? 'staff') } } : {}),
    }));
  }

  /** False when the tenant has no such conversation. */
  async annotate(tenantId: string, id: string, patch: ConversationPatch): Promise<boolean> {
    const result = await this.db.getRepository(Conversation).update({ id, tenantId }, patch);
    return !!result.affected;
  }

  exportConversations(tenantId: string, filters: ConversationFilters, after: ConversationCursor | undefined, limit: number): Promise<ExportConversationRow[]> {
    return this.run(exportConversationsQuery(tenantId, filters, after, limit));
  }

  exportMessages(conversationIds: string[], after: MessageKey | undefined, limit: number): Promise<ExportMessageRow[]> {
    return this.run(exportMessagesQuery(conversationIds, after, limit));
  }

  private run<T>(query: SqlQuery): Promise<T[]> {
    return this.db.query(query.text, query.values);
  }
}

export function toSummary(row: SummaryRow): ConversationSummary {
  return {
    id: row.id,
    bot: { id: row.botId, name: row.botName },
    visitorId: row.visitorId,
    createdAt: row.createdAt,
    lastMessageAt: row.lastMessageAt,
    messageCount: row.messageCount,
    preview: row.preview,
    statuses: row.statuses,
    rating: { up: row.up, down: row.down },
    tags: row.tags,
    reviewed: row.reviewed,
    flagged: row.flagged,
    identity: row.externalId === null ? null : { externalId: row.externalId, name: row.visitorName, email: row.visitorEmail },
  };
}

export function toDetail(row: SummaryRow): ConversationDetail {
  return { ...toSummary(row), note: row.note };
}
