import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, RunningServer } from './support';
import { startConsoleProduct, visitorAsks } from './console-product';

const ADMIN = { email: 'admin@console.example', password: 'console-password-1' };
const XSS = '<img src=x onerror=alert(1)> <script>alert(2)</script>';

describeWithChromium('the staff console', () => {
  let browser: Browser;
  let server: RunningServer;

  beforeAll(async () => {
    [browser, server] = await startConsoleProduct('console', ADMIN, { tokensPerSecond: 400 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });


  function watch(page: Page): string[] {
    const problems: string[] = [];
    page.on('dialog', (d) => (problems.push(`dialog: ${d.message()}`), void d.dismiss()));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => /Content Security Policy/i.test(m.text()) && problems.push(`CSP: ${m.text()}`));
    return problems;
  }

  it('signs in, shows visitor text literally, saves tags and a note, and previews a draft role streamed', async () => {
    await visitorAsks(server, XSS);
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    const problems = watch(page);

    await page.goto(server.url + '/console/conversations');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    const row = page.locator('.conversation-row', { hasText: '<img src=x' });
    await row.waitFor();
    await row.locator('a').click();
    const question = page.locator('.message.from-visitor .message-text').first();
    await question.waitFor();
    expect(await question.textContent()).toBe(XSS);
    expect(await page.locator('.message-list img, .message-list script').count()).toBe(0);
    await page.locator('.message.from-bot .badge', { hasText: 'role v1' }).waitFor();

    await page.getByLabel('Add a tag').fill('needs-review');
    await page.getByLabel('Add a tag').press('Enter');
    await page.locator('.save-status', { hasText: 'Saved' }).waitFor();
    await page.getByLabel('Note').fill('Checked: shown as text.');
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.locator('.annotation-panel .success').waitFor();
    await page.reload();
    await page.locator('.chip', { hasText: 'needs-review' }).waitFor();
    expect(await page.getByLabel('Note').inputValue()).toBe('Checked: shown as text.');

    await page.getByRole('link', { name: 'Bots' }).click();
    await page.locator('table a').first().click();
    await page.getByRole('link', { name: 'Role', exact: true }).click();
    const editor = page.locator('#role-editor');
    await editor.waitFor();
    await editor.fill(`${await editor.inputValue()}\nDraft line for the preview.`);
    await page.getByPlaceholder(/Ask the bot/).fill('你好');
    await page.getByPlaceholder(/Ask the bot/).press('Enter');
    await page.locator('.preview-turn.assistant.complete').waitFor({ timeout: 30_000 });
    expect(await page.locator('.preview-turn.assistant .message-text').textContent()).toMatch(/模拟|simulator/);

    expect(problems).toEqual([]);
  });
});
