import type { Browser, BrowserContext, Page } from 'playwright-core';
import { collectReply, connectVisitor, emitAck } from '../support/visitor';
import { type AxeFinding, describeFindings, seriousViolations } from './axe';
import { describeWithChromium, type RunningServer } from './support';
import { demoBotKey, startConsoleProduct, visitorAsks } from './console-product';

const OWNER = { email: 'owner@axe.example', password: 'axe-console-pass-1' };

/**
 * Issue 16 item 9: axe-core finds no serious or critical violation on any console screen — sign-in,
 * conversations and a transcript, the inbox and a handed-off conversation, offline messages, bots,
 * a bot's settings (with its widget preview), role editor, knowledge and rules, members, usage and
 * the account — in English and Chinese, light and dark, each with data in it; and on the product's demo page with
 * its widget open (the demo badge in the header: 3.57:1 before) in the bot's default colour and a
 * light one.
 */
describeWithChromium('axe-core finds nothing serious on the console screens (issue 16 item 9)', () => {
  let browser: Browser;
  let server: RunningServer;
  let demoBot: string;
  let botId: string;
  let handedOff: string;

  beforeAll(async () => {
    [browser, server] = await startConsoleProduct('axe-console', OWNER, { tokensPerSecond: 400 });
    demoBot = await demoBotKey(server);

    // Something on every screen: conversations, a handoff waiting in the inbox, an offline
    // message, a knowledge source, a rule and a second member.
    const api = await ownerApi();
    botId = (await api('GET', '/api/bots')).bots[0].id;
    await api('PATCH', `/api/bots/${botId}`, { settings: { handoffEnabled: true } });
    await api('POST', `/api/bots/${botId}/knowledge`, { title: 'Opening hours', text: 'The clinic opens at 8 am and closes at 6 pm, every day but Sunday.' });
    await api('PUT', `/api/bots/${botId}/rules`, { rules: [{ match: { keywords: ['refund'] }, action: 'answer', answer: 'Refunds take five days.' }] });
    await api('POST', '/api/members', { email: 'agent@axe.example', role: 'agent', password: 'agent-first-pass-1' });
    await visitorAsks(server, '我最近总是失眠，怎么办？');
    await visitorAsks(server, 'What are your opening hours?');
    const { socket } = await connectVisitor(server.url, { bot: demoBot, origin: server.url });
    const reply = collectReply(socket);
    expect((await emitAck(socket, 'message:send', { clientId: 'h1', text: 'I would like to talk to a person.' })).ok).toBe(true);
    await reply;
    expect((await emitAck(socket, 'handoff:request', {})).ok).toBe(true);
    const offline = await emitAck(socket, 'offline:message', { email: 'visitor@axe.example', text: 'Please call me back tomorrow.' });
    expect(offline.ok).toBe(true);
    socket.disconnect();
    handedOff = (await api('GET', `/api/conversations?bot=${botId}&limit=1`)).conversations[0].id;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The owner's REST API (signed in with a cookie, from the console's origin); throws unless 2xx. */
  async function ownerApi(): Promise<(method: string, path: string, body?: unknown) => Promise<any>> {
    const login = await fetch(server.url + '/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.url },
      body: JSON.stringify(OWNER),
    });
    if (login.status !== 200) throw new Error(`sign-in answered ${login.status}`);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    return async (method, path, body) => {
      const res = await fetch(server.url + path, {
        method,
        headers: { Cookie: cookie, Origin: server.url, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
      return text ? JSON.parse(text) : undefined;
    };
  }


  /** Waits until the screen has its title and has loaded (no loading state left). */
  async function settled(page: Page, ready?: string): Promise<void> {
    await page.locator('h1').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('.state-loading'));
    if (ready) await page.locator(ready).first().waitFor();
  }

  const SCREENS: Array<{ name: string; path: () => string; ready?: string }> = [
    { name: 'conversations', path: () => '/console/conversations', ready: '.conversation-row' },
    { name: 'transcript', path: () => `/console/conversations/${handedOff}`, ready: '.message' },
    { name: 'inbox', path: () => '/console/inbox' },
    { name: 'inbox conversation', path: () => `/console/inbox/${handedOff}` },
    { name: 'offline messages', path: () => '/console/offline' },
    { name: 'bots', path: () => '/console/bots', ready: 'table a' },
    { name: 'bot settings', path: () => `/console/bots/${botId}` },
    { name: 'role editor', path: () => `/console/bots/${botId}/role`, ready: '#role-editor' },
    { name: 'knowledge', path: () => `/console/bots/${botId}/knowledge` },
    { name: 'rules', path: () => `/console/bots/${botId}/rules` },
    { name: 'members', path: () => '/console/members' },
    { name: 'usage', path: () => '/console/usage' },
    { name: 'account', path: () => '/console/account' },
  ];

  it.each([
    ['English', 'light', 'en-US', 'Email', 'Password', 'Sign in'],
    ['Chinese', 'light', 'zh-CN', '邮箱', '密码', '登录'],
    ['English', 'dark', 'en-US', 'Email', 'Password', 'Sign in'],
  ] as const)('in %s, %s colour scheme: sign-in and every screen', async (_language, colorScheme, locale, email, password, signIn) => {
    const context: BrowserContext = await browser.newContext({ locale, colorScheme, viewport: { width: 1280, height: 800 } });
    const found: AxeFinding[] = [];
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(server.url + '/console');
      await page.getByLabel(email).waitFor();
      found.push(...(await seriousViolations(page, 'sign-in')));
      await page.getByLabel(email).fill(OWNER.email);
      await page.getByLabel(password).fill(OWNER.password);
      await page.getByRole('button', { name: signIn }).click();
      await page.getByRole('navigation').waitFor();

      for (const screen of SCREENS) {
        await page.goto(server.url + screen.path());
        await settled(page, screen.ready);
        found.push(...(await seriousViolations(page, screen.name)));
      }
    } finally {
      await context.close();
    }
    expect(describeFindings(found)).toBe('');
  }, 180_000);

  it.each([
    ['its default colour', undefined],
    ['a light colour (#ffd400)', '#ffd400'],
    ['a mid grey (#777777)', '#777777'],
  ])('the demo page with its widget open, demo badge and a reply, in %s', async (_kind, color) => {
    if (color) await (await ownerApi())('PATCH', `/api/bots/${botId}`, { settings: { color } });
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const found: AxeFinding[] = [];
    try {
      const page = await context.newPage();
      await page.goto(server.url + '/');
      await page.locator('[data-testid="cc-launcher"]').click();
      await page.locator('[data-testid="cc-demo"]').waitFor();
      if (color) {
        const accent = await page.locator('[data-testid="cc-panel"]').evaluate((el) => getComputedStyle(el).getPropertyValue('--cc-accent').trim());
        expect(accent).toBe(color);
      }
      found.push(...(await seriousViolations(page, 'demo, open')));
      await page.locator('[data-testid="cc-input"]').fill('What should I eat for better sleep?');
      await page.locator('[data-testid="cc-input"]').press('Enter');
      await page.waitForFunction(() => {
        const all = document.querySelector('#customchat-root')?.shadowRoot?.querySelectorAll<HTMLElement>('[data-testid="cc-message"][data-role="assistant"]');
        return all?.[all.length - 1]?.dataset.status === 'complete';
      });
      found.push(...(await seriousViolations(page, 'demo, answered')));
    } finally {
      await context.close();
    }
    expect(describeFindings(found)).toBe('');
  }, 90_000);
});
