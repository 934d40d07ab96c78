import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { describeWithChromium, freePort, launchChromium, RunningServer, startProduct } from './support';

/** The CSP forbids inline scripts and other origins; only a real browser shows the page still works. */
describeWithChromium('the API documentation page', () => {
  let browser: Browser;
  let server: RunningServer;

  beforeAll(async () => {
    const port = await freePort();
    const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'cc-docs-')), LOG_LEVEL: 'warn' };
    [browser, server] = await Promise.all([launchChromium(), startProduct(port, env)]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('renders every operation of /api/docs-json with nothing refused by its CSP and nothing fetched elsewhere', async () => {
    const doc = (await (await fetch(`${server.url}/api/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const count = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => /Content Security Policy|Refused/i.test(m.text()) && problems.push(`CSP: ${m.text()}`));
    page.on('request', (r) => !r.url().startsWith(server.url) && !r.url().startsWith('data:') && problems.push(`elsewhere: ${r.url()}`));

    await page.goto(`${server.url}/api/docs`);
    await page.locator('.opblock').nth(count - 1).waitFor({ timeout: 30_000 });
    expect(await page.locator('.opblock').count()).toBe(count);
    await expect(page.locator('.info .title').textContent()).resolves.toContain('customchat API');

    // Operations opened (body and answer schemas, query parameters, examples, highlighted code), still nothing refused.
    const opened = ['post /api/auth/login', 'patch /api/bots/{id}', 'get /api/conversations', 'post /api/bots/{id}/preview', 'get /health'];
    for (const key of opened) {
      const [method, path] = key.split(' ');
      await page.locator(`.opblock-${method}:has([data-path="${path}"]) .opblock-summary-control`).click();
    }
    await page.locator('.opblock.is-open').nth(opened.length - 1).waitFor();
    const login = page.locator('.opblock-post.is-open:has([data-path="/api/auth/login"]) .opblock-body');
    await expect(login.textContent()).resolves.toMatch(/"password"/);
    // "Try it out" calls this origin, as the page's CSP allows.
    const health = page.locator('.opblock-get:has([data-path="/health"])');
    await health.locator('.try-out__btn').click();
    await health.locator('.execute').click();
    await health.locator('.live-responses-table').getByText('"database": "up"').waitFor();
    expect(problems).toEqual([]);
  });
});
