import type { Page } from 'playwright-core';
import { type AxeFinding, describeFindings, seriousViolations } from './axe';
import { describeWithChromium } from './support';
import { openChat, sel, sendMessage, waitForLastReply, withWidgetWorld, type WidgetWorld } from './widget-world';

/**
 * Issue 16 item 9: axe-core finds no serious or critical violation in the widget — closed, open
 * (greeting and suggestions), while a reply streams and once it has finished — at desktop and
 * phone sizes, in light and dark colour schemes, with a light bot colour (yellow, where links
 * in the accent's own colour read at 1.51:1) and a dark one. The reply holds what replies hold:
 * a link, a quote (muted text on the bubble's grey, 4.39:1 before), code, a list and a table.
 */
const REPLY = [
  'Here is **what to do** — see [the guide](https://example.com/guide) and <https://example.com/faq>.',
  '',
  '> A quote with a [link in it](https://example.com/q) and `code inside`.',
  '',
  '- first with `npm start`',
  '- second',
  '',
  '| Herb | Use |',
  '| --- | --- |',
  '| [Ginger](https://example.com/ginger) | Warming |',
  '',
  '```',
  'const answer = 42;',
  '```',
  '',
  'Words after the code block, long enough to stream for a while: river mountain garden lantern harbor meadow orchard valley thunder pebble willow ember.',
].join('\n');

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const DESKTOP = { viewport: { width: 1280, height: 800 } };

describeWithChromium('axe-core finds nothing serious in the widget (issue 16 item 9)', () => {
  let world: WidgetWorld;
  withWidgetWorld((w) => (world = w));

  async function audit(page: Page, state: string, into: AxeFinding[]): Promise<void> {
    into.push(...(await seriousViolations(page, state)));
  }

  describe.each([
    ['light', '#ffd400'],
    ['dark', '#1e3a8a'],
  ])('with a %s bot colour (%s)', (_kind, color) => {
    beforeAll(async () => {
      await world.updateBot({ settings: { locale: 'en', color } });
    });

    it.each([
      ['desktop', 'light', DESKTOP],
      ['phone', 'light', PHONE],
      ['desktop', 'dark', DESKTOP],
    ] as const)('at %s size in the %s colour scheme: closed, open, streaming and finished', async (_size, scheme, device) => {
      const { page, context } = await world.openHostPage('plain', { context: { ...device, colorScheme: scheme } });
      const found: AxeFinding[] = [];
      try {
        await page.locator(sel.launcher).waitFor();
        await audit(page, 'closed', found);

        await openChat(page);
        await page.locator(sel.suggestion).first().waitFor();
        await audit(page, 'open', found);

        // Slow enough that the audit runs while the reply is still streaming.
        world.simulator.configure({ reply: () => REPLY, ttftMs: 10, tokensPerSecond: 25, azureTokensPerChunk: 1 });
        await sendMessage(page, 'How do I start?');
        await page.waitForFunction(() => {
          const all = document.querySelector('#customchat-root')?.shadowRoot?.querySelectorAll<HTMLElement>('[data-testid="cc-message"][data-role="assistant"]');
          const last = all?.[all.length - 1];
          return last?.dataset.status === 'streaming' && !!last.querySelector('.cc-md a');
        });
        await audit(page, 'streaming', found);
        expect(await page.locator(sel.assistant).last().getAttribute('data-status')).toBe('streaming');

        world.simulator.configure({ tokensPerSecond: 400 });
        await waitForLastReply(page);
        await page.locator(`${sel.assistant} blockquote`).last().waitFor();
        await audit(page, 'finished', found);
      } finally {
        await context.close();
      }
      expect(describeFindings(found)).toBe('');
    }, 90_000);
  });

  it.each([
    ['light', '#ffd400'],
    ['dark', '#1e3a8a'],
  ])('closed with an unread reply: the badge and the preview on the launcher (%s bot colour %s)', async (_kind, color) => {
    await world.updateBot({ settings: { locale: 'en', color } });
    const { page, context } = await world.openHostPage('plain', { context: DESKTOP });
    const found: AxeFinding[] = [];
    try {
      // The first token comes well after the panel is closed: the reply arrives while it is.
      world.simulator.configure({ reply: () => REPLY, ttftMs: 1500, tokensPerSecond: 200 });
      await openChat(page);
      await sendMessage(page, 'How do I start?');
      await page.locator(sel.close).click();
      await page.locator('[data-testid="cc-preview"]').waitFor();
      await page.locator('[data-testid="cc-unread"]').waitFor();
      await audit(page, 'closed, unread', found);
      // The header's demo badge shares the class name; its pill border stays in the header.
      expect(await page.locator('[data-testid="cc-unread"]').evaluate((el) => getComputedStyle(el).borderTopWidth)).toBe('0px');
    } finally {
      await context.close();
    }
    expect(describeFindings(found)).toBe('');
  }, 90_000);

  it.each(['light', 'dark'] as const)(
    'with the forms, handoff controls and sheets open (yellow bot, %s colour scheme): feedback, leave a message, new conversation, earlier ones',
    async (scheme) => {
      await world.updateBot({ settings: { locale: 'en', color: '#ffd400', handoffEnabled: true } });
      const { page, context } = await world.openHostPage('plain', { context: { ...DESKTOP, colorScheme: scheme } });
      const found: AxeFinding[] = [];
      try {
        world.simulator.configure({ reply: () => REPLY });
        await openChat(page);
        await sendMessage(page, 'How do I start?');
        await waitForLastReply(page);
        await page.locator(sel.down).last().click();
        await page.locator(`${sel.assistant} form textarea`).last().waitFor();
        await audit(page, 'feedback form', found);
        // Nobody on the staff is online: asking for a person offers the form to leave a message.
        await page.locator('[data-testid="cc-handoff"]').click();
        await page.locator('[data-testid="cc-leave"]').waitFor();
        await audit(page, 'leave a message', found);
        // The header's sheets: starting a new conversation asks first; earlier ones are listed.
        await page.locator('[data-testid="cc-new"]').click();
        await page.locator('[data-testid="cc-confirm"]').waitFor();
        await audit(page, 'new conversation?', found);
        await page.locator('[data-testid="cc-confirm-cancel"]').click();
        await page.locator('[data-testid="cc-history"]').click();
        await page.locator('[data-testid="cc-history-item"]').first().waitFor();
        await audit(page, 'earlier conversations', found);
      } finally {
        await context.close();
      }
      expect(describeFindings(found)).toBe('');
    },
    90_000,
  );
});
