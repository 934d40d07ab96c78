import type { Page } from 'playwright-core';
import { describeWithChromium } from './support';
import {
  eventually, inShadow, openChat, plainReply, sel, sendMessage, withWidgetWorld, transcripts, waitForLastReply, waitReady, widget, type WidgetWorld,
} from './widget-world';

/**
 * Issue 4: the widget is accessible. A keyboard alone can use it, every control has a name,
 * focus is visible, reduced motion is honoured, screen readers hear each reply once (not token by
 * token), and text on the bot's colour stays readable whatever that colour.
 */

/** What has the focus: a widget part's data-testid (or tag), or the page element's tag#id. */
async function focused(page: Page): Promise<{ where: 'widget' | 'page'; id: string; visible: boolean }> {
  return page.evaluate(() => {
    const host = document.querySelector('#customchat-root');
    const active = document.activeElement;
    if (active && active === host) {
      const inner = host.shadowRoot?.activeElement as HTMLElement | null;
      if (!inner) return { where: 'widget' as const, id: '(shadow host)', visible: false };
      const cs = getComputedStyle(inner);
      const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
      const ring = cs.boxShadow !== 'none';
      return {
        where: 'widget' as const,
        id: inner.dataset.testid ?? `${inner.tagName.toLowerCase()}.${inner.className}`,
        visible: inner.matches(':focus-visible') && (outline || ring),
      };
    }
    return { where: 'page' as const, id: active ? `${active.tagName.toLowerCase()}#${active.id}` : 'none', visible: true };
  });
}

/** Tabs until `testid` has the focus (at most `max` presses); returns the trail. */
async function tabTo(page: Page, testid: string, max = 30, key = 'Tab'): Promise<string[]> {
  const trail: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    trail.push(f.id);
    if (f.id === testid) return trail;
  }
  throw new Error(`${testid} never got the focus with ${key}; focus went: ${trail.join(' → ')}`);
}

/** WCAG contrast ratio of two computed colours (`rgb(…)`/`rgba(…)`), alpha blended over `under`. */
function contrast(fg: string, bg: string, under = 'rgb(255, 255, 255)'): number {
  const parse = (c: string) => {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) throw new Error(`not a computed colour: ${c}`);
    const [r, g, b, a = 1] = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const flatten = (c: string, base: { r: number; g: number; b: number }) => {
    const { r, g, b, a } = parse(c);
    return { r: r * a + base.r * (1 - a), g: g * a + base.g * (1 - a), b: b * a + base.b * (1 - a) };
  };
  const base = flatten(under, { r: 255, g: 255, b: 255 });
  const back = flatten(bg, base);
  const front = flatten(fg, back);
  const lum = ({ r, g, b }: { r: number; g: number; b: number }) => {
    const ch = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
  };
  const [l1, l2] = [lum(front), lum(back)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

const hexToRgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

/** Records every text the polite live region holds, in the page. */
const LIVE_RECORDER = `
  window.__live = [];
  (function watch() {
    const root = document.querySelector('#customchat-root') && document.querySelector('#customchat-root').shadowRoot;
    if (!root) return setTimeout(watch, 10);
    let last = null;
    const record = () => {
      const live = root.querySelector('[data-testid="cc-live"]');
      const text = live ? live.textContent : null;
      if (text !== last) { window.__live.push(text); last = text; }
    };
    new MutationObserver(record).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    record();
  })();
`;

describeWithChromium('the widget is accessible (issue 4)', () => {
  let world: WidgetWorld;
  withWidgetWorld((w) => (world = w));

  it('can be used with the keyboard alone, with the focus always visible', async () => {
    world.simulator.configure({ reply: () => 'Answered for keyboard users.' });
    const { page, context } = await world.openHostPage('plain');
    const launcher = widget(page).launcher;

    // Tab from the top of the page reaches the launcher, which shows its focus.
    await tabTo(page, 'cc-launcher');
    expect(await focused(page)).toEqual({ where: 'widget', id: 'cc-launcher', visible: true });
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    expect((await launcher.getAttribute('aria-label'))?.trim()).toBeTruthy();

    // Enter opens; the focus lands in the input.
    await page.keyboard.press('Enter');
    await waitReady(page);
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    expect(await widget(page).panel.getAttribute('role')).toBe('dialog');
    expect((await focused(page)).id).toBe('cc-input');

    // Type and Enter sends.
    await page.keyboard.type('Hello by keyboard');
    await page.keyboard.press('Enter');
    await waitForLastReply(page);
    expect((await widget(page).lastUser.textContent())?.trim()).toContain('Hello by keyboard');

    // With a draft in the input, Tab reaches every control, each with a visible focus.
    await page.keyboard.type('a draft');
    const reached = new Map<string, boolean>();
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (f.where === 'widget') reached.set(f.id, f.visible);
    }
    for (const id of ['cc-send', 'cc-new', 'cc-close', 'cc-feedback-up', 'cc-feedback-down', 'cc-input']) {
      expect([id, reached.has(id)]).toEqual([id, true]);
    }
    expect([...reached].filter(([, visible]) => !visible).map(([id]) => id)).toEqual([]);

    // The feedback buttons work from the keyboard and say whether they are pressed.
    const up = widget(page).lastAssistant.locator(sel.up);
    const down = widget(page).lastAssistant.locator(sel.down);
    expect([await up.getAttribute('aria-pressed'), await down.getAttribute('aria-pressed')]).toEqual(['false', 'false']);
    await tabTo(page, 'cc-feedback-up');
    await page.keyboard.press('Enter');
    await eventually(async () => (await up.getAttribute('aria-pressed')) === 'true', async () => `aria-pressed of 👍 is ${await up.getAttribute('aria-pressed')}`, 5_000);
    expect(await down.getAttribute('aria-pressed')).toBe('false');
    await eventually(
      async () => (await transcripts(world)).some((c) => c.messages.some((m) => m.text === 'Answered for keyboard users.' && (m as { feedback?: string }).feedback === 'up')),
      () => 'the server did not store the 👍 given with the keyboard',
      5_000,
    );

    // Escape closes, and the focus goes back to the launcher.
    await tabTo(page, 'cc-input');
    await page.keyboard.press('Escape');
    await widget(page).panel.waitFor({ state: 'hidden', timeout: 5_000 });
    expect(await focused(page)).toMatchObject({ where: 'widget', id: 'cc-launcher' });
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    await context.close();
  });

  it('gives every button, and the input, an accessible name — while streaming and after', async () => {
    world.simulator.configure({ reply: () => plainReply(40), ttftMs: 50, tokensPerSecond: 40 });
    const { page, context } = await world.openHostPage('plain');
    await openChat(page);
    const unnamed = () =>
      inShadow(page, (root) => {
        const nameOf = (el: Element) => {
          const byRef = (el.getAttribute('aria-labelledby') ?? '')
            .split(/\s+/)
            .filter(Boolean)
            .map((id) => root.getElementById(id)?.textContent ?? '')
            .join(' ');
          return (el.getAttribute('aria-label') ?? '').trim() || byRef.trim() || (el.textContent ?? '').trim() || (el.getAttribute('title') ?? '').trim();
        };
        const controls = Array.from(root.querySelectorAll('button, textarea, input, [role="button"]'));
        return {
          count: controls.length,
          unnamed: controls.filter((el) => !nameOf(el)).map((el) => el.outerHTML.slice(0, 120)),
          panel: nameOf(root.querySelector('[data-testid="cc-panel"]')!),
        };
      });

    await sendMessage(page, 'Name every button');
    await page.locator(`${sel.assistant}[data-status="streaming"]`).waitFor({ timeout: 10_000 });
    const streaming = await unnamed();
    expect(streaming.unnamed).toEqual([]);
    expect(await widget(page).stop.count()).toBe(1);
    await waitForLastReply(page);
    const done = await unnamed();
    expect(done.unnamed).toEqual([]);
    expect(done.count).toBeGreaterThanOrEqual(7); // launcher, new, close, input, send, 👍, 👎
    expect(done.panel).not.toBe(''); // the dialog is labelled
    await context.close();
  });

  it('honours prefers-reduced-motion: no transition or animation, on the launcher or in the panel', async () => {
    world.simulator.configure({ reply: () => plainReply(30), ttftMs: 300, tokensPerSecond: 30 });
    const { page, context } = await world.openHostPage('plain', { context: { reducedMotion: 'reduce' } });
    expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(true);
    const motion = () =>
      inShadow(page, (root) => {
        const secs = (v: string) => Math.max(0, ...v.split(',').map((s) => (s.trim().endsWith('ms') ? parseFloat(s) / 1000 : parseFloat(s))));
        const launcher = getComputedStyle(root.querySelector('[data-testid="cc-launcher"]')!);
        return {
          launcherTransition: secs(launcher.transitionDuration),
          launcherAnimation: launcher.animationName === 'none' ? 0 : secs(launcher.animationDuration),
          running: root.getAnimations().filter((a) => a.playState === 'running' && Number(a.effect?.getTiming().duration ?? 0) > 10)
            .map((a) => `${(a as CSSAnimation).animationName ?? (a as CSSTransition).transitionProperty ?? 'animation'} on ${((a.effect as KeyframeEffect)?.target as Element | null)?.className}`),
        };
      });
    await widget(page).launcher.hover();
    await page.waitForTimeout(50);
    const hovered = await motion();
    expect(hovered.launcherTransition).toBeLessThanOrEqual(0.01);
    expect(hovered.launcherAnimation).toBeLessThanOrEqual(0.01);
    expect(hovered.running).toEqual([]);

    await widget(page).launcher.click();
    await page.waitForTimeout(30); // the panel's opening animation, if any, runs now
    expect((await motion()).running).toEqual([]);
    await waitReady(page);
    await sendMessage(page, 'Move nothing');
    await page.locator(`${sel.assistant}[data-status="streaming"]`).waitFor({ timeout: 10_000 });
    expect((await motion()).running).toEqual([]); // no blinking caret or bouncing dots either
    await waitForLastReply(page);
    await context.close();
  });

  describe('screen readers', () => {
    it('hear each reply once, when it is complete — never token by token', async () => {
      const replies = [plainReply(30, 'first'), plainReply(30, 'second')];
      let turn = 0;
      world.simulator.configure({ reply: () => replies[turn++ % 2], ttftMs: 50, tokensPerSecond: 40 });
      const { page, context } = await world.openHostPage('plain', { initScripts: [LIVE_RECORDER] });
      await openChat(page);
      const live = widget(page).live;
      expect(await live.count()).toBe(1);
      expect(await live.getAttribute('aria-live')).toBe('polite');

      for (const reply of replies) {
        await sendMessage(page, reply === replies[0] ? 'Question one' : 'Question two');
        // While it streams, the reply is in no live region (a role=log is one unless aria-live="off").
        await page.locator(`${sel.assistant}[data-status="streaming"]`).waitFor({ timeout: 10_000 });
        const announcing = await inShadow(page, (root) => {
          const streamingMessage = root.querySelector('[data-testid="cc-message"][data-status="streaming"]');
          const live: string[] = [];
          for (let el = streamingMessage as Element | null; el; el = el.parentElement) {
            const ariaLive = el.getAttribute('aria-live');
            const role = el.getAttribute('role') ?? '';
            const implicit = ['log', 'status', 'alert', 'marquee', 'timer'].includes(role);
            if ((ariaLive && ariaLive !== 'off') || (implicit && ariaLive !== 'off')) live.push(`${el.tagName.toLowerCase()}[role=${role}][aria-live=${ariaLive}]`);
          }
          return live;
        });
        expect(announcing).toEqual([]);
        await waitForLastReply(page);
      }
      await page.waitForTimeout(300);

      const texts = (await page.evaluate(() => (window as unknown as { __live: Array<string | null> }).__live)).filter((t): t is string => !!t && t.trim() !== '');
      for (const reply of replies) {
        const tag = reply.split(' ')[1];
        const mentioning = texts.filter((t) => t.includes(tag));
        // Exactly one change carries this reply, and it carries all of it.
        expect(mentioning).toHaveLength(1);
        expect(mentioning[0]).toContain(reply);
      }
      await context.close();
    });
  });

  describe.each([
    ['light', '#ffeb3b'],
    ['dark', '#1e3a8a'],
  ])('with a %s bot colour (%s)', (_kind, color) => {
    afterAll(async () => {
      await world.updateBot({ settings: { color: '#0f766e' } });
    });

    it('keeps the launcher icon, the header title and the visitor’s bubble at a contrast of 4.5:1 or more', async () => {
      await world.updateBot({ settings: { color } });
      world.simulator.configure({ reply: () => 'Colourful answer.' });
      const { page, context } = await world.openHostPage('plain');
      await openChat(page);
      await sendMessage(page, 'Is this readable?');
      await waitForLastReply(page);
      const colours = await inShadow(page, (root) => {
        const backgroundOf = (el: Element | null) => {
          for (; el; el = el.parentElement) {
            const bg = getComputedStyle(el).backgroundColor;
            if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
          }
          return 'rgb(255, 255, 255)';
        };
        const launcher = root.querySelector('[data-testid="cc-launcher"]')!;
        const icon = Array.from(launcher.querySelectorAll('svg')).find((svg) => getComputedStyle(svg).display !== 'none') ?? launcher;
        const users = root.querySelectorAll('[data-testid="cc-message"][data-role="user"] .cc-body');
        const userBody = users[users.length - 1];
        const panel = root.querySelector('[data-testid="cc-panel"]')!;
        const title = root.getElementById(panel.getAttribute('aria-labelledby') ?? '') ?? panel.querySelector('header, [class*="header"]');
        return {
          launcher: { fg: getComputedStyle(icon).color, stroke: getComputedStyle(icon).stroke, bg: getComputedStyle(launcher).backgroundColor },
          user: { fg: getComputedStyle(userBody).color, bg: backgroundOf(userBody) },
          title: title && { fg: getComputedStyle(title).color, bg: backgroundOf(title) },
        };
      });
      // The bot's colour is really in use (else any contrast would be the default theme's).
      expect(colours.launcher.bg).toBe(hexToRgb(color));
      const strokeIsColour = /^rgb/.test(colours.launcher.stroke) ? colours.launcher.stroke : colours.launcher.fg;
      const report = {
        launcherIcon: contrast(strokeIsColour, colours.launcher.bg),
        userBubble: contrast(colours.user.fg, colours.user.bg),
        headerTitle: colours.title ? contrast(colours.title.fg, colours.title.bg) : 0,
      };
      expect({ colours, report, low: Object.entries(report).filter(([, ratio]) => ratio < 4.5).map(([k]) => k) }).toMatchObject({ low: [] });
      await context.close();
    });
  });
});
