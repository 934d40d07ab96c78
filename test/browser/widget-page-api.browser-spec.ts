import type { Page } from 'playwright-core';
import { describeWithChromium } from './support';
import {
  bodyText, eventually, inShadow, openChat, sel, sendMessage, withWidgetWorld, transcripts, waitForLastReply, waitReady, widget, type WidgetWorld,
} from './widget-world';

/**
 * Issue 4 and PROTOCOL §2: the page drives the widget through `window.CustomChat`, callable
 * before widget.js has loaded; the widget works where storage is blocked; it speaks the
 * page's chosen language throughout.
 */

type PageEvent = { type: string; detail?: { id?: string; text?: string; status?: string } };
const events = (page: Page) => page.evaluate(() => (window as unknown as { events: PageEvent[] }).events);
const types = async (page: Page) => (await events(page)).map((e) => e.type);
const call = (page: Page, ...args: unknown[]) =>
  page.evaluate((a) => (window as unknown as { CustomChat: (...x: unknown[]) => unknown }).CustomChat(...a), args);

const STORAGE_BLOCKED = `
  Object.defineProperty(window, 'localStorage', {
    configurable: true,
    get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
  });
`;

describeWithChromium('the page API, blocked storage and the page’s language (issue 4)', () => {
  let world: WidgetWorld;
  withWidgetWorld((w) => (world = w));

  describe('on a page that calls CustomChat before widget.js has loaded', () => {
    let page: Page;
    let problems: string[];
    let close: () => Promise<void>;

    /** What the widget sent over its WebSocket(s), to see the handshake. */
    const framesSent: string[] = [];

    beforeAll(async () => {
      const opened = await world.openHostPage('stub', { noNavigate: true });
      ({ page, problems } = opened);
      close = () => opened.context.close();
      page.on('websocket', (ws) => ws.on('framesent', (f) => framesSent.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8'))));
      await page.goto(world.pages.url('stub'));
    });

    afterAll(async () => {
      await close?.();
    });

    it('replays the queued calls: the panel opens by itself and the open listener fires', async () => {
      await waitReady(page); // nobody clicked
      expect(await widget(page).launcher.getAttribute('aria-expanded')).toBe('true');
      expect(await types(page)).toEqual(['open']);
      expect(problems.filter((p) => p.includes('[CustomChat]'))).toEqual([]);
    });

    it("sends the queued ('identify', …) with the handshake", async () => {
      const handshakes = framesSent
        .filter((f) => f.includes('/widget') && f.includes('"bot"'))
        .map((f) => JSON.parse(f.slice(f.indexOf('{'))) as { bot: string; identity?: unknown });
      expect(handshakes.length).toBeGreaterThan(0);
      expect(handshakes[0]).toMatchObject({ bot: world.bot.publicKey, identity: { id: 'u-1', name: 'Ann' } });
    });

    it("obeys ('close'), ('toggle') and fires the listeners", async () => {
      await call(page, 'close');
      await widget(page).panel.waitFor({ state: 'hidden', timeout: 5_000 });
      expect(await widget(page).launcher.getAttribute('aria-expanded')).toBe('false');
      await call(page, 'toggle');
      await waitReady(page);
      await call(page, 'toggle');
      await widget(page).panel.waitFor({ state: 'hidden', timeout: 5_000 });
      await call(page, 'open');
      await waitReady(page);
      expect(await types(page)).toEqual(['open', 'close', 'open', 'close', 'open']);
    });

    it("fires ('on', 'message') and ('on', 'reply') with the server's ids and the right text", async () => {
      world.simulator.configure({ reply: () => 'A reply for the page.' });
      await sendMessage(page, 'A message from the page');
      await waitForLastReply(page);
      const got = await eventually(
        async () => {
          const all = await events(page);
          const message = all.find((e) => e.type === 'message');
          const reply = all.find((e) => e.type === 'reply');
          return message && reply ? { message: message.detail!, reply: reply.detail! } : undefined;
        },
        async () => `the page's listeners got ${JSON.stringify(await events(page))}`,
        10_000,
      );
      expect(got.message).toMatchObject({ text: 'A message from the page' });
      expect(got.reply).toMatchObject({ text: 'A reply for the page.', status: 'complete' });
      expect((await events(page)).filter((e) => e.type === 'message' || e.type === 'reply')).toHaveLength(2);

      // The ids are the stored messages' ids.
      const stored = (await transcripts(world)).find((c) => c.messages.some((m) => m.text === 'A message from the page'));
      expect(stored?.messages.map((m) => m.id)).toEqual([got.message.id, got.reply.id]);
    });

    it("forgets the visitor with ('reset'): a new visitor token and an empty conversation", async () => {
      const key = `customchat:visitor:${world.bot.publicKey}`;
      const token = () => page.evaluate((k) => localStorage.getItem(k), key);
      const before = await token();
      expect(before).toBeTruthy();
      expect(await widget(page).messages.count()).toBeGreaterThan(0);

      await call(page, 'reset');
      await eventually(async () => {
        const now = await token();
        return now && now !== before && (await widget(page).messages.count()) === 0;
      }, async () => `after reset: token ${(await token()) === before ? 'unchanged' : await token()}, ${await widget(page).messages.count()} messages on screen`);
      await waitReady(page);

      // And it stays forgotten: the next load is the new visitor, with nothing to show.
      await page.reload();
      await waitReady(page); // the page's stub opens it again
      expect(await widget(page).messages.count()).toBe(0);
      expect(await token()).not.toBe(before);
    });
  });

  it('opens at load with data-open="true", and stays closed without it', async () => {
    const opened = await world.openHostPage('plain', { query: { open: 'true' } });
    await waitReady(opened.page); // nobody clicked
    expect(await widget(opened.page).launcher.getAttribute('aria-expanded')).toBe('true');
    await opened.context.close();

    const closed = await world.openHostPage('plain');
    await widget(closed.page).launcher.waitFor();
    await closed.page.waitForTimeout(500); // time enough to have opened, were it going to
    expect(await widget(closed.page).panel.isVisible()).toBe(false);
    expect(await widget(closed.page).launcher.getAttribute('aria-expanded')).toBe('false');
    await closed.context.close();
  });

  it('works for the page’s life where localStorage is blocked', async () => {
    const { page, context, problems } = await world.openHostPage('plain', { initScripts: [STORAGE_BLOCKED] });
    expect(await page.evaluate(() => { try { void window.localStorage; return 'readable'; } catch { return 'blocked'; } })).toBe('blocked');
    world.simulator.configure({ reply: () => 'Storage or not, here I am.' });
    await openChat(page);
    await sendMessage(page, 'Can you hear me without storage?');
    await waitForLastReply(page);
    expect(await bodyText(widget(page).lastAssistant)).toBe('Storage or not, here I am.');

    // A reconnection keeps the same visitor and conversation (the token lives in memory).
    world.proxy.cut();
    await page.locator(`${sel.notice}[data-phase="offline"]`).waitFor({ timeout: 15_000 });
    world.proxy.restore();
    await waitReady(page);
    expect(await widget(page).messages.count()).toBe(2);
    await sendMessage(page, 'Still me?');
    await waitForLastReply(page);
    const stored = (await transcripts(world)).find((c) => c.messages.some((m) => m.text === 'Can you hear me without storage?'));
    expect(stored?.messages.map((m) => m.text)).toEqual(['Can you hear me without storage?', 'Storage or not, here I am.', 'Still me?', 'Storage or not, here I am.']);
    expect(problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
    await context.close();
  });

  it('speaks Chinese throughout with data-locale="zh-CN" on an English bot and browser', async () => {
    const name = world.bot.name;
    await world.updateBot({ name: '养生小助手' }); // the bot's own name is the owner's text, not the widget's
    try {
      world.simulator.configure({ reply: () => '好的，这是一个比较长的回答，请您耐心阅读，谢谢您的提问。', ttftMs: 50, tokensPerSecond: 10 });
      const { page, context } = await world.openHostPage('plain', { query: { locale: 'zh-CN' } });
      expect(await widget(page).launcher.getAttribute('aria-label')).toMatch(/\p{Script=Han}/u);
      await openChat(page);
      expect(await widget(page).input.getAttribute('placeholder')).toBe('输入消息…');

      const english = () =>
        inShadow(page, (root) => {
          const out: string[] = [];
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const el = n.parentElement;
            const text = n.textContent?.trim();
            if (!text || !el || el.closest('style') || !el.checkVisibility()) continue;
            if (/[A-Za-z]/.test(text)) out.push(`text "${text}" in ${el.tagName.toLowerCase()}.${el.className}`);
          }
          for (const el of Array.from(root.querySelectorAll('*'))) {
            if (!(el as HTMLElement).checkVisibility?.() && el.tagName !== 'svg') continue;
            for (const attr of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
              const value = el.getAttribute(attr);
              if (value && /[A-Za-z]/.test(value)) out.push(`${attr}="${value}" on ${el.tagName.toLowerCase()}[${el.getAttribute('data-testid')}]`);
            }
          }
          return out;
        });

      expect(await english()).toEqual([]);
      await sendMessage(page, '你好');
      await page.locator(`${sel.assistant}[data-status="streaming"]`).waitFor({ timeout: 10_000 });
      expect(await english()).toEqual([]); // the stop button too
      await waitForLastReply(page);
      expect(await english()).toEqual([]); // the feedback buttons too
      await context.close();
    } finally {
      if (name) await world.updateBot({ name });
    }
  });
});
