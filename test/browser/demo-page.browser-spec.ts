import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, freePort, launchChromium, RunningServer, startProduct } from './support';

const lastReply = (page: Page) => page.locator('[data-testid="cc-message"][data-role="assistant"]').last();

describeWithChromium('the demo page, as a newcomer tries it', () => {
  let browser: Browser;
  let server: RunningServer;
  let port: number;
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-browser-'));
  const env = { DATA_DIR: dataDir, DEMO_TTFT_MS: '100', DEMO_TOKENS_PER_SECOND: '25', LOG_LEVEL: 'warn' };

  beforeAll(async () => {
    port = await freePort();
    [browser, server] = await Promise.all([launchChromium(), startProduct(port, env)]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the bubble, asks 你好, watches the reply stream in, and finds it again after a reload and a restart', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => (dialogs.push(d.message()), d.dismiss()));
    await page.goto(server.url + '/');
    await expectText(page.locator('#snippet'), 'data-bot="pk_');

    await page.locator('[data-testid="cc-launcher"]').click();
    await page.locator('[data-testid="cc-panel"]').waitFor();
    await page.locator('[data-testid="cc-demo"]').waitFor();
    await page.locator('[data-testid="cc-input"]').fill('你好');
    // Streaming: the answer is visible while still growing, then completes. The page itself notes
    // the first text it shows while the reply is still streaming, so a slow test runner that looks
    // late cannot miss it (nor wait for a streaming state that has already ended).
    await page.evaluate(() => {
      const root = document.querySelector('#customchat-root')!.shadowRoot!;
      const seen = window as unknown as { earlyText?: string };
      new MutationObserver(() => {
        const text = root.querySelector('[data-role="assistant"][data-status="streaming"]')?.textContent ?? '';
        if (!seen.earlyText && text.length) seen.earlyText = text;
      }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await page.locator('[data-testid="cc-input"]').press('Enter');

    const reply = lastReply(page);
    await page.locator('[data-testid="cc-message"][data-role="assistant"][data-status="complete"]').waitFor({ timeout: 30_000 });
    const early = await page.evaluate(() => (window as unknown as { earlyText?: string }).earlyText ?? '');
    expect(early.length).toBeGreaterThan(0);
    const full = (await reply.textContent()) ?? '';
    expect(full.length).toBeGreaterThan(early.length);
    expect(full).toContain('养生顾问');
    expect(full).toMatch(/模拟/);

    // Reload: the conversation is still there.
    await page.reload();
    await page.locator('[data-testid="cc-launcher"]').click();
    await expectText(lastReply(page), full.slice(0, 20));
    await expectText(page.locator('[data-testid="cc-message"][data-role="user"]').first(), '你好');

    // Stop and start the server: still there.
    expect(await server.stop()).toBe('SIGTERM');
    server = await startProduct(port, env);
    await page.reload();
    await page.locator('[data-testid="cc-launcher"]').click();
    await expectText(lastReply(page), full.slice(0, 20));
    expect(await page.locator('[data-testid="cc-message"]').count()).toBe(2);
    expect(dialogs).toEqual([]);
    await context.close();
  });
});

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.waitFor({ timeout: 15_000 });
  const until = Date.now() + 15_000;
  while (!((await locator.textContent()) ?? '').includes(text)) {
    if (Date.now() > until) throw new Error(`expected "${text}" in: ${await locator.textContent()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
