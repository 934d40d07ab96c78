import type { BrowserContextOptions, Page } from 'playwright-core';
import { describeWithChromium } from './support';
import {
  eventually, inShadow, openChat, sel, sendMessage, transcripts, waitForLastReply, waitReady, widget, withWidgetWorld, type Bot, type OpenedPage, type WidgetWorld,
} from './widget-world';

/**
 * Issue 16, widget items 2, 3, 6, 7 and 10: no dead-end bubble where the bot is off or the site
 * not allowed; the visitor's own language; what went wrong after a thumbs down; errors that name
 * the number; a bubble that can sit above a cookie bar.
 */

type PageEvent = { type: string; detail?: { reason?: string; origin?: string } };

/** The page's listeners, registered through the stub before widget.js loads. */
const STUB = `
window.events = [];
window.CustomChat = window.CustomChat || function () { (CustomChat.q = CustomChat.q || []).push(arguments); };
CustomChat('on', 'unavailable', function (detail) { window.events.push({ type: 'unavailable', detail: detail }); });
CustomChat('on', 'open', function () { window.events.push({ type: 'open' }); });
`;

const COOKIE_BAR_PX = 72;

describeWithChromium('widget review items 2, 3, 6, 7 and 10 (issue 16)', () => {
  let world: WidgetWorld;
  withWidgetWorld((w) => (world = w));

  /** A bot of its own (so no test sees another's settings, nor a cached answer about them). */
  async function newBot(patch: Record<string, unknown> = {}): Promise<Bot> {
    const created = await world.api<Bot | { bot: Bot }>('POST', '/api/bots', { name: `Review ${Math.random().toString(36).slice(2, 7)}`, allowedOrigins: [world.pages.origin] });
    if (created.status !== 201 && created.status !== 200) throw new Error(`POST /api/bots answered ${created.status}: ${JSON.stringify(created.body)}`);
    const bot = ('bot' in created.body ? created.body.bot : created.body) as Bot;
    const res = await world.api('PATCH', `/api/bots/${bot.id}`, { settings: { locale: 'en' }, ...patch });
    if (res.status !== 200) throw new Error(`PATCH /api/bots/${bot.id} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return bot;
  }

  /**
   * The plain host page (its origin is the allowed one) with its snippet pointed at `bot` and the
   * snippet's `attrs` added, the stub above, and a cookie bar of COOKIE_BAR_PX at the bottom. The
   * snippet is changed as the parser inserts it, before the async loader runs and reads it (a page
   * fulfilled by the test itself would sit in another address space than the loopback backend).
   */
  async function openSite(bot: Bot, attrs: Record<string, string> = {}, context: BrowserContextOptions = {}, initScripts: string[] = []): Promise<OpenedPage & { chunks: string[]; sockets: string[] }> {
    const rewrite = `${STUB}
      new MutationObserver(function (records, observer) {
        records.forEach(function (r) { r.addedNodes.forEach(function (n) {
          if (n.tagName !== 'SCRIPT' || n.src.indexOf('/widget.js') < 0) return;
          var attrs = ${JSON.stringify({ bot: bot.publicKey, ...attrs })};
          Object.keys(attrs).forEach(function (k) { n.setAttribute('data-' + k, attrs[k]); });
          observer.disconnect();
        }); });
      }).observe(document, { childList: true, subtree: true });
      document.addEventListener('DOMContentLoaded', function () {
        var bar = document.createElement('div');
        bar.id = 'cookie-bar';
        bar.style.cssText = 'position:fixed;left:0;right:0;bottom:0;height:${COOKIE_BAR_PX}px;background:#333;color:#fff';
        bar.innerHTML = 'We use cookies <button type="button">OK</button>';
        document.body.append(bar);
      });`;
    const opened = await world.openHostPage('plain', { noNavigate: true, context, initScripts: [...initScripts, rewrite] });
    const chunks: string[] = [];
    const sockets: string[] = [];
    opened.page.on('request', (r) => {
      if (/\/widget\/chat-[^/]*\.js$/.test(r.url())) chunks.push(r.url());
    });
    opened.page.on('websocket', (ws) => sockets.push(ws.url()));
    await opened.page.goto(world.pages.url('plain'));
    const key = await opened.page.locator('script[src$="/widget.js"]').getAttribute('data-bot');
    if (key !== bot.publicKey) throw new Error(`the snippet names ${key}, not the test's bot: ${opened.problems.join(' | ')}`);
    return { ...opened, chunks, sockets };
  }

  const events = (page: Page) => page.evaluate(() => (window as unknown as { events: PageEvent[] }).events);
  const warnings = (problems: string[]) => problems.filter((p) => p.startsWith('console.warning') && p.includes('[CustomChat]'));

  describe('item 2: no bubble where the chat cannot work', () => {
    it('shows no launcher on a site the bot does not allow, names the origin to add, and tells the page', async () => {
      const bot = await newBot({ allowedOrigins: ['https://elsewhere.example'] });
      const { page, context, problems, chunks, sockets } = await openSite(bot);
      const origin = world.pages.origin;
      const heard = await eventually(async () => (await events(page)).find((e) => e.type === 'unavailable'), async () => `the page heard ${JSON.stringify(await events(page))}; problems: ${problems.join(' | ')}`);
      expect(heard.detail).toEqual({ reason: 'origin_not_allowed', origin });
      expect(warnings(problems)).toEqual([
        `console.warning: [CustomChat] ${origin} is not an allowed site of bot ${bot.publicKey}: add it to the bot's Allowed websites in the console`,
      ]);
      expect(await page.locator(sel.root).count()).toBe(0);
      // The page asks to open: nothing (no chunk, no socket, no panel).
      await page.evaluate(() => (window as unknown as { CustomChat: (c: string) => void }).CustomChat('open'));
      expect(await page.locator(sel.root).count()).toBe(0);
      expect(chunks).toEqual([]);
      expect(sockets).toEqual([]);
      await context.close();
    });

    it('shows no launcher when the bot is switched off, says so once, and tells the page', async () => {
      const bot = await newBot({ enabled: false });
      const { page, context, problems, chunks, sockets } = await openSite(bot, { open: 'true' });
      const heard = await eventually(async () => (await events(page)).find((e) => e.type === 'unavailable'), async () => `the page heard ${JSON.stringify(await events(page))}; problems: ${problems.join(' | ')}`);
      expect(heard.detail).toEqual({ reason: 'bot_disabled', origin: world.pages.origin });
      expect(warnings(problems)).toEqual([`console.warning: [CustomChat] bot ${bot.publicKey} is switched off (or unknown): no chat here`]);
      expect(await page.locator(sel.root).count()).toBe(0);
      expect((await events(page)).map((e) => e.type)).toEqual(['unavailable']); // data-open did not open anything
      expect(chunks).toEqual([]);
      expect(sockets).toEqual([]);
      await context.close();
    });

    it('shows the launcher as before where the bot is on and the site allowed, and the answer reveals nothing more', async () => {
      const bot = await newBot();
      const { page, context, problems } = await openSite(bot);
      await widget(page).launcher.waitFor();
      expect(await events(page)).toEqual([]);
      expect(warnings(problems)).toEqual([]);
      await context.close();

      // What the config answer holds, for an allowed, a foreign and no Origin.
      const answer = async (origin?: string) => {
        const res = await fetch(`${world.backend}/widget/config/${bot.publicKey}`, { headers: origin ? { Origin: origin } : {} });
        expect(res.headers.get('content-type')).toMatch(/javascript/);
        expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
        return res.text();
      };
      expect(await answer(world.pages.origin)).toMatch(/^__customchatConfig\(\{"allowed":true,"enabled":true,"color":"#[0-9a-f]{6}","ink":"#(000|fff)","position":"right"\}\)$/);
      expect(await answer('https://evil.example')).toBe('__customchatConfig({"allowed":false})');
      expect(await answer()).toMatch(/^__customchatConfig\(\{"enabled":true,"color":"#[0-9a-f]{6}","ink":"#(000|fff)","position":"right"\}\)$/);
      const unknown = await fetch(`${world.backend}/widget/config/pk_nobody`, { headers: { Origin: world.pages.origin } });
      expect(await unknown.text()).toBe('__customchatConfig({"enabled":false})');
    });
  });

  describe("item 3: the page's language, then the browser's, then the bot's", () => {
    const controls = async (page: Page) => ({
      launcher: await widget(page).launcher.getAttribute('aria-label'),
      placeholder: await widget(page).input.getAttribute('placeholder'),
    });

    it('speaks English to an English browser on a Chinese bot, Chinese to a Chinese browser on an English one', async () => {
      const zhBot = await newBot({ settings: { locale: 'zh-CN' } });
      const english = await openSite(zhBot, {}, { locale: 'en-US' });
      await openChat(english.page);
      expect(await controls(english.page)).toEqual({ launcher: 'Close chat', placeholder: 'Type a message…' });
      await english.context.close();

      const enBot = await newBot();
      const chinese = await openSite(enBot, {}, { locale: 'zh-CN' });
      await openChat(chinese.page);
      expect(await controls(chinese.page)).toEqual({ launcher: '关闭聊天', placeholder: '输入消息…' });
      await chinese.context.close();
    });

    it("falls back to the bot's language for a browser language the widget does not have, and data-locale wins over both", async () => {
      const zhBot = await newBot({ settings: { locale: 'zh-CN' } });
      const french = await openSite(zhBot, {}, { locale: 'fr-FR' }, ["Object.defineProperty(Navigator.prototype, 'languages', { get: () => ['fr-FR', 'de'] });"]);
      await openChat(french.page);
      expect((await controls(french.page)).placeholder).toBe('输入消息…');
      await french.context.close();

      const chosen = await openSite(zhBot, { locale: 'en' }, { locale: 'zh-CN' });
      await openChat(chosen.page);
      expect(await controls(chosen.page)).toEqual({ launcher: 'Close chat', placeholder: 'Type a message…' });
      await chosen.context.close();
    });
  });

  it('item 6: thumbs down asks what went wrong, and the comment is stored with the rating', async () => {
    world.simulator.configure({ reply: () => 'Drink sea water when thirsty.' });
    const { page, context } = await world.openHostPage('plain');
    await openChat(page);
    await sendMessage(page, 'What should I drink?');
    await waitForLastReply(page);
    const reply = widget(page).lastAssistant;
    await reply.locator(sel.down).click();
    const form = reply.locator('form');
    await form.waitFor();
    expect(await form.locator('label').textContent()).toContain('What went wrong? (optional)');
    await form.locator('textarea').fill('Sea water is not safe to drink.');
    await form.locator('button[type="submit"]').click();
    await reply.getByText('Thanks for telling us.').waitFor();
    expect(await form.count()).toBe(0);
    expect(await reply.locator(sel.down).getAttribute('aria-pressed')).toBe('true');

    const stored = await eventually(async () => {
      for (const { id } of await transcripts(world)) {
        const one = await world.api<{ messages: Array<{ text: string; feedback?: string; feedbackComment?: string | null }> }>('GET', `/api/conversations/${id}`);
        const rated = one.body.messages.find((m) => m.text === 'Drink sea water when thirsty.' && m.feedbackComment);
        if (rated) return rated;
      }
      return undefined;
    }, () => 'no stored comment');
    expect(stored).toMatchObject({ feedback: 'down', feedbackComment: 'Sea water is not safe to drink.' });

    // Thumbs down without a word is a rating all the same: the question can be left unanswered.
    await sendMessage(page, 'And to eat?');
    await waitForLastReply(page);
    await widget(page).lastAssistant.locator(sel.down).click();
    await widget(page).lastAssistant.locator('form').waitFor();
    expect(await widget(page).lastAssistant.locator(sel.down).getAttribute('aria-pressed')).toBe('true');
    await context.close();
  });

  describe('item 7: errors name the number', () => {
    it('counts the characters as the visitor nears the bot’s limit, and will not send past it', async () => {
      const bot = await newBot({ settings: { maxMessageLength: 50 } });
      const { page, context } = await openSite(bot);
      await openChat(page);
      const counter = page.locator('.cc-count');
      await widget(page).input.fill('x'.repeat(30));
      expect(await counter.count()).toBe(0);
      await widget(page).input.fill('x'.repeat(45));
      expect((await counter.textContent())?.trim()).toBe('45/50');
      expect(await widget(page).send.isEnabled()).toBe(true);
      await widget(page).input.fill('这'.repeat(52));
      expect((await counter.textContent())?.trim()).toBe('52/50 At most 50 characters.');
      expect(await counter.getAttribute('role')).toBe('alert');
      expect(await widget(page).send.isDisabled()).toBe(true);
      await widget(page).input.press('Enter');
      expect(await widget(page).users.count()).toBe(0);
      await context.close();
    });

    it('says how long to wait when the visitor is sending too quickly', async () => {
      const bot = await newBot({ settings: { visitorMessagesPerMinute: 1 } });
      world.simulator.configure({ reply: () => 'One answer a minute.' });
      const { page, context } = await openSite(bot);
      await openChat(page);
      await sendMessage(page, 'First');
      await waitForLastReply(page);
      await widget(page).input.fill('Second');
      await widget(page).input.press('Enter');
      const error = page.locator('[data-testid="cc-error"]');
      await error.waitFor({ timeout: 10_000 });
      const text = (await error.textContent()) ?? '';
      const seconds = Number(/^You are sending messages too quickly\. Try again in (\d+) s\.$/.exec(text)?.[1]);
      expect({ text, plausible: seconds > 0 && seconds <= 60 }).toEqual({ text, plausible: true });
      await context.close();
    });
  });

  it('item 10: data-offset lifts the bubble above a cookie bar on a phone, and CustomChat("offset", px) moves it', async () => {
    const bot = await newBot();
    const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
    const { page, context } = await openSite(bot, { offset: String(COOKIE_BAR_PX) }, phone);
    await widget(page).launcher.waitFor();
    const rects = () => page.evaluate(() => {
      const bar = document.getElementById('cookie-bar')!.getBoundingClientRect();
      const bubble = document.querySelector('#customchat-root')!.shadowRoot!.querySelector('[data-testid="cc-launcher"]')!.getBoundingClientRect();
      return { barTop: bar.top, bubbleBottom: bubble.bottom };
    });
    const lifted = await rects();
    expect(lifted.bubbleBottom).toBe(844 - 20 - COOKIE_BAR_PX);
    expect(lifted.bubbleBottom).toBeLessThanOrEqual(lifted.barTop);
    // The bar's own button can be pressed: the bubble is not over it.
    await page.locator('#cookie-bar button').click({ trial: true });

    // The visitor accepts the cookies, the bar goes: the page puts the bubble back down.
    await page.evaluate(() => (window as unknown as { CustomChat: (c: string, px: number) => void }).CustomChat('offset', 0));
    await eventually(async () => (await rects()).bubbleBottom === 844 - 20, async () => `the bubble's bottom is at ${(await rects()).bubbleBottom}`);
    await context.close();

    // On a desktop the open panel sits above the lifted bubble.
    const desktop = await openSite(bot, { offset: '100' });
    await openChat(desktop.page);
    const gap = await inShadow(desktop.page, (root) => {
      const panel = root.querySelector('[data-testid="cc-panel"]')!.getBoundingClientRect();
      const bubble = root.querySelector('[data-testid="cc-launcher"]')!.getBoundingClientRect();
      return { panelBottom: panel.bottom, bubbleTop: bubble.top, height: innerHeight };
    });
    expect(gap.panelBottom).toBe(gap.height - 88 - 100);
    expect(gap.panelBottom).toBeLessThan(gap.bubbleTop);
    await waitReady(desktop.page);
    await desktop.context.close();
  });
});
