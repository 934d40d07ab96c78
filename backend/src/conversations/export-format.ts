import type { ExportConversationRow, ExportMessageRow } from './conversation.repository';
import { CSV_BOM, csvRow } from './csv';

/** How one exported message is written: a CSV record or a JSON line. */
export interface ExportFormat {
  extension: string;
  contentType: string;
  header: string;
  line(conversation: ExportConversationRow, message: ExportMessageRow): string;
}

const fields = (c: ExportConversationRow, m: ExportMessageRow) => ({
  conversationId: c.id,
  bot: c.botName,
  visitorId: c.visitorId,
  tags: c.tags,
  messageId: m.id,
  createdAt: m.createdAt.toISOString(),
  role: m.role,
  status: m.status,
  roleVersion: m.roleVersion,
  text: m.text,
  feedback: m.feedback,
  feedbackComment: m.feedbackComment,
  promptTokens: m.promptTokens,
  completionTokens: m.completionTokens,
  sources: m.sources ?? null,
});

const CSV_COLUMNS = ['conversation_id', 'bot', 'visitor_id', 'tags', 'message_id', 'time', 'role', 'status', 'role_version', 'text', 'feedback', 'feedback_comment', 'prompt_tokens', 'completion_tokens', 'sources'];

export const EXPORT_FORMATS: Record<'csv' | 'jsonl', ExportFormat> = {
  // The BOM makes Excel read the file as UTF-8 (Chinese text would be garbled otherwise).
  csv: {
    extension: 'csv',
    contentType: 'text/csv; charset=utf-8',
    header: CSV_BOM + csvRow(CSV_COLUMNS),
    // Sources as "[1] Title (score 0.912)" per passage, one cell.
    line: (c, m) => csvRow(Object.values({ ...fields(c, m), tags: c.tags.join('; '), sources: csvSources(m.sources) })),
  },
  jsonl: {
    extension: 'jsonl',
    contentType: 'application/x-ndjson; charset=utf-8',
    header: '',
    line: (c, m) => JSON.stringify(fields(c, m)) + '\n',
  },
};

function csvSources(sources: ExportMessageRow['sources']): string {
  return (sources ?? []).map((s) => `[${s.n}] ${s.title}${s.url ? ` <${s.url}>` : ''} (score ${s.score})`).join('; ');
}
