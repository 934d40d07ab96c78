import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, RunningServer } from './support';
import { startConsoleProduct } from './console-product';

const OWNER = { email: 'owner@journey.example', password: 'journey-owner-pass' };
const AGENT = { email: 'agent@journey.example', first: 'agent-first-pass', own: 'agent-own-password' };
const ROLE_V2 = '你是一位养生顾问（第二版）！请用简体中文回答养生问题，其他问题礼貌拒绝。';

/**
 * The main staff journey: an owner publishes a new role; a visitor chats through the widget;
 * an agent finds that chat by a Chinese word, sees the answer's role version, tags it and
 * exports CSV.
 */
describeWithChromium('owner publishes, visitor chats, agent reviews', () => {
  let browser: Browser;
  let server: RunningServer;

  beforeAll(async () => {
    [browser, server] = await startConsoleProduct('journey', OWNER, { tokensPerSecond: 200 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(server.url + '/console');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('works end to end', async () => {
    // The owner publishes role v2.
    const ownerPage = await (await browser.newContext({ locale: 'en-US', acceptDownloads: true })).newPage();
    await signIn(ownerPage, OWNER.email, OWNER.password);
    await ownerPage.getByRole('link', { name: 'Bots' }).click();
    await ownerPage.locator('table a').first().click();
    await ownerPage.getByRole('link', { name: 'Role', exact: true }).click();
    await ownerPage.locator('#role-editor').fill(ROLE_V2);
    await ownerPage.getByRole('button', { name: 'Publish as v2' }).click();
    await ownerPage.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
    await ownerPage.getByText('Published as v2, now active').waitFor();

    // The owner adds an agent with a first password.
    const created = await ownerPage.request.post(server.url + '/api/members', { data: { email: AGENT.email, role: 'agent', password: AGENT.first } });
    expect(created.status()).toBe(201);

    // A visitor asks through the widget on the demo page.
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(server.url + '/');
    await visitor.locator('[data-testid="cc-launcher"]').click();
    await visitor.locator('[data-testid="cc-demo"]').waitFor(); // the session has arrived
    await visitor.locator('[data-testid="cc-input"]').fill('我最近总是失眠，怎么办？');
    await visitor.locator('[data-testid="cc-input"]').press('Enter');
    await visitor.locator('[data-testid="cc-message"][data-role="assistant"][data-status="complete"]').waitFor({ timeout: 30_000 });
    const answer = await visitor.locator('[data-testid="cc-message"][data-role="assistant"]').last().textContent();
    expect(answer).toContain('第二版');

    // The agent changes the first password, finds the chat by a Chinese word, tags it, exports CSV.
    const agent = await (await browser.newContext({ locale: 'en-US', acceptDownloads: true })).newPage();
    await signIn(agent, AGENT.email, AGENT.first);
    await agent.getByLabel('Current password').fill(AGENT.first);
    await agent.getByLabel('New password', { exact: true }).fill(AGENT.own);
    await agent.getByLabel('New password again').fill(AGENT.own);
    await agent.getByRole('button', { name: 'Change password' }).click();
    await agent.getByPlaceholder(/Search messages/).fill('失眠');
    await agent.getByPlaceholder(/Search messages/).press('Enter');
    const row = agent.locator('.conversation-row', { hasText: '失眠' });
    await row.waitFor();
    expect(await agent.locator('.conversation-row').count()).toBe(1);
    await row.locator('a').click();
    await agent.locator('.message.from-bot .badge', { hasText: 'role v2' }).waitFor();
    await agent.getByLabel('Add a tag').fill('insomnia');
    await agent.getByLabel('Add a tag').press('Enter');
    await agent.locator('.save-status', { hasText: 'Saved' }).waitFor();

    await agent.goBack();
    const [download] = await Promise.all([agent.waitForEvent('download'), agent.getByRole('link', { name: 'Export CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('我最近总是失眠，怎么办？');
    expect(csv).toContain('insomnia');
    // Agents change no configuration.
    expect((await agent.request.patch(server.url + '/api/bots/' + (await firstBotId(agent)), { data: { name: 'x' } })).status()).toBe(403);
  });
});

async function firstBotId(page: Page): Promise<string> {
  const res = await page.request.get(page.url().replace(/\/console.*$/, '/api/bots'));
  return (await res.json()).bots[0].id;
}
