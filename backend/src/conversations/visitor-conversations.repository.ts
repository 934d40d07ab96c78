import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Conversation } from './conversation.entity';

/** Which bot, tenant and visitor a conversation belongs to. */
export interface ConversationOwner {
  tenantId: string;
  botId: string;
  visitorId: string;
}

/** One of a visitor's conversations as their list shows it. */
export interface VisitorConversationRow {
  id: string;
  startedAt: Date;
  lastMessageAt: Date;
  preview: string;
  messageCount: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The visitor's own conversations with messages, newest activity first: the preview is their
 * first question (the first message of any role when they asked none), cut to 120 characters.
 */
const VISITOR_LIST_SQL = `
  SELECT c.id, c.created_at AS "startedAt", c.last_message_at AS "lastMessageAt", c.message_count AS "messageCount",
    COALESCE((SELECT left(m.text, 120) FROM messages m WHERE m.conversation_id = c.id
      ORDER BY (m.role <> 'user'), m.created_at, m.id LIMIT 1), '') AS preview
  FROM conversations c
  WHERE c.visitor_id = $1 AND c.bot_id = $2 AND c.tenant_id = $3 AND c.last_message_at IS NOT NULL
  ORDER BY c.last_message_at DESC, c.id DESC
  LIMIT $4`;

/** The conversations as the widget needs them: the visitor's current one, a new one, their earlier ones. */
@Injectable()
export class VisitorConversations {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The conversation the widget asks for when it is the visitor's (`preferred`, a reconnect after
   * `conversation:open`), else the visitor's latest (started or written in), made when they have none.
   */
  async current(owner: ConversationOwner, preferred?: string): Promise<Conversation> {
    const asked = preferred && UUID.test(preferred) ? await this.owned(owner, preferred) : null;
    if (asked) return asked;
    const latest = await this.latest(owner.visitorId);
    if (latest) return latest;
    // The visitor's first: two devices of one user connecting at once must not start one each.
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM visitors WHERE id = $1 FOR UPDATE', [owner.visitorId]);
      const made = await tx.findOne(Conversation, { where: { visitorId: owner.visitorId }, order: { createdAt: 'DESC' } });
      return made ?? tx.save(tx.create(Conversation, owner));
    });
  }

  start(owner: ConversationOwner): Promise<Conversation> {
    const repo = this.db.getRepository(Conversation);
    return repo.save(repo.create(owner));
  }

  /** The conversation when it is this visitor's, of this bot and tenant; null for anyone else's. */
  owned(owner: ConversationOwner, id: string): Promise<Conversation | null> {
    return this.db.getRepository(Conversation).findOne({ where: { id, visitorId: owner.visitorId, botId: owner.botId, tenantId: owner.tenantId } });
  }

  /** The visitor's conversations with messages, newest activity first, at most `limit`. */
  list(owner: ConversationOwner, limit: number): Promise<VisitorConversationRow[]> {
    return this.db.query(VISITOR_LIST_SQL, [owner.visitorId, owner.botId, owner.tenantId, limit]) as Promise<VisitorConversationRow[]>;
  }

  /**
   * The visitor's latest conversation: the one last started or written in, so a visitor who went
   * back to an earlier one and wrote there finds it on their next page.
   */
  private latest(visitorId: string): Promise<Conversation | null> {
    return this.db
      .getRepository(Conversation)
      .createQueryBuilder('c')
      .where('c.visitor_id = :visitorId', { visitorId })
      .orderBy('GREATEST(c.created_at, COALESCE(c.last_message_at, c.created_at))', 'DESC')
      .addOrderBy('c.created_at', 'DESC')
      .limit(1)
      .getOne();
  }
}
