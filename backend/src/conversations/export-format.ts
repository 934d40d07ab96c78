import type { ExportConversationRow, ExportMessageRow } from './conversation.repository';
import { CSV_BOM, csvRow } from './csv';
import { localTimeFormatter } from './export-time';

/** How one exported message is written: a CSV record or a JSON line. */
export interface ExportFormat {
  extension: string;
  contentType: string;
  header: string;
  line(conversation: ExportConversationRow, message: ExportMessageRow): string;
}

export type ExportLanguage = 'en' | 'zh-CN';

/** Who reads the file: the CSV's times are written in `timeZone` (IANA), its headers in `lang`. */
export interface ExportReader {
  timeZone: string;
  lang: ExportLanguage;
}

const fields = (c: ExportConversationRow, m: ExportMessageRow) => ({
  conversationId: c.id,
  bot: c.botName,
  visitorId: c.visitorId,
  tags: c.tags,
  note: c.note,
  reviewed: c.reviewed,
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

type Column = keyof ReturnType<typeof fields>;

/** The CSV's headers, in column order, in the staff member's language; the time's names the zone. */
const HEADERS: Record<ExportLanguage, (timeZone: string) => Record<Column, string>> = {
  en: (zone) => ({
    conversationId: 'Conversation ID',
    bot: 'Bot',
    visitorId: 'Visitor ID',
    tags: 'Tags',
    note: 'Note',
    reviewed: 'Reviewed',
    messageId: 'Message ID',
    createdAt: `Time (${zone})`,
    role: 'Sender',
    status: 'Status',
    roleVersion: 'Role version',
    text: 'Text',
    feedback: 'Feedback',
    feedbackComment: 'Feedback comment',
    promptTokens: 'Prompt tokens',
    completionTokens: 'Completion tokens',
    sources: 'Sources',
  }),
  'zh-CN': (zone) => ({
    conversationId: '会话 ID',
    bot: '机器人',
    visitorId: '访客 ID',
    tags: '标签',
    note: '备注',
    reviewed: '已审阅',
    messageId: '消息 ID',
    createdAt: `时间（${zone}）`,
    role: '发送方',
    status: '状态',
    roleVersion: '角色版本',
    text: '内容',
    feedback: '访客评价',
    feedbackComment: '评价说明',
    promptTokens: '输入 token',
    completionTokens: '输出 token',
    sources: '来源',
  }),
};

const YES_NO: Record<ExportLanguage, [string, string]> = { en: ['yes', 'no'], 'zh-CN': ['是', '否'] };

/**
 * CSV for people: local times with their offset (`2026-12-03 18:05:09 +08:00`), translated
 * headers. The BOM makes Excel read the file as UTF-8 (Chinese text would be garbled otherwise).
 */
function csvFormat({ timeZone, lang }: ExportReader): ExportFormat {
  const time = localTimeFormatter(timeZone);
  const [yes, no] = YES_NO[lang];
  const headers = HEADERS[lang](timeZone);
  return {
    extension: 'csv',
    contentType: 'text/csv; charset=utf-8',
    header: CSV_BOM + csvRow(Object.values(headers)),
    line: (c, m) => {
      const row: Record<Column, string | number | null> = {
        ...fields(c, m),
        tags: c.tags.join('; '),
        reviewed: c.reviewed ? yes : no,
        createdAt: time(m.createdAt),
        // Sources as "[1] Title (score 0.912)" per passage, one cell.
        sources: csvSources(m.sources),
      };
      return csvRow((Object.keys(headers) as Column[]).map((k) => row[k]));
    },
  };
}

/** JSON Lines for machines: ISO UTC times and the API's field names, whoever asks. */
const JSONL: ExportFormat = {
  extension: 'jsonl',
  contentType: 'application/x-ndjson; charset=utf-8',
  header: '',
  line: (c, m) => JSON.stringify(fields(c, m)) + '\n',
};

export function exportFormat(format: 'csv' | 'jsonl', reader: ExportReader): ExportFormat {
  return format === 'csv' ? csvFormat(reader) : JSONL;
}

function csvSources(sources: ExportMessageRow['sources']): string {
  return (sources ?? []).map((s) => `[${s.n}] ${s.title}${s.url ? ` <${s.url}>` : ''} (score ${s.score})`).join('; ');
}
