import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** One bot's activity on one UTC day; counts as the driver hands bigint over (strings). */
export interface UsageDayRow {
  day: string;
  botId: string;
  botName: string;
  conversations: string;
  messages: string;
  promptTokens: string;
  completionTokens: string;
}

/**
 * Per UTC day and bot: conversations with a message that day, messages, tokens. Only days with
 * activity are listed. A message in [from, to) implies its conversation's last_message_at >= from,
 * which lets the tenant's activity index narrow the conversations first.
 */
const USAGE_SQL = `
  SELECT to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, c.bot_id AS "botId", b.name AS "botName",
    count(DISTINCT m.conversation_id) AS conversations, count(*) AS messages,
    coalesce(sum(m.prompt_tokens), 0) AS "promptTokens", coalesce(sum(m.completion_tokens), 0) AS "completionTokens"
  FROM conversations c
  JOIN messages m ON m.conversation_id = c.id
  JOIN bots b ON b.id = c.bot_id
  WHERE c.tenant_id = $1 AND c.last_message_at >= $2 AND m.created_at >= $2 AND m.created_at < $3 AND ($4::uuid IS NULL OR c.bot_id = $4)
  GROUP BY 1, c.bot_id, b.name
  ORDER BY 1, b.name, c.bot_id`;

/** Activity per day read from the conversations and their messages (the usage page). */
@Injectable()
export class UsageDaysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Days in [from, to) of the tenant (one bot, or all when botId is null). */
  days(tenantId: string, from: Date, to: Date, botId: string | null): Promise<UsageDayRow[]> {
    return this.db.query(USAGE_SQL, [tenantId, from, to, botId]);
  }
}
