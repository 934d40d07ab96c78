import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, RunningServer } from './support';
import { startConsoleProduct } from './console-product';

const ADMIN = { email: 'admin@settings-ux.example', password: 'settings-ux-password-1' };

/**
 * Issue 16 item 12 in the console: the widget preview follows the form as it is typed; leaving
 * with unsaved changes asks first (in the app and before unload); a new bot starts with a
 * greeting, suggestions and an example role in the console's language.
 */
describeWithChromium('bot settings: preview, unsaved changes, new-bot defaults', () => {
  let browser: Browser;
  let server: RunningServer;

  beforeAll(async () => {
    [browser, server] = await startConsoleProduct('bot-ux', ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(locale: string): Promise<{ page: Page; errors: string[] }> {
    const page = await (await browser.newContext({ locale })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url + '/console/bots');
    await page.locator('input[type="email"]').fill(ADMIN.email);
    await page.locator('input[type="password"]').fill(ADMIN.password);
    await page.locator('button[type="submit"]').click();
    await page.locator('table a').first().waitFor();
    return { page, errors };
  }

  /** Creates a bot from the dialog, keeping the example role; resolves on its settings page. */
  async function createBot(page: Page, newBot: RegExp, name: string, roleStarts: string): Promise<void> {
    await page.getByRole('button', { name: newBot }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[type="text"]').fill(name);
    await dialog.locator('textarea').first().fill('https://shop.example');
    const role = dialog.locator('textarea').nth(1);
    expect(await role.inputValue()).toMatch(new RegExp(`^${roleStarts}`));
    await dialog.locator('button[type="submit"]').click();
    await page.waitForURL(/\/console\/bots\/[0-9a-f-]{36}$/);
    await page.locator('.bot-editor').waitFor();
  }

  const launcher = (page: Page) => page.locator('.widget-preview .wp-launcher');
  const colours = (page: Page) =>
    launcher(page).evaluate((el) => ({ background: getComputedStyle(el).backgroundColor, text: getComputedStyle(el).color }));

  it('starts an English bot with defaults, previews every change live, and asks before leaving unsaved changes', async () => {
    const { page, errors } = await signIn('en-US');
    await createBot(page, /New bot/, 'Shop assistant', 'You are the friendly assistant');

    // The new bot's defaults, as the server stored them: greeting, suggestions, role v1.
    expect(await page.locator('.bot-editor').getByLabel('Greeting').inputValue()).toBe('Hello! How can I help you today?');
    const suggestions = (await page.locator('.bot-editor').getByLabel('Suggested questions').inputValue()).split('\n');
    expect(suggestions.length).toBeGreaterThanOrEqual(2);
    expect(suggestions.length).toBeLessThanOrEqual(3);
    await page.locator('.badge', { hasText: 'role v1' }).waitFor();
    expect(await page.locator('.bot-editor').getByLabel('Language', { exact: true }).inputValue()).toBe('en');

    // The preview shows them, in the default colour with readable text, bottom right.
    const preview = page.locator('.widget-preview');
    expect(await preview.locator('.wp-greeting').textContent()).toBe('Hello! How can I help you today?');
    expect(await preview.locator('.wp-chip').allTextContents()).toEqual(suggestions);
    expect(await colours(page)).toEqual({ background: 'rgb(15, 118, 110)', text: 'rgb(255, 255, 255)' });
    expect(await preview.locator('.wp-page').getAttribute('data-position')).toBe('right');
    expect(await page.getByText('Unsaved changes').count()).toBe(0);

    // Every keystroke shows: greeting, suggestions, a light colour (dark text), the left corner.
    await page.locator('.bot-editor').getByLabel('Greeting').fill('Welcome to the shop!');
    await preview.locator('.wp-greeting', { hasText: 'Welcome to the shop!' }).waitFor();
    await page.locator('.bot-editor').getByLabel('Suggested questions').fill('Opening hours?\n\nDelivery times?');
    await page.waitForFunction(() => [...document.querySelectorAll('.wp-chip')].map((c) => c.textContent).join('|') === 'Opening hours?|Delivery times?');
    await page.locator('.bot-editor').getByLabel('Colour', { exact: true }).fill('#facc15');
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.wp-launcher')!).backgroundColor === 'rgb(250, 204, 21)');
    expect(await colours(page)).toEqual({ background: 'rgb(250, 204, 21)', text: 'rgb(0, 0, 0)' });
    expect(await preview.locator('.wp-header').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 0, 0)');
    await page.locator('.bot-editor').getByLabel('Position on the page').selectOption('left');
    await preview.locator('.wp-page[data-position="left"]').waitFor();
    const [box, frame] = await Promise.all([launcher(page).boundingBox(), preview.locator('.wp-page').boundingBox()]);
    expect(box!.x - frame!.x).toBeLessThan(frame!.width / 2 - box!.width);
    await page.getByText('Unsaved changes').waitFor();

    // A router link asks first; staying keeps every change.
    await page.getByRole('link', { name: 'Role', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Leave without saving?' });
    await confirm.waitFor();
    expect(new URL(page.url()).pathname).toMatch(/\/console\/bots\/[0-9a-f-]{36}$/);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await page.locator('.bot-editor').getByLabel('Greeting').inputValue()).toBe('Welcome to the shop!');

    // The sidebar asks too; leaving goes, and the changes are gone.
    await page.getByRole('link', { name: 'Bots', exact: true }).first().click();
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Leave without saving' }).click();
    await page.waitForURL(/\/console\/bots$/);
    await page.locator('table a', { hasText: 'Shop assistant' }).click();
    await page.locator('.bot-editor').waitFor();
    expect(await page.locator('.bot-editor').getByLabel('Greeting').inputValue()).toBe('Hello! How can I help you today?');

    // Saved changes leave without a question.
    await page.locator('.bot-editor').getByLabel('Greeting').fill('Saved greeting');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('✓ Saved').waitFor();
    await page.getByRole('link', { name: 'Role', exact: true }).click();
    await page.waitForURL(/\/role$/);
    expect(await page.getByRole('dialog').count()).toBe(0);

    // Unsaved changes also stop the tab closing: the browser's own beforeunload prompt.
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.locator('.bot-editor').getByLabel('Greeting').click(); // a real gesture: Chromium prompts only after one
    await page.locator('.bot-editor').getByLabel('Greeting').fill('Not saved yet');
    await page.getByText('Unsaved changes').waitFor();
    const prompt = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    const dialog = await prompt;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.accept();

    expect(errors).toEqual([]);
  });

  it('starts a Chinese bot in Chinese, under the 网站聊天窗口 heading', async () => {
    const { page, errors } = await signIn('zh-CN');
    await createBot(page, /新建机器人/, '商店助手', '你是我们网站上友好的在线助手');
    expect(await page.locator('.bot-editor').getByLabel('欢迎语').inputValue()).toBe('您好！请问有什么可以帮您？');
    const suggestions = (await page.locator('.bot-editor').getByLabel('推荐问题').inputValue()).split('\n');
    expect(suggestions.length).toBeGreaterThanOrEqual(2);
    expect(suggestions.every((s) => /[\u4e00-\u9fff]/.test(s))).toBe(true);
    expect(await page.locator('.bot-editor').getByLabel('语言', { exact: true }).inputValue()).toBe('zh-CN');
    await page.getByRole('heading', { name: '网站聊天窗口' }).waitFor();
    expect(await page.locator('body').textContent()).not.toContain('挂件');
    await page.getByRole('link', { name: '角色', exact: true }).click();
    await page.locator('#role-editor').waitFor();
    expect(await page.locator('#role-editor').inputValue()).toContain('你是我们网站上友好的在线助手');
    expect(errors).toEqual([]);
  });
});
