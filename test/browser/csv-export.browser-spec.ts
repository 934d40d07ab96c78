import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, RunningServer } from './support';
import { startConsoleProduct } from './console-product';

const OWNER = { email: 'owner@export.example', password: 'export-owner-pass' };
const QUESTION = '我最近总是失眠，怎么办？';
const NOTE = '=HYPERLINK("https://evil.example") 需回访';

/** RFC 4180, strictly: the test's own reader. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  return rows;
}

/**
 * Issue 16 item 15: a staff member in Shanghai with a Chinese console downloads a CSV whose times
 * are Shanghai times with their offset, under Chinese headers that name the zone, with the
 * conversation's tags, note and reviewed mark; one in New York with an English console gets theirs.
 */
describeWithChromium('CSV export in the staff member’s zone and language', () => {
  let browser: Browser;
  let server: RunningServer;
  let conversationId: string;

  beforeAll(async () => {
    [browser, server] = await startConsoleProduct('csv-export', OWNER, { tokensPerSecond: 200 });

    // A visitor asks through the widget on the demo page.
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(server.url + '/');
    await visitor.locator('[data-testid="cc-launcher"]').click();
    await visitor.locator('[data-testid="cc-demo"]').waitFor();
    await visitor.locator('[data-testid="cc-input"]').fill(QUESTION);
    await visitor.locator('[data-testid="cc-input"]').press('Enter');
    await visitor.locator('[data-testid="cc-message"][data-role="assistant"][data-status="complete"]').waitFor({ timeout: 30_000 });
    await visitor.context().close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A signed-in console in a browser set to `locale` and `timezoneId`. */
  async function staff(locale: string, timezoneId: string): Promise<Page> {
    const page = await (await browser.newContext({ locale, timezoneId, acceptDownloads: true })).newPage();
    expect((await page.request.post(server.url + '/api/auth/login', { data: OWNER })).status()).toBe(200);
    return page;
  }

  async function downloadCsv(page: Page, linkName: string): Promise<{ url: string; rows: Record<string, string>[]; text: string }> {
    await page.goto(server.url + '/console/conversations');
    await page.locator('.conversation-row').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rest] = parseCsv(text.slice(1));
    return { url: download.url(), text, rows: rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
  }

  it('Shanghai, Chinese console: local times +08:00, Chinese headers, tags, note and reviewed', async () => {
    const page = await staff('zh-CN', 'Asia/Shanghai');
    const list = await (await page.request.get(server.url + '/api/conversations')).json();
    conversationId = list.conversations[0].id;
    const patched = await page.request.patch(`${server.url}/api/conversations/${conversationId}`, { data: { tags: ['失眠', 'vip'], note: NOTE, reviewed: true } });
    expect(patched.status()).toBe(200);

    const { url, rows } = await downloadCsv(page, '导出 CSV');
    expect(new URL(url).searchParams.get('tz')).toBe('Asia/Shanghai');
    expect(new URL(url).searchParams.get('lang')).toBe('zh-CN');
    expect(Object.keys(rows[0])).toEqual(['会话 ID', '机器人', '访客 ID', '标签', '备注', '已审阅', '消息 ID', '时间（Asia/Shanghai）', '发送方', '状态', '角色版本', '内容', '访客评价', '评价说明', '输入 token', '输出 token', '来源']);
    const question = rows.find((r) => r['内容'] === QUESTION)!;
    expect(question).toMatchObject({ '会话 ID': conversationId, 标签: '失眠; vip', 备注: `'${NOTE}`, 已审阅: '是', 发送方: 'user' });

    // The same instant as the API's UTC time, written as the Shanghai wall clock with its offset.
    const transcript = await (await page.request.get(`${server.url}/api/conversations/${conversationId}`)).json();
    for (const row of rows) {
      const message = transcript.messages.find((m: { id: string }) => m.id === row['消息 ID']);
      const local = new Date(Date.parse(message.createdAt) + 8 * 3600_000).toISOString();
      expect(row['时间（Asia/Shanghai）']).toBe(`${local.slice(0, 10)} ${local.slice(11, 19)} +08:00`);
    }
  });

  it('New York, English console: its own zone and English headers; JSONL stays ISO UTC', async () => {
    const page = await staff('en-US', 'America/New_York');
    const { rows } = await downloadCsv(page, 'Export CSV');
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['Conversation ID', 'Tags', 'Note', 'Reviewed', 'Time (America/New_York)', 'Text']));
    const question = rows.find((r) => r.Text === QUESTION)!;
    expect(question).toMatchObject({ Tags: '失眠; vip', Note: `'${NOTE}`, Reviewed: 'yes' });
    expect(question['Time (America/New_York)']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} -0[45]:00$/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export JSONL' }).click()]);
    expect(new URL(download.url()).searchParams.has('tz')).toBe(false);
    const lines = readFileSync((await download.path())!, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const line = lines.find((l) => l.text === QUESTION);
    expect(line).toMatchObject({ conversationId, tags: ['失眠', 'vip'], note: NOTE, reviewed: true });
    expect(line.createdAt).toMatch(/Z$/);
  });
});
