import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ConversationState } from '../chat/widget.events';
import { CLAIM_SQL, CLOSE_SQL, INBOX_ITEM_SQL, INBOX_SQL, RELEASE_SQL, REQUEST_SQL, STATE_SQL } from './handoff.sql';

/** What the staff are told of a visitor's page and browser, kept from the widget's handshake. */
export interface PageContext {
  pageUrl?: string;
  referrer?: string;
  userAgent?: string;
  locale?: string;
}

/** An inbox row as read; handoff/inbox-view.ts shapes it for the wire. */
export interface InboxRow {
  id: string;
  botId: string;
  botName: string;
  state: ConversationState;
  waitingSince: Date | null;
  updatedAt: Date;
  assigneeId: string | null;
  assigneeEmail: string | null;
  context: PageContext | null;
  visitorId: string;
  externalId: string | null;
  visitorName: string | null;
  visitorEmail: string | null;
  verifiedAt: Date | null;
  lastMessage: { role: 'user' | 'assistant' | 'agent'; text: string; createdAt: string } | null;
  unread: number;
  earlier: number;
}

export type ClaimResult = { ok: true } | { ok: false; holder: string | null; state: ConversationState | null };

/**
 * The handoff columns of `conversations` (conversations/ owns the table): who answers, who holds
 * it, since when the visitor waits, the page context; and the staff's inbox. Every statement is
 * scoped by tenant where staff call it.
 */
@Injectable()
export class HandoffStateRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async state(conversationId: string): Promise<{ state: ConversationState; assigneeEmail: string | null } | undefined> {
    const [row] = await this.db.query(STATE_SQL, [conversationId]);
    return row;
  }

  /** The conversation's state when it is this tenant's; undefined otherwise (one indexed row, no inbox columns). */
  async stateIn(tenantId: string, conversationId: string): Promise<ConversationState | undefined> {
    const [row] = await this.db.query(`SELECT state FROM conversations WHERE tenant_id = $1 AND id = $2`, [tenantId, conversationId]);
    return row?.state;
  }

  /** `waiting` when it was `bot`; otherwise it stays as it is. The state after, and whether it changed. */
  async request(conversationId: string): Promise<{ state: ConversationState; changed: boolean }> {
    const [rows] = await this.db.query(REQUEST_SQL, [conversationId]);
    if (rows.length) return { state: 'waiting', changed: true };
    return { state: (await this.state(conversationId))?.state ?? 'bot', changed: false };
  }

  async claim(tenantId: string, conversationId: string, userId: string): Promise<ClaimResult> {
    const [rows] = await this.db.query(CLAIM_SQL, [tenantId, conversationId, userId]);
    if (rows.length) return { ok: true };
    const now = await this.state(conversationId);
    return { ok: false, holder: now?.assigneeEmail ?? null, state: now?.state ?? null };
  }

  async release(tenantId: string, conversationId: string): Promise<boolean> {
    const [rows] = await this.db.query(RELEASE_SQL, [tenantId, conversationId]);
    return rows.length > 0;
  }

  async close(tenantId: string, conversationId: string): Promise<boolean> {
    const [rows] = await this.db.query(CLOSE_SQL, [tenantId, conversationId]);
    return rows.length > 0;
  }

  /** The staff read it up to now (they wrote, or claimed): its unread count starts again. */
  async markRead(conversationId: string): Promise<void> {
    await this.db.query(`UPDATE conversations SET staff_read_at = now() WHERE id = $1`, [conversationId]);
  }

  inbox(tenantId: string): Promise<InboxRow[]> {
    return this.db.query(INBOX_SQL, [tenantId]);
  }

  async inboxItem(tenantId: string, conversationId: string): Promise<InboxRow | undefined> {
    const [row] = await this.db.query(INBOX_ITEM_SQL, [tenantId, conversationId]);
    return row;
  }

  /** The page the visitor is on now (each handshake), bounded. */
  async recordContext(conversationId: string, context: PageContext): Promise<void> {
    await this.db.query(`UPDATE conversations SET context = $2::jsonb WHERE id = $1`, [conversationId, JSON.stringify(context)]);
  }
}
