import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { UsageDaysRepository } from '../conversations/usage-days.repository';
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

@Injectable()
export class UsageService {
  constructor(private readonly usage: UsageDaysRepository) {}

  async days(user: AuthUser, query: UsageQuery): Promise<{ days: UsageDay[] }> {
    const rows = await this.usage.days(user.tenantId, query.from, query.to, query.bot ?? null);
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
