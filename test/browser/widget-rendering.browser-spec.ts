import type { Page } from 'playwright-core';
import { describeWithChromium } from './support';
import {
  inShadow, openChat, sel, sendMessage, withWidgetWorld, waitForLastReply, widget, type OpenedPage, type WidgetWorld,
} from './widget-world';

/**
 * Issue 4: replies render as Markdown, safely (nothing a model or a visitor writes runs as code),
 * and streaming never moves the conversation under the visitor's eyes.
 */

const MARKDOWN = [
  'First paragraph with **bold words** and *leaning words* and `inline code`.',
  '',
  'Second paragraph.',
  '',
  '- apple',
  '- banana',
  '',
  '1. one',
  '2. two',
  '',
  '```js',
  'const answer = 42;',
  '```',
  '',
  '| Herb | Use |',
  '| --- | --- |',
  '| Ginger | Warming |',
  '',
  'See [x](https://example.com) for more.',
].join('\n');

const XSS = [
  'Payloads follow.',
  '',
  '<script>alert(1)</script>',
  '',
  '<img src=x onerror=alert(1)>',
  '',
  '<img src=x onerror="window.__pwned = 1">',
  '',
  '[click](javascript:alert(1))',
  '',
  '[click2](JaVaScRiPt:window.__pwned=2)',
  '',
  '<a href="javascript:alert(1)">a</a>',
  '',
  '&lt;b&gt;',
  '',
  '<svg onload=alert(1)>',
  '',
  '<iframe src="javascript:alert(1)"></iframe>',
  '',
  '<b onmouseover=alert(1)>hover</b>',
  '',
  '![img](javascript:alert(1))',
  '',
  'The end.',
].join('\n');

/** Every element (shadow root and page) carrying an on* attribute or a javascript: URL. */
async function dangerous(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const roots: Array<Document | ShadowRoot> = [document];
    const shadow = document.querySelector('#customchat-root')?.shadowRoot;
    if (shadow) roots.push(shadow);
    const found: string[] = [];
    for (const root of roots) {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        for (const attr of Array.from(el.attributes)) {
          const value = attr.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
          if (attr.name.toLowerCase().startsWith('on')) found.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value}">`);
          else if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(attr.name.toLowerCase()) && value.startsWith('javascript:')) {
            found.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value}">`);
          }
        }
      }
    }
    return found;
  });
}

describeWithChromium('the widget renders replies as safe Markdown and keeps its scroll (issue 4)', () => {
  let world: WidgetWorld;
  withWidgetWorld((w) => (world = w));

  it('renders Markdown in replies: paragraphs, emphasis, code, lists, a table and a safe link', async () => {
    world.simulator.configure({ reply: () => MARKDOWN });
    const { page, context } = await world.openHostPage('plain');
    await openChat(page);
    await sendMessage(page, 'Show me some Markdown');
    await waitForLastReply(page);

    const rendered = async () =>
      inShadow(page, (root) => {
        const all = root.querySelectorAll('[data-testid="cc-message"][data-role="assistant"]');
        const body = all[all.length - 1]?.querySelector('.cc-body');
        if (!body) return null;
        const texts = (s: string) => Array.from(body.querySelectorAll(s)).map((e) => (e.textContent ?? '').trim());
        const link = body.querySelector('a');
        return {
          p: body.querySelectorAll('p').length,
          strong: texts('strong, b'),
          em: texts('em, i'),
          inlineCode: texts(':not(pre) > code'),
          pre: texts('pre'),
          ul: texts('ul > li'),
          ol: texts('ol > li'),
          th: texts('table th'),
          td: texts('table td'),
          link: link && { href: link.getAttribute('href'), target: link.getAttribute('target'), rel: link.getAttribute('rel'), text: link.textContent },
          text: body.textContent ?? '',
        };
      });
    const r = await rendered();
    expect(r).not.toBeNull();
    expect(r!.p).toBeGreaterThanOrEqual(2);
    expect(r!.strong).toEqual(['bold words']);
    expect(r!.em).toEqual(['leaning words']);
    expect(r!.inlineCode).toEqual(['inline code']);
    expect(r!.pre).toHaveLength(1);
    expect(r!.pre[0]).toContain('const answer = 42;');
    expect(r!.ul).toEqual(['apple', 'banana']);
    expect(r!.ol).toEqual(['one', 'two']);
    expect(r!.th).toEqual(['Herb', 'Use']);
    expect(r!.td).toEqual(['Ginger', 'Warming']);
    expect(r!.link).toEqual({ href: expect.stringMatching(/^https:\/\/example\.com\/?$/), target: '_blank', rel: 'noopener noreferrer', text: 'x' });
    // No Markdown syntax left over as text.
    expect(r!.text).not.toMatch(/\*\*|```|\| --- \||\]\(/);

    // A reply from history (after a reload) renders the same way.
    await page.reload();
    await openChat(page);
    await waitForLastReply(page);
    expect(await rendered()).toEqual(r);
    await context.close();
  });

  it("runs nothing from a reply's or a visitor's text: no dialog, no on* attribute, no javascript: URL", async () => {
    world.simulator.configure({ reply: () => XSS });
    const opened: OpenedPage = await world.openHostPage('plain');
    const { page, context, dialogs } = opened;
    await openChat(page);
    // The visitor's own text is hostile too.
    await sendMessage(page, '<img src=x onerror=alert(2)> <script>alert(3)</script> [me](javascript:alert(4))');
    await waitForLastReply(page);
    await page.waitForTimeout(500); // an onerror would have fired by now

    expect(await dangerous(page)).toEqual([]);
    const bodies = await inShadow(page, (root) => {
      const of = (s: string) => {
        const all = root.querySelectorAll(s);
        return all[all.length - 1]?.querySelector('.cc-body') ?? null;
      };
      const reply = of('[data-testid="cc-message"][data-role="assistant"]')!;
      const user = of('[data-testid="cc-message"][data-role="user"]')!;
      const bad = 'script, iframe, object, embed, svg, img, b, form, input, style, link, meta, base';
      return {
        replyText: reply.textContent ?? '',
        userText: user.textContent ?? '',
        replyElements: Array.from(reply.querySelectorAll(bad)).map((e) => e.outerHTML),
        userElements: Array.from(user.querySelectorAll(bad)).map((e) => e.outerHTML),
      };
    });
    expect(bodies.replyElements).toEqual([]);
    expect(bodies.userElements).toEqual([]);
    expect(bodies.replyText).toContain('<script>alert(1)</script>');
    expect(bodies.replyText).toContain('The end.');
    expect(bodies.userText).toContain('<script>alert(3)</script>');
    expect(bodies.userText).toContain('<img src=x onerror=alert(2)>');

    // Clicking what looks like a link does nothing dangerous either.
    for (const text of ['click', 'click2']) {
      const link = page.locator(`${sel.assistant} ${sel.body} a`, { hasText: new RegExp(`^${text}$`) });
      if (await link.count()) await link.first().click({ modifiers: [] }).catch(() => undefined);
    }
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await context.close();
  });

  describe('while a long reply streams', () => {
    /** Many short paragraphs, so the list overflows early and keeps growing for seconds. */
    const LONG = Array.from({ length: 70 }, (_, i) => `Line ${i + 1} of a long answer.`).join('\n\n');

    async function scroller(page: Page) {
      return inShadow(page, (root) => {
        const first = root.querySelector('[data-testid="cc-message"]');
        for (let el = first?.parentElement; el; el = el.parentElement) {
          const oy = getComputedStyle(el).overflowY;
          if (oy === 'auto' || oy === 'scroll') {
            const r = el.getBoundingClientRect();
            return {
              top: el.scrollTop, height: el.scrollHeight, client: el.clientHeight, gap: el.scrollHeight - el.scrollTop - el.clientHeight,
              centre: { x: r.left + r.width / 2, y: r.top + r.height / 2 },
            };
          }
        }
        return null;
      });
    }

    async function startLongReply(page: Page): Promise<void> {
      await openChat(page);
      // Enough history to scroll back to.
      await sendMessage(page, 'Tell me a long story');
      await page.locator(`${sel.assistant}[data-status="streaming"]`).waitFor({ timeout: 10_000 });
      // Wait until the list really overflows.
      await page.waitForFunction(
        () => {
          const root = document.querySelector('#customchat-root')!.shadowRoot!;
          const first = root.querySelector('[data-testid="cc-message"]');
          for (let el = first?.parentElement; el; el = el.parentElement) {
            const oy = getComputedStyle(el).overflowY;
            if (oy === 'auto' || oy === 'scroll') return el.scrollHeight > el.clientHeight + 300;
          }
          return false;
        },
        null,
        { timeout: 15_000 },
      );
    }

    it('follows the new text while the visitor is at the bottom', async () => {
      world.simulator.configure({ reply: () => LONG, ttftMs: 50, tokensPerSecond: 100, azureTokensPerChunk: 1 });
      const { page, context } = await world.openHostPage('plain');
      await startLongReply(page);
      const samples: number[] = [];
      for (let i = 0; i < 8; i++) {
        await page.waitForTimeout(150);
        const s = await scroller(page);
        if (s) samples.push(s.gap);
      }
      expect(await widget(page).lastAssistant.getAttribute('data-status')).toBe('streaming');
      // Within a line or two of the end every time we look (a delta may land between two frames).
      expect(samples.filter((gap) => gap > 80)).toEqual([]);
      await waitForLastReply(page);
      await page.waitForTimeout(200);
      expect((await scroller(page))!.gap).toBeLessThanOrEqual(2);
      await context.close();
    });

    it('stays where the visitor scrolled up to, and follows again once they are back at the bottom', async () => {
      world.simulator.configure({ reply: () => LONG, ttftMs: 50, tokensPerSecond: 100, azureTokensPerChunk: 1 });
      const { page, context } = await world.openHostPage('plain');
      await startLongReply(page);

      // The visitor scrolls up with the wheel, over the conversation.
      const { centre } = (await scroller(page))!;
      await page.mouse.move(centre.x, centre.y);
      await page.mouse.wheel(0, -250);
      // Let a smooth wheel scroll settle: the same position twice in a row.
      let left = await scroller(page);
      for (let i = 0; i < 20; i++) {
        await page.waitForTimeout(100);
        const now = await scroller(page);
        if (Math.round(now!.top) === Math.round(left!.top)) break;
        left = now;
      }
      expect(left!.gap).toBeGreaterThan(150);

      const seen: number[] = [];
      for (let i = 0; i < 8; i++) {
        await page.waitForTimeout(150);
        seen.push((await scroller(page))!.top);
      }
      const after = await scroller(page);
      expect(await widget(page).lastAssistant.getAttribute('data-status')).toBe('streaming');
      expect(after!.height).toBeGreaterThan(left!.height); // the reply kept growing...
      expect(seen.map((top) => Math.round(top - left!.top))).toEqual(seen.map(() => 0)); // ...and nothing moved

      // Back at the bottom: it follows again.
      await page.mouse.wheel(0, 100_000);
      await page.waitForTimeout(300);
      await waitForLastReply(page);
      await page.waitForTimeout(200);
      expect((await scroller(page))!.gap).toBeLessThanOrEqual(2);
      await context.close();
    });
  });
});
