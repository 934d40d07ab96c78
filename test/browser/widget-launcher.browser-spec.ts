import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describeWithChromium } from './support';
import { eventually, inShadow, openChat, plainReply, sel, sendMessage, waitForLastReply, widget, withWidgetWorld, type WidgetWorld } from './widget-world';

/**
 * Issue 16, widget items 1 and 4: the launcher as the loader draws it — in the bot's colour and
 * corner from the first paint, before the chat chunk — and what it shows of a reply that arrives
 * while the panel is closed (a badge with the count, a preview, an optional chime).
 */

const ORANGE = '#f97316';

/**
 * Before the page's scripts: the launcher's computed look the moment the loader puts its host in
 * the page (a mutation callback runs before the next paint), and every chime the widget plays.
 */
const FIRST_PAINT = `
  window.__firstPaint = null;
  window.__chimes = 0;
  const Real = window.AudioContext;
  window.AudioContext = function () { window.__chimes++; return new Real(); };
  new MutationObserver(function (records, observer) {
    const host = document.getElementById('customchat-root');
    const button = host && host.shadowRoot && host.shadowRoot.querySelector('.cc-launcher');
    if (!button) return;
    const style = getComputedStyle(button);
    const box = button.getBoundingClientRect();
    window.__firstPaint = { background: style.backgroundColor, color: style.color, left: box.left, right: innerWidth - box.right };
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
`;

type FirstPaint = { background: string; color: string; left: number; right: number };
const firstPaint = (page: Page) => page.evaluate(() => (window as unknown as { __firstPaint: FirstPaint | null }).__firstPaint);
const chimes = (page: Page) => page.evaluate(() => (window as unknown as { __chimes: number }).__chimes);

describeWithChromium('the launcher (issue 16 widget items 1 and 4)', () => {
  let world: WidgetWorld;
  withWidgetWorld((w) => (world = w));

  it('serves every chat module of the build as JavaScript, open to any origin, cached a year', async () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'dist', 'widget', 'manifest.json'), 'utf8')) as { chat: string; open: string[]; lazy: string[] };
    expect(manifest.open).toContain(manifest.chat);
    expect(manifest.lazy.length).toBeGreaterThan(0);
    for (const file of [...manifest.open, ...manifest.lazy]) {
      const res = await fetch(`${world.backend}/widget/${file}`, { headers: { Origin: world.pages.origin } });
      expect([file, res.status]).toEqual([file, 200]);
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
  });

  describe("item 1: the bot's colour and corner from the first paint", () => {
    afterAll(() => world.updateBot({ settings: { color: '#0f766e', position: 'right' } }));

    it('draws an orange bot’s launcher orange, on the left it is set to, with no chat chunk loaded', async () => {
      await world.updateBot({ settings: { color: ORANGE, position: 'left' } });
      const { page, context } = await world.openHostPage('plain', { noNavigate: true, initScripts: [FIRST_PAINT] });
      // The chat chunk never arrives: whatever colour the launcher has is the loader's doing.
      const chunks: string[] = [];
      await context.route('**/widget/chat-*.js', (route) => {
        chunks.push(route.request().url());
        return route.abort();
      });
      await page.goto(world.pages.url('plain'));
      await widget(page).launcher.waitFor();
      const first = await firstPaint(page);
      expect(first).toMatchObject({ background: 'rgb(249, 115, 22)', color: 'rgb(0, 0, 0)' });
      expect(first!.left).toBe(20);
      expect(first!.right).toBeGreaterThan(600);
      // Still so once the loader would have had the chat (it is idle-loaded, and refused here).
      await eventually(() => chunks.length > 0, () => 'the loader never asked for the chat');
      expect(await widget(page).launcher.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(249, 115, 22)');
      await context.close();
    });

    it('puts it on the right for a right-hand bot, and the snippet’s data-position wins over the bot', async () => {
      await world.updateBot({ settings: { color: '#1e3a8a', position: 'right' } });
      const right = await world.openHostPage('plain', { initScripts: [FIRST_PAINT] });
      await widget(right.page).launcher.waitFor();
      expect(await firstPaint(right.page)).toMatchObject({ background: 'rgb(30, 58, 138)', color: 'rgb(255, 255, 255)', right: 20 });
      await right.context.close();

      const pinned = await world.openHostPage('plain', { query: { position: 'left' }, initScripts: [FIRST_PAINT] });
      await widget(pinned.page).launcher.waitFor();
      expect(await firstPaint(pinned.page)).toMatchObject({ background: 'rgb(30, 58, 138)', left: 20 });
      await pinned.context.close();
    });
  });

  describe('item 4: a reply that arrives while the panel is closed', () => {
    const badge = (page: Page) => page.locator('[data-testid="cc-unread"]');
    const preview = (page: Page) => page.locator('[data-testid="cc-preview"]');

    /** Opens the chat, sends, and closes the panel while the reply still streams; returns the reply's text. */
    async function closeBeforeTheReply(page: Page): Promise<string> {
      const reply = `Your order ships **tomorrow**. ${plainReply(40)}`;
      world.simulator.configure({ reply: () => reply, ttftMs: 300, tokensPerSecond: 25 });
      await openChat(page);
      await sendMessage(page, 'When does my order ship?');
      await widget(page).launcher.click();
      await widget(page).panel.waitFor({ state: 'hidden' });
      // Nothing yet: the reply has not ended.
      expect(await page.locator(sel.assistant).last().getAttribute('data-status')).toBe('streaming');
      expect(await badge(page).count()).toBe(0);
      return reply;
    }

    it('counts it on a badge named for screen readers, previews it politely, and clears both when opened', async () => {
      const { page, context } = await world.openHostPage('plain', { initScripts: [FIRST_PAINT] });
      await closeBeforeTheReply(page);
      await badge(page).waitFor({ timeout: 20_000 });
      expect(await badge(page).textContent()).toBe('1');
      expect(await badge(page).getAttribute('aria-label')).toBe('1 unread message');
      // The launcher is described by the badge, so its name says there is something to read.
      expect(await widget(page).launcher.getAttribute('aria-describedby')).toBe('cc-unread');
      await eventually(async () => (await preview(page).textContent())?.startsWith('Your order ships tomorrow.'), async () => `preview: ${await preview(page).textContent()}`);
      expect(await preview(page).getAttribute('role')).toBe('status'); // a polite live region
      expect((await preview(page).textContent())!.length).toBeLessThanOrEqual(90);
      // On the launcher, above it, inside the viewport.
      const [bubble, count, card] = await Promise.all([widget(page).launcher, badge(page), preview(page)].map((l) => l.boundingBox()));
      expect(count!.y).toBeLessThan(bubble!.y + 10);
      expect(count!.x + count!.width).toBeGreaterThan(bubble!.x + bubble!.width - 10);
      expect(card!.y + card!.height).toBeLessThanOrEqual(bubble!.y);
      // No sound unless the page asks for it.
      expect(await chimes(page)).toBe(0);

      // Clicking the preview opens the panel on the reply; badge and preview are gone.
      await preview(page).locator('button').click();
      await widget(page).panel.waitFor();
      expect(await waitForLastReply(page)).toBe('complete');
      await eventually(async () => (await badge(page).count()) === 0 && (await preview(page).count()) === 0, () => 'the badge stayed after opening');
      expect(await widget(page).launcher.getAttribute('aria-describedby')).toBeNull();
      await context.close();
    });

    it('speaks Chinese on a Chinese page, and chimes with data-sound="true"', async () => {
      const { page, context } = await world.openHostPage('plain', { query: { locale: 'zh-CN', sound: 'true' }, initScripts: [FIRST_PAINT] });
      await closeBeforeTheReply(page);
      await badge(page).waitFor({ timeout: 20_000 });
      expect(await badge(page).getAttribute('aria-label')).toBe('1 条未读消息');
      expect(await preview(page).getAttribute('lang')).toBe('zh-CN');
      await eventually(async () => (await chimes(page)) === 1, async () => `chimes: ${await chimes(page)}`);
      // Opening with the launcher clears it too.
      await widget(page).launcher.click();
      await widget(page).panel.waitFor();
      await eventually(async () => (await badge(page).count()) === 0, () => 'the badge stayed after opening');
      expect(await inShadow(page, (root) => root.querySelector('.cc-preview') === null)).toBe(true);
      await context.close();
    });
  });
});
