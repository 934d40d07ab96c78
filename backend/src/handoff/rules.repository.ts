import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Rule } from './staff.events';

/** The one owner of `bot_rules`: a bot's rules as one ordered list. */
@Injectable()
export class RulesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(botId: string): Promise<Rule[]> {
    const [row] = await this.db.query(`SELECT rules FROM bot_rules WHERE bot_id = $1`, [botId]);
    return row?.rules ?? [];
  }

  async put(botId: string, rules: Rule[]): Promise<void> {
    await this.db.query(
      `INSERT INTO bot_rules (bot_id, rules, updated_at) VALUES ($1, $2::jsonb, now())
       ON CONFLICT (bot_id) DO UPDATE SET rules = excluded.rules, updated_at = now()`,
      [botId, JSON.stringify(rules)],
    );
  }
}
