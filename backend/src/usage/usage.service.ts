import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import type { UsageQuery } from './dto/usage-query.dto';

export interface UsageDay {
  day: string;
  botId: string;
  botName: string;
  conversations: number;
  messages: number;
  promptTokens: number;
  completionTokens: number;
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

@Injectable()
export class UsageService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async days(user: AuthUser, query: UsageQuery): Promise<{ days: UsageDay[] }> {
    const rows: Record<keyof UsageDay, string>[] = await this.db.query(USAGE_SQL, [user.tenantId, query.from, query.to, query.bot ?? null]);
    // count() and sum() are bigint, which the driver hands over as strings.
    const days = rows.map((r) => ({
      day: r.day,
      botId: r.botId,
      botName: r.botName,
      conversations: Number(r.conversations),
      messages: Number(r.messages),
      promptTokens: Number(r.promptTokens),
      completionTokens: Number(r.completionTokens),
    }));
    return { days };
  }
}
