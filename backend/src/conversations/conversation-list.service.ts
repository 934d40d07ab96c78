import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { encodeCursor } from './conversation-cursor';
import { ConversationRepository, toSummary } from './conversation.repository';
import type { ListQuery } from './dto/conversation-query.dto';
import type { ConversationList } from './dto/conversation.views';

/** The staff list: keyset pages, newest activity first. */
@Injectable()
export class ConversationListService {
  constructor(private readonly repo: ConversationRepository) {}

  async list(user: AuthUser, query: ListQuery): Promise<ConversationList> {
    const { cursor, limit, ...filters } = query;
    // One row more than asked tells whether another page exists, so the last page has no cursor.
    // The total is counted with the first page only; later pages leave it null.
    const [rows, total] = await Promise.all([
      this.repo.listPage(user.tenantId, filters, cursor, limit + 1),
      cursor ? null : this.repo.count(user.tenantId, filters),
    ]);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = rows.length > limit && last?.cursorAt ? encodeCursor({ at: last.cursorAt, id: last.id }) : null;
    return { conversations: page.map(toSummary), nextCursor, total };
  }
}
