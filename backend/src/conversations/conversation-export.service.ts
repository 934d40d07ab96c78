import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ConversationCursor } from './conversation-cursor';
import { ConversationRepository } from './conversation.repository';
import type { MessageKey } from './conversation.sql';
import type { ConversationFilters, ExportQuery } from './dto/conversation-query.dto';
import { ExportFormat, exportFormat } from './export-format';

const CONVERSATIONS_PER_PAGE = 200;
const MESSAGES_PER_BATCH = 1000;

export interface ExportFile {
  filename: string;
  contentType: string;
  /** Read lazily: each chunk is one batch of messages, fetched only when the previous one was sent. */
  body: AsyncGenerator<string>;
}

/**
 * One row per message of the conversations the filters select. Conversations are read in keyset
 * pages and their messages in keyset batches, short queries each, so neither memory nor a database
 * connection is held for the length of a download.
 */
@Injectable()
export class ConversationExportService {
  constructor(private readonly repo: ConversationRepository) {}

  export(user: AuthUser, query: ExportQuery, now = new Date()): ExportFile {
    const { format, tz, lang, ...filters } = query;
    const fmt = exportFormat(format, { timeZone: tz, lang });
    const day = now.toISOString().slice(0, 10).replaceAll('-', '');
    return { filename: `conversations-${day}.${fmt.extension}`, contentType: fmt.contentType, body: this.chunks(user.tenantId, filters, fmt) };
  }

  private async *chunks(tenantId: string, filters: ConversationFilters, fmt: ExportFormat): AsyncGenerator<string> {
    if (fmt.header) yield fmt.header;
    let after: ConversationCursor | undefined;
    for (;;) {
      const page = await this.repo.exportConversations(tenantId, filters, after, CONVERSATIONS_PER_PAGE);
      if (!page.length) return;
      const ids = page.map((c) => c.id);
      let key: MessageKey | undefined;
      for (;;) {
        const batch = await this.repo.exportMessages(ids, key, MESSAGES_PER_BATCH);
        // `ord` is the conversation's 1-based place in the page.
        if (batch.length) yield batch.map((m) => fmt.line(page[m.ord - 1], m)).join('');
        if (batch.length < MESSAGES_PER_BATCH) break;
        const last = batch.at(-1)!;
        key = { ord: last.ord, at: last.cursorAt, id: last.id };
      }
      if (page.length < CONVERSATIONS_PER_PAGE) return;
      const last = page.at(-1)!;
      after = { at: last.cursorAt, id: last.id };
    }
  }
}
