import type { ExportConversationRow, ExportMessageRow } from './conversation.repository';
import { CSV_BOM } from './csv';
import { EXPORT_FORMATS } from './export-format';

describe('export formats', () => {
  const conversation: ExportConversationRow = { id: 'c1', visitorId: 'v1', tags: ['sleep', 'vip'], botName: 'Advisor, "main"', cursorAt: '' };
  const message: ExportMessageRow = {
    ord: 1,
    conversationId: 'c1',
    cursorAt: '',
    id: 'm1',
    createdAt: new Date('2026-11-24T03:00:00.000Z'),
    role: 'user',
    status: 'complete',
    roleVersion: null,
    text: '=1+1\n第二行',
    feedback: null,
    feedbackComment: null,
    promptTokens: null,
    completionTokens: 12,
  };

  it('CSV: BOM and header, then one record per message with as many fields as the header', () => {
    const { header, line } = EXPORT_FORMATS.csv;
    expect(header.startsWith(CSV_BOM)).toBe(true);
    const record = line(conversation, message);
    expect(record).toBe('c1,"Advisor, ""main""",v1,sleep; vip,m1,2026-11-24T03:00:00.000Z,user,complete,,"\'=1+1\n第二行",,,,12,\r\n');
    expect(header.slice(1).split(',')).toHaveLength(15);
  });

  it("CSV: an answer's sources in one cell, with their scores", () => {
    const answer: ExportMessageRow = { ...message, role: 'assistant', text: 'See [1].', sources: [{ n: 1, sourceId: 's1', title: 'Returns, refunds', url: 'https://shop.example/returns', excerpt: 'x', score: 0.91 }, { n: 2, sourceId: 's2', title: 'FAQ', excerpt: 'y', score: 0.5 }] };
    const record = EXPORT_FORMATS.csv.line(conversation, answer);
    expect(record.endsWith(',"[1] Returns, refunds <https://shop.example/returns> (score 0.91); [2] FAQ (score 0.5)"\r\n')).toBe(true);
  });

  it('JSONL: one JSON object per line, tags as an array', () => {
    const line = EXPORT_FORMATS.jsonl.line(conversation, message);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toMatchObject({ conversationId: 'c1', tags: ['sleep', 'vip'], text: '=1+1\n第二行', completionTokens: 12, roleVersion: null });
  });
});
