import type { Page } from 'playwright-core';
import { describeWithChromium } from './support';
import {
  bodyText, inShadow, openChat, sel, sendMessage, withWidgetWorld, waitForLastReply, widget, type WidgetWorld,
} from './widget-world';

/**
 * Issue 4: the widget is isolated from the page that embeds it, whatever that page's CSS, CSP,
 * direction or settings; and it leaks nothing into the page. The page is on another origin
 * than the backend, as on a real customer's site.
 */

/** The properties that make a box look like itself (an icon is drawn in `color`). */
const BOX = [
  'width', 'height', 'color', 'background-color', 'border-top-width', 'border-top-style', 'border-top-color',
  'border-radius', 'display', 'position', 'box-sizing', 'padding-top', 'padding-left', 'opacity', 'z-index',
];
/** And those that matter where there is text. */
const TEXT = [...BOX, 'font-size', 'font-family', 'font-weight', 'line-height', 'text-align', 'text-transform', 'letter-spacing'];
/** The elements compared between a plain page and a hostile one, with the properties that matter for each. */
const PARTS: Record<string, [string, string[]]> = {
  launcher: [sel.launcher, BOX],
  'launcher icon': [`${sel.launcher} svg`, BOX],
  panel: [sel.panel, TEXT],
  input: [sel.input, TEXT],
  send: [sel.send, BOX],
  close: [sel.close, BOX],
  'new conversation': [sel.newConversation, BOX],
  'user message body': [`${sel.user} ${sel.body}`, TEXT],
  'assistant message body': [`${sel.assistant} ${sel.body}`, TEXT],
};

async function snapshot(page: Page): Promise<Record<string, Record<string, string>>> {
  return inShadow(page, (root, { parts }) => {
    const out: Record<string, Record<string, string>> = {};
    for (const [name, [selector, props]] of Object.entries(parts)) {
      const el = root.querySelector(selector);
      if (!el) {
        out[name] = { missing: selector };
        continue;
      }
      const cs = getComputedStyle(el);
      out[name] = Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
    }
    return out;
  }, { parts: PARTS });
}

/** Computed styles of the host page's own elements, and its stylesheets. */
async function hostSnapshot(page: Page) {
  return page.evaluate((props) => {
    const of = (el: Element | null) => (el ? Object.fromEntries(props.map((p) => [p, getComputedStyle(el).getPropertyValue(p)])) : null);
    return {
      html: of(document.documentElement),
      body: of(document.body),
      h1: of(document.querySelector('h1')),
      text: of(document.querySelector('#host-text')),
      button: of(document.querySelector('#host-button')),
      div: of(document.querySelector('#host-div')),
      styleSheets: document.styleSheets.length,
      adopted: document.adoptedStyleSheets.length,
      lightDomStyles: Array.from(document.querySelectorAll('style, link[rel=stylesheet]')).map((s) => s.outerHTML.slice(0, 80)),
    };
  }, [...TEXT, 'margin-top', 'margin-left', 'outline-style', 'cursor', 'transform', 'filter']);
}

/** Opens `name`, opens the chat, does one turn; returns the page. */
async function chatOn(world: WidgetWorld, name: 'plain' | 'hostile' | 'rtl', query?: Record<string, string>) {
  const opened = await world.openHostPage(name, { query });
  await openChat(opened.page);
  await sendMessage(opened.page, 'Hello from the host page');
  await waitForLastReply(opened.page);
  return opened;
}

const CSP_RECORDER = `
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + (e.sample ? ' (' + e.sample + ')' : ''));
  }, true);
`;

describeWithChromium('the widget is isolated from the page that embeds it (issue 4)', () => {
  let world: WidgetWorld;
  withWidgetWorld((w) => (world = w));

  beforeEach(() => world.simulator.configure({ reply: () => 'The widget answers in its own style.' }));

  describe('on a page with aggressive global CSS', () => {
    let plain: Awaited<ReturnType<typeof chatOn>>;
    let hostile: Awaited<ReturnType<typeof chatOn>>;
    let mine: Awaited<ReturnType<typeof snapshot>>;
    let theirs: Awaited<ReturnType<typeof snapshot>>;

    beforeAll(async () => {
      world.simulator.configure({ reply: () => 'The widget answers in its own style.' });
      plain = await chatOn(world, 'plain');
      hostile = await chatOn(world, 'hostile');
      [mine, theirs] = [await snapshot(plain.page), await snapshot(hostile.page)];
    }, 60_000);

    afterAll(async () => {
      await plain?.context.close();
      await hostile?.context.close();
    });

    it('keeps its own size, font and colours', async () => {
      const h = theirs;
      expect({ width: h.launcher.width, height: h.launcher.height }).toEqual({ width: '56px', height: '56px' });
      expect(h.launcher['background-color']).not.toBe('rgb(255, 0, 0)');
      expect(h.launcher['border-top-width']).not.toBe('5px');
      expect(h['launcher icon'].width).not.toBe('500px');
      expect(h.panel['font-size']).toBe('14px');
      expect(h.panel.color).not.toBe('rgb(255, 0, 0)');
      expect(parseFloat(h.panel.width)).toBeLessThanOrEqual(420);
      expect(h.send['background-color']).not.toBe('rgb(255, 0, 0)');
      expect(h.send['border-top-color']).not.toBe('rgb(0, 255, 0)');
      expect(h.send.width).not.toBe(h.panel.width); // not the page's `width: 100%`
      expect(h.input['font-size']).not.toBe('8px');
      expect(parseFloat(h.input['font-size'])).toBeGreaterThanOrEqual(14);
      expect(h['user message body']['font-size']).toBe('14px');
      expect(h['assistant message body'].color).not.toBe('rgb(255, 0, 0)');
      expect(hostile.dialogs).toEqual([]);
    });

    it("inherits nothing from the page: every part's computed style equals the plain page's", async () => {
      // Inherited properties (font, line-height, colour) reach a shadow tree through its host
      // element unless the widget sets them itself; the page's `* { all: unset; … !important }`
      // beats a plain `:host { all: initial }`.
      const leaks = await inShadow(hostile.page, (root) =>
        Array.from(root.querySelectorAll('*'))
          .filter((el) => (el as HTMLElement).checkVisibility?.() !== false)
          .flatMap((el) => {
            const cs = getComputedStyle(el);
            const name = `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}[${el.getAttribute('data-testid') ?? ''}]`;
            const hasText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()) || el.matches('textarea, input');
            const drawsIcon = el.matches('svg, svg *');
            const problems: string[] = [];
            if ((hasText || drawsIcon) && cs.color === 'rgb(255, 0, 0)') problems.push(`colour ${cs.color}`);
            if (hasText && ['40px', '8px'].includes(cs.fontSize)) problems.push(`font-size ${cs.fontSize}`);
            if (hasText && /Comic Sans/.test(cs.fontFamily)) problems.push(`font-family ${cs.fontFamily}`);
            if (hasText && cs.lineHeight === '120px') problems.push(`line-height ${cs.lineHeight}`);
            if (cs.borderTopStyle !== 'none' && parseFloat(cs.borderTopWidth) > 0 && cs.borderTopColor === 'rgb(0, 255, 0)') problems.push('lime border');
            return problems.length ? [`${name}: ${problems.join(', ')}`] : [];
          }));
      expect(leaks).toEqual([]);
      expect(theirs).toEqual(mine);
    });
  });

  it("leaves the host page's own styles alone", async () => {
    for (const name of ['plain', 'hostile'] as const) {
      // The same page without the widget (its script blocked) is the reference.
      const bare = await world.openHostPage(name, { noNavigate: true });
      await bare.context.route('**/widget.js', (route) => route.abort());
      await bare.page.goto(world.pages.url(name));
      const before = await hostSnapshot(bare.page);
      await bare.context.close();

      const { page, context } = await chatOn(world, name);
      const after = await hostSnapshot(page);
      expect(after).toEqual(before);
      if (name === 'hostile') {
        expect(after.button!['background-color']).toBe('rgb(255, 0, 0)');
        expect(after.button!['border-top-color']).toBe('rgb(0, 255, 0)');
        expect(after.body!['margin-top']).toBe('13px');
      } else {
        expect(after.body!['margin-top']).toBe('8px');
      }
      // The widget adds no stylesheet to the page itself: its CSS lives in the shadow root.
      expect(after.adopted).toBe(0);
      await context.close();
    }
  });

  describe('on a page with a strict Content-Security-Policy', () => {
    /*
     * Measured (Chromium, this widget): with `default-src 'none'`, the widget needs exactly
     *   script-src   the backend's origin, or the 'nonce-…' of the snippet's tag (the loader copies
     *                it to the chat chunk's tag; 'strict-dynamic' works too);
     *   connect-src  ws://host:port (wss:// for an https backend). Neither `http://host:port`
     *                nor 'self' covers a WebSocket URL in Chromium; the widget has no HTTP fallback.
     * No style-src: the styles are constructed stylesheets (adoptedStyleSheets), which CSP does not
     * govern. Nothing else: no img-src, font-src, 'unsafe-eval'. (`require-trusted-types-for
     * 'script'` blocks the loader's `script.src` assignment: the widget does not support Trusted Types.)
     */
    const policies: Array<[string, string, boolean]> = [
      ['minimal nonce-based', "default-src 'none'; script-src 'nonce-{nonce}'; connect-src {ws}", true],
      ['nonce-based with strict-dynamic', "default-src 'none'; script-src 'nonce-{nonce}' 'strict-dynamic'; style-src 'nonce-{nonce}'; connect-src {ws}; object-src 'none'; base-uri 'none'", true],
      ['minimal host-based (no nonce on the tag)', "default-src 'none'; script-src {backend}; connect-src {ws}", false],
    ];
    it.each(policies)('works end to end with a %s policy and no violation', async (_name, policy, withNonce) => {
      const { page, context, problems } = await world.openHostPage('csp', { query: { policy, nonce: withNonce ? undefined : '0' }, initScripts: [CSP_RECORDER] });
      await openChat(page);
      await sendMessage(page, 'Hello under CSP');
      await waitForLastReply(page);
      expect(await bodyText(widget(page).lastAssistant)).toBe('The widget answers in its own style.');
      // Styled, not just working: blocked <style> elements leave a working but unstyled widget.
      const launcher = await inShadow(page, (root) => {
        const cs = getComputedStyle(root.querySelector('[data-testid="cc-launcher"]')!);
        return { width: cs.width, position: cs.position };
      });
      expect(launcher).toEqual({ width: '56px', position: 'fixed' });
      expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
      expect(problems.filter((p) => /Content Security Policy/i.test(p))).toEqual([]);
      await context.close();
    });
  });

  it('works on a right-to-left page and lays the panel out without overflow', async () => {
    const { page, context } = await chatOn(world, 'rtl');
    const layout = await inShadow(page, (root) => {
      const panel = root.querySelector<HTMLElement>('[data-testid="cc-panel"]')!;
      const p = panel.getBoundingClientRect();
      // Visually hidden helpers (the screen-reader-only live region: 1×1 px, clipped) take no room.
      const shown = (el: HTMLElement) => el.checkVisibility() && el.getClientRects().length > 0 && el.offsetWidth > 1 && el.offsetHeight > 1;
      const outside = Array.from(panel.querySelectorAll<HTMLElement>('*'))
        .filter(shown)
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && (r.left < p.left - 1 || r.right > p.right + 1);
        })
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
      const overflowing = [panel, ...Array.from(panel.querySelectorAll<HTMLElement>('*'))]
        .filter((el) => shown(el) && getComputedStyle(el).overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
      return { panel: { left: p.left, right: p.right, top: p.top, bottom: p.bottom }, vw: innerWidth, vh: innerHeight, outside, overflowing };
    });
    expect(layout.panel.left).toBeGreaterThanOrEqual(0);
    expect(layout.panel.right).toBeLessThanOrEqual(layout.vw);
    expect(layout.panel.top).toBeGreaterThanOrEqual(0);
    expect(layout.panel.bottom).toBeLessThanOrEqual(layout.vh);
    expect(layout.outside).toEqual([]);
    expect(layout.overflowing).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    await context.close();
  });

  it('puts the launcher and the panel on the left with data-position="left"', async () => {
    const { page, context } = await world.openHostPage('plain', { query: { position: 'left' } });
    await openChat(page);
    const vw = 1280;
    const launcher = (await widget(page).launcher.boundingBox())!;
    const panel = (await widget(page).panel.boundingBox())!;
    expect(launcher.x + launcher.width).toBeLessThan(vw / 2);
    expect(panel.x).toBeLessThan(vw / 2);
    expect(panel.x + panel.width).toBeLessThan(vw / 2);
    await context.close();

    // And on the right by default, so the attribute is what moved them.
    const other = await world.openHostPage('plain');
    await openChat(other.page);
    const right = (await widget(other.page).launcher.boundingBox())!;
    const rightPanel = (await widget(other.page).panel.boundingBox())!;
    expect(right.x).toBeGreaterThan(vw / 2);
    expect(rightPanel.x).toBeGreaterThan(vw / 2);
    await other.context.close();
  });

  it('takes data-z-index for the launcher and keeps the panel above it', async () => {
    const { page, context } = await world.openHostPage('plain', { query: { 'z-index': 123 } });
    await openChat(page);
    const z = await inShadow(page, (root) => ({
      launcher: getComputedStyle(root.querySelector('[data-testid="cc-launcher"]')!).zIndex,
      panel: getComputedStyle(root.querySelector('[data-testid="cc-panel"]')!).zIndex,
    }));
    expect(z.launcher).toBe('123');
    expect(Number(z.panel)).toBeGreaterThanOrEqual(123);
    await context.close();
  });
});
