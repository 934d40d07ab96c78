import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface OfflineMessageRow {
  id: string;
  botId: string;
  botName: string;
  conversationId: string | null;
  email: string;
  text: string;
  createdAt: Date;
  handledAt: Date | null;
  handledById: string | null;
  handledByEmail: string | null;
}

const COLUMNS = `o.id, o.bot_id AS "botId", b.name AS "botName", o.conversation_id AS "conversationId", o.email, o.text,
  o.created_at AS "createdAt", o.handled_at AS "handledAt", o.handled_by AS "handledById", u.email AS "handledByEmail"`;
const FROM = `FROM offline_messages o JOIN bots b ON b.id = o.bot_id LEFT JOIN users u ON u.id = o.handled_by`;

/** The one owner of `offline_messages`: what visitors left when nobody could answer. */
@Injectable()
export class OfflineMessagesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async add(message: { tenantId: string; botId: string; conversationId: string; visitorId: string; email: string; text: string }): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO offline_messages (tenant_id, bot_id, conversation_id, visitor_id, email, text) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [message.tenantId, message.botId, message.conversationId, message.visitorId, message.email, message.text],
    );
    return row.id;
  }

  list(tenantId: string): Promise<OfflineMessageRow[]> {
    return this.db.query(`SELECT ${COLUMNS} ${FROM} WHERE o.tenant_id = $1 ORDER BY o.created_at DESC LIMIT 500`, [tenantId]);
  }

  /** Marked handled by a staff member of its tenant; undefined when the tenant has no such message. */
  async handled(tenantId: string, id: string, userId: string): Promise<OfflineMessageRow | undefined> {
    const [, count] = await this.db.query(`UPDATE offline_messages SET handled_at = coalesce(handled_at, now()), handled_by = coalesce(handled_by, $3) WHERE tenant_id = $1 AND id = $2`, [tenantId, id, userId]);
    if (!count) return undefined;
    const [row] = await this.db.query(`SELECT ${COLUMNS} ${FROM} WHERE o.tenant_id = $1 AND o.id = $2`, [tenantId, id]);
    return row;
  }
}
