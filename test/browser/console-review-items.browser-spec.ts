import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeWithChromium, RunningServer } from './support';
import { startConsoleProduct, visitorAsks } from './console-product';

const OWNER = { email: 'owner@review-items.example', password: 'review-items-pass-1' };
const INSOMNIA = '我最近总是失眠，怎么办？';
const HOSTILE = '<b>bold</b> & <mark>fake</mark> sleep <img src=x onerror=alert(1)>';
const ROLE_A = '你是一位养生顾问，请用简体中文回答养生问题，其他问题礼貌拒绝，回答要亲切。';
const ROLE_B = '你是一位健康顾问，请用简体中文简短回答养生问题，其他问题礼貌拒绝，回答要亲切。';

/**
 * Console items 11, 13, 14 and 16 of the hands-on review (issue 16): the role editor after a
 * rollback, the word and character diff, the conversation list's labels, times, count and
 * highlighted search, and accessible names and heading order.
 */
describeWithChromium('console review items', () => {
  let browser: Browser;
  let server: RunningServer;
  let owner: BrowserContext;
  let botId: string;

  beforeAll(async () => {
    [browser, server] = await startConsoleProduct('review-items', OWNER, { tokensPerSecond: 400 });
    await visitorAsks(server, INSOMNIA);
    await visitorAsks(server, HOSTILE);

    owner = await browser.newContext({ locale: 'en-US' });
    const page = await owner.newPage();
    await page.goto(server.url + '/console');
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Bots' }).waitFor();
    botId = (await (await page.request.get(server.url + '/api/bots')).json()).bots[0].id;
    await page.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });


  async function ownerPage(context = owner): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems: string[] = [];
    page.on('dialog', (d) => (problems.push(`dialog: ${d.message()}`), void d.dismiss()));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    return { page, problems };
  }

  async function roles(page: Page): Promise<{ version: number; active: boolean; systemPrompt: string }[]> {
    return (await (await page.request.get(`${server.url}/api/bots/${botId}/roles`)).json()).roles;
  }

  async function publishByApi(page: Page, systemPrompt: string): Promise<number> {
    const res = await page.request.post(`${server.url}/api/bots/${botId}/roles`, { data: { systemPrompt } });
    expect(res.status()).toBe(201);
    return (await res.json()).version;
  }

  it('11: after a rollback the editor holds the active version, with nothing to publish', async () => {
    const { page, problems } = await ownerPage();
    const v1 = (await roles(page)).find((r) => r.version === 1)!;
    const v2 = await publishByApi(page, `${v1.systemPrompt}\nRolled away from.`);

    await page.goto(`${server.url}/console/bots/${botId}/role`);
    const editor = page.locator('#role-editor');
    await page.getByText(`Showing v${v2}, the active role`).waitFor();
    expect(await editor.inputValue()).toBe(`${v1.systemPrompt}\nRolled away from.`);

    await page.getByRole('button', { name: 'Activate v1 (roll back)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Activate' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // Not a draft "changed from v1" holding v2's text, ready to be published as v3.
    await page.getByText('Showing v1, the active role').waitFor();
    expect(await editor.inputValue()).toBe(v1.systemPrompt);
    expect(await page.getByRole('button', { name: `Publish as v${v2 + 1}` }).isDisabled()).toBe(true);
    expect((await roles(page)).find((r) => r.active)!.version).toBe(1);
    expect(problems).toEqual([]);
  });

  it('13: after publishing, the diff compares with the version replaced, marking the Chinese characters that changed', async () => {
    const { page, problems } = await ownerPage();
    const a = await publishByApi(page, ROLE_A);
    await page.goto(`${server.url}/console/bots/${botId}/role`);
    await page.getByText(`Showing v${a}, the active role`).waitFor();

    await page.locator('#role-editor').fill(ROLE_B);
    await page.getByRole('button', { name: `Publish as v${a + 1}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByText(`Published as v${a + 1}, now active`).waitFor();

    // The comparison shows what was just published against the version it replaced.
    const compare = page.locator('section', { has: page.getByRole('heading', { name: 'Compare versions' }) });
    await compare.locator('.diff').waitFor();
    const [from, to] = await compare.locator('select').all();
    expect(await from.inputValue()).toBe(String(a));
    expect(await to.inputValue()).toBe(String(a + 1));

    // One paragraph of Chinese: not only a replaced line, but the characters that changed in it.
    expect(await compare.locator('.diff-line.del .diff-text').textContent()).toBe(ROLE_A);
    expect(await compare.locator('.diff-line.add .diff-text').textContent()).toBe(ROLE_B);
    expect(await compare.locator('.diff-line.del del').allTextContents()).toEqual(['养生']);
    expect(await compare.locator('.diff-line.add ins').allTextContents()).toEqual(['健康', '简短']);

    expect(problems).toEqual([]);
  });

  it('16: the "Edit from" buttons are named by their visible text, and the Usage headings are in order', async () => {
    const { page, problems } = await ownerPage();
    if ((await roles(page)).length < 2) await publishByApi(page, 'A second version, so there are two buttons to name.');
    await page.goto(`${server.url}/console/bots/${botId}/role`);
    const edit = page.locator('.row-actions button', { hasText: 'Edit from' });
    await edit.first().waitFor();
    expect(await edit.count()).toBeGreaterThan(1);
    for (const button of await edit.all()) {
      const text = (await button.textContent())!.trim();
      expect(text).toMatch(/^Edit from v\d+$/);
      // The accessible name as the browser computes it is exactly the text a speech-input user reads.
      expect(await button.ariaSnapshot()).toBe(`- button "${text}"`);
    }
    await page.getByRole('button', { name: 'Edit from v1', exact: true }).click();
    expect(await page.locator('#role-editor').inputValue()).toBe((await roles(page)).find((r) => r.version === 1)!.systemPrompt);

    await page.goto(`${server.url}/console/usage`);
    await page.locator('.chart').first().waitFor();
    const levels = await page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((all) => all.map((h) => Number(h.tagName[1])));
    expect(levels[0]).toBe(1);
    expect(levels).toContain(2);
    for (let i = 1; i < levels.length; i++) expect(levels[i]).toBeLessThanOrEqual(levels[i - 1] + 1);
    expect(problems).toEqual([]);
  });

  it('14: the list names or labels the visitor, says how long ago, counts all, and highlights the search safely', async () => {
    const { page, problems } = await ownerPage();
    const list = (await (await page.request.get(`${server.url}/api/conversations`)).json()) as {
      conversations: { visitorId: string; preview: string; lastMessageAt: string }[];
      total: number;
    };
    expect(list.total).toBe(2);
    const firstPage = await (await page.request.get(`${server.url}/api/conversations?limit=1`)).json();
    expect(firstPage.total).toBe(2);
    expect((await (await page.request.get(`${server.url}/api/conversations?limit=1&cursor=${firstPage.nextCursor}`)).json()).total).toBeNull();
    const insomnia = list.conversations.find((c) => c.preview === INSOMNIA)!;
    const label = `Visitor ${insomnia.visitorId.replace(/-/g, '').slice(0, 6).toUpperCase()}`;
    const latest = Math.max(...list.conversations.map((c) => Date.parse(c.lastMessageAt)));

    // The reader's clock three minutes after the last message.
    await page.clock.setFixedTime(latest + 3 * 60_000 + 10_000);
    await page.goto(`${server.url}/console/conversations`);
    const row = page.locator('.conversation-row', { hasText: INSOMNIA });
    await row.waitFor();
    expect(await row.locator('.row-user').textContent()).toBe(label);
    const time = row.locator('time');
    expect(await time.textContent()).toMatch(/^3 min ago$/);
    expect(await time.getAttribute('title')).toMatch(/\d{4}.*\d{2}:\d{2}/);
    expect(await page.locator('.list-count').textContent()).toBe('2 of 2 conversations shown');

    // The search: the match in <mark>, everything else text.
    await page.getByPlaceholder(/Search messages/).fill('失眠');
    await page.getByPlaceholder(/Search messages/).press('Enter');
    await page.locator('.list-count', { hasText: '1 of 1 conversation shown' }).waitFor();
    expect(await row.locator('.row-preview mark').allTextContents()).toEqual(['失眠']);
    expect(await row.locator('.row-preview').textContent()).toBe(INSOMNIA);

    await page.getByPlaceholder(/Search messages/).fill('<MARK>');
    await page.getByPlaceholder(/Search messages/).press('Enter');
    const hostile = page.locator('.conversation-row', { hasText: '<b>bold</b>' });
    await page.locator('.list-count', { hasText: '1 of 1 conversation shown' }).waitFor();
    await hostile.waitFor();
    expect(await hostile.locator('.row-preview').textContent()).toBe(HOSTILE);
    expect(await hostile.locator('.row-preview mark').allTextContents()).toEqual(['<mark>']);
    expect(await hostile.locator('.row-preview b, .row-preview img').count()).toBe(0);

    // In Chinese, the same.
    const zh = await browser.newContext({ locale: 'zh-CN', storageState: await owner.storageState() });
    const { page: zhPage, problems: zhProblems } = await ownerPage(zh);
    await zhPage.clock.setFixedTime(latest + 3 * 60_000 + 10_000);
    await zhPage.goto(`${server.url}/console/conversations`);
    const zhRow = zhPage.locator('.conversation-row', { hasText: INSOMNIA });
    await zhRow.waitFor();
    expect(await zhRow.locator('time').textContent()).toBe('3 分钟前');
    expect(await zhRow.locator('.row-user').textContent()).toBe(label.replace('Visitor', '访客'));
    expect(await zhPage.locator('.list-count').textContent()).toBe('已显示 2 个，共 2 个对话');
    await zh.close();
    expect([...problems, ...zhProblems]).toEqual([]);
  });
});
