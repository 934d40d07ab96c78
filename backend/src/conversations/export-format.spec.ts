import type { ExportConversationRow, ExportMessageRow } from './conversation.repository';
import { CSV_BOM } from './csv';
import { exportFormat } from './export-format';

describe('export formats', () => {
  const conversation: ExportConversationRow = { id: 'c1', visitorId: 'v1', tags: ['sleep', 'vip'], note: '=HYPERLINK("x")\n回访', reviewed: true, botName: 'Advisor, "main"', cursorAt: '' };
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
  const shanghaiZh = exportFormat('csv', { timeZone: 'Asia/Shanghai', lang: 'zh-CN' });
  const utcEn = exportFormat('csv', { timeZone: 'UTC', lang: 'en' });

  it('CSV: BOM and headers in the reader’s language, the time’s naming the zone', () => {
    expect(utcEn.header).toBe(
      CSV_BOM +
        'Conversation ID,Bot,Visitor ID,Tags,Note,Reviewed,Message ID,Time (UTC),Sender,Status,Role version,Text,Feedback,Feedback comment,Prompt tokens,Completion tokens,Sources\r\n',
    );
    expect(shanghaiZh.header).toBe(CSV_BOM + '会话 ID,机器人,访客 ID,标签,备注,已审阅,消息 ID,时间（Asia/Shanghai）,发送方,状态,角色版本,内容,访客评价,评价说明,输入 token,输出 token,来源\r\n');
  });

  it('CSV: one record per message, local time with offset, tags, note and reviewed, formulas neutralised', () => {
    const record = shanghaiZh.line(conversation, message);
    expect(record).toBe('c1,"Advisor, ""main""",v1,sleep; vip,"\'=HYPERLINK(""x"")\n回访",是,m1,2026-11-24 11:00:00 +08:00,user,complete,,"\'=1+1\n第二行",,,,12,\r\n');
    expect(utcEn.line({ ...conversation, note: null, reviewed: false, tags: [] }, message)).toBe('c1,"Advisor, ""main""",v1,,,no,m1,2026-11-24 03:00:00 +00:00,user,complete,,"\'=1+1\n第二行",,,,12,\r\n');
    expect(shanghaiZh.header.slice(1).split(',')).toHaveLength(17);
  });

  it("CSV: an answer's sources in one cell, with their scores", () => {
    const answer: ExportMessageRow = { ...message, role: 'assistant', text: 'See [1].', sources: [{ n: 1, sourceId: 's1', title: 'Returns, refunds', url: 'https://shop.example/returns', excerpt: 'x', score: 0.91 }, { n: 2, sourceId: 's2', title: 'FAQ', excerpt: 'y', score: 0.5 }] };
    const record = utcEn.line(conversation, answer);
    expect(record.endsWith(',"[1] Returns, refunds <https://shop.example/returns> (score 0.91); [2] FAQ (score 0.5)"\r\n')).toBe(true);
  });

  it('JSONL: one JSON object per line, ISO UTC times whatever the zone, tags as an array, note and reviewed', () => {
    const jsonl = exportFormat('jsonl', { timeZone: 'Asia/Shanghai', lang: 'zh-CN' });
    expect(jsonl.header).toBe('');
    const line = jsonl.line(conversation, message);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toMatchObject({
      conversationId: 'c1',
      createdAt: '2026-11-24T03:00:00.000Z',
      tags: ['sleep', 'vip'],
      note: '=HYPERLINK("x")\n回访',
      reviewed: true,
      text: '=1+1\n第二行',
      completionTokens: 12,
      roleVersion: null,
    });
  });
});
