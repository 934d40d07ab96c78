import type { Page } from 'playwright-core';
import { describeWithChromium } from './support';
import {
  bodyText, eventually, openChat, plainReply, sel, sendMessage, withWidgetWorld, transcripts, waitForLastReply, widget, type WidgetWorld,
} from './widget-world';

/**
 * Issue 4: "it never loses a reply". A reload, a network cut (the proxy between the browser and
 * the backend is cut and restored) or an upstream failure must end with the whole reply on
 * screen exactly once, and a message typed offline sent exactly once.
 */

/**
 * Records, in the page, every text the assistant messages show (after each DOM mutation), so a
 * test can check that nothing on screen was ever a duplicated or garbled piece of the reply.
 */
const TEXT_RECORDER = `
  window.__texts = [];
  (function watch() {
    const root = document.querySelector('#customchat-root') && document.querySelector('#customchat-root').shadowRoot;
    if (!root) return setTimeout(watch, 10);
    const record = () => {
      root.querySelectorAll('[data-testid="cc-message"][data-role="assistant"]').forEach((m, i) => {
        const body = m.querySelector('.cc-body');
        const text = body ? body.textContent : '';
        const last = window.__texts.filter((r) => r.i === i).pop();
        if (!last || last.text !== text || last.status !== m.dataset.status) window.__texts.push({ i, text, status: m.dataset.status });
      });
    };
    new MutationObserver(record).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    record();
  })();
`;

type Recorded = { i: number; text: string; status: string };
const recorded = (page: Page) => page.evaluate(() => (window as unknown as { __texts: Recorded[] }).__texts);

/** Every text the reply showed was a prefix of the full reply: no piece twice, none missing in between. */
function expectOnlyPrefixes(records: Recorded[], full: string): void {
  const wrong = records.filter((r) => r.text && !full.startsWith(r.text.replace(/\s+$/, '')));
  expect(wrong.map((r) => `${r.status}: ${JSON.stringify(r.text)}`)).toEqual([]);
}

const SLOW = { ttftMs: 50, tokensPerSecond: 20 };

describeWithChromium('the widget never loses a reply (issue 4)', () => {
  let world: WidgetWorld;
  withWidgetWorld((w) => (world = w));
  afterEach(() => world.proxy.restore());

  /** The server's copy of the conversation holding the visitor's message `text`. */
  async function serverConversationWith(text: string) {
    const all = await transcripts(world);
    const holding = all.filter((c) => c.messages.some((m) => m.role === 'user' && m.text === text));
    if (holding.length !== 1) throw new Error(`expected one conversation holding "${text}", found ${holding.length}`);
    return holding[0];
  }

  async function waitStreamingWithText(page: Page, minLength: number): Promise<void> {
    await page.waitForFunction(
      (n) => {
        const all = document.querySelector('#customchat-root')?.shadowRoot?.querySelectorAll<HTMLElement>('[data-testid="cc-message"][data-role="assistant"]');
        const last = all?.[all.length - 1];
        return last?.dataset.status === 'streaming' && (last.querySelector('.cc-body')?.textContent ?? '').length >= n;
      },
      minLength,
      { timeout: 15_000 },
    );
  }

  it('finishes a reply after a reload in the middle of it, with exactly the full text', async () => {
    const reply = plainReply(60);
    world.simulator.configure({ reply: () => reply, ...SLOW });
    const { page, context } = await world.openHostPage('plain', { initScripts: [TEXT_RECORDER] });
    await openChat(page);
    await sendMessage(page, 'Reload while you answer');
    await waitStreamingWithText(page, 25);
    expectOnlyPrefixes(await recorded(page), reply);

    await page.reload();
    await openChat(page);
    await waitForLastReply(page, ['complete'], 40_000);
    expect(await bodyText(widget(page).lastAssistant)).toBe(reply);
    expect(await widget(page).assistants.count()).toBe(1);
    expect(await widget(page).users.count()).toBe(1);

    const after = await recorded(page);
    // The reload really landed mid-reply: the new page saw it streaming...
    expect(after.some((r) => r.status === 'streaming')).toBe(true);
    // ...and never showed a piece twice or skipped one.
    expectOnlyPrefixes(after, reply);

    const stored = await serverConversationWith('Reload while you answer');
    expect(stored.messages.map((m) => [m.role, m.status])).toEqual([['user', 'complete'], ['assistant', 'complete']]);
    expect(stored.messages[1].text).toBe(reply);
    await context.close();
  });

  it('says it is offline when the network goes away, queues what the visitor sends, and sends it once when the network is back', async () => {
    world.simulator.configure({ reply: () => 'Got your offline message.' });
    const { page, context } = await world.openHostPage('plain');
    await openChat(page);

    world.proxy.cut();
    const notice = page.locator(`${sel.notice}[data-phase="offline"]`);
    await notice.waitFor({ state: 'visible', timeout: 15_000 });

    const text = `Typed while offline ${Date.now()}`;
    await widget(page).input.fill(text);
    await widget(page).input.press('Enter');
    const queued = page.locator(`${sel.user}[data-status="queued"]`, { hasText: text });
    await queued.waitFor({ state: 'visible', timeout: 5_000 });
    await page.waitForTimeout(1_000); // still offline: it stays queued, and nothing reached the server
    expect(await queued.count()).toBe(1);
    expect((await transcripts(world)).flatMap((c) => c.messages).filter((m) => m.text === text)).toEqual([]);

    world.proxy.restore();
    await notice.waitFor({ state: 'hidden', timeout: 20_000 });
    await waitForLastReply(page, ['complete'], 30_000);
    expect(await bodyText(widget(page).lastAssistant)).toBe('Got your offline message.');
    const mine = page.locator(sel.user, { hasText: text });
    expect(await mine.count()).toBe(1);
    expect(await mine.getAttribute('data-status')).toBe('complete');

    // Exactly once on the server, answered once; and it stays that way.
    await page.waitForTimeout(1_500);
    const stored = await serverConversationWith(text);
    expect(stored.messages.filter((m) => m.text === text)).toHaveLength(1);
    expect(stored.messages.map((m) => [m.role, m.status])).toEqual([['user', 'complete'], ['assistant', 'complete']]);
    await context.close();
  });

  it('continues a reply that was streaming when the network went away, and ends with the full text', async () => {
    const reply = plainReply(60);
    world.simulator.configure({ reply: () => reply, ...SLOW });
    const { page, context } = await world.openHostPage('plain', { initScripts: [TEXT_RECORDER] });
    await openChat(page);
    await sendMessage(page, 'Keep talking through the outage');
    await waitStreamingWithText(page, 25);

    world.proxy.cut();
    await page.locator(`${sel.notice}[data-phase="offline"]`).waitFor({ state: 'visible', timeout: 15_000 });
    await page.waitForTimeout(1_500);
    // The server went on generating meanwhile; this test is about a reply still streaming at the restore.
    const during = await serverConversationWith('Keep talking through the outage');
    if (during.messages[1]?.status !== 'streaming') throw new Error(`test too slow: the reply was already ${during.messages[1]?.status} before the network came back`);
    world.proxy.restore();

    await waitForLastReply(page, ['complete'], 40_000);
    expect(await bodyText(widget(page).lastAssistant)).toBe(reply);
    expect(await widget(page).assistants.count()).toBe(1);
    expectOnlyPrefixes(await recorded(page), reply);
    const stored = await serverConversationWith('Keep talking through the outage');
    expect(stored.messages[1]).toMatchObject({ role: 'assistant', status: 'complete', text: reply });
    await context.close();
  });

  it('shows a retry button on a failed reply, and the retry produces a complete reply', async () => {
    // Enough 500s to outlast the backend's own retries (it retries a 5xx a couple of times).
    world.simulator.injectFault({ kind: 'server_error', status: 500 }, 10);
    const { page, context } = await world.openHostPage('plain');
    await openChat(page);
    await sendMessage(page, 'Please answer despite the outage');
    await waitForLastReply(page, ['failed'], 30_000);
    world.simulator.clearFaults();
    const retry = widget(page).lastAssistant.locator(sel.retry);
    await retry.waitFor({ state: 'visible', timeout: 5_000 });

    world.simulator.configure({ reply: () => 'Here is the answer after all.' });
    await retry.click();
    await waitForLastReply(page, ['complete'], 20_000);
    expect(await bodyText(widget(page).lastAssistant)).toBe('Here is the answer after all.');
    // A retry answers the same message: the visitor's message is not sent again.
    expect(await widget(page).users.count()).toBe(1);
    expect(await page.locator(`${sel.assistant}[data-status="failed"]`).count()).toBe(0);
    expect(await page.locator(sel.retry).count()).toBe(0);

    await eventually(
      async () => {
        const stored = await serverConversationWith('Please answer despite the outage');
        const last = stored.messages[stored.messages.length - 1];
        return stored.messages.filter((m) => m.role === 'user').length === 1 && last.status === 'complete' && last.text === 'Here is the answer after all.';
      },
      async () => `the server does not hold one visitor message answered by the retried reply: ${JSON.stringify((await serverConversationWith('Please answer despite the outage')).messages)}`,
    );
    await context.close();
  });

  it('on a site the bot does not allow: no bubble, no socket, one console warning naming the origin to allow', async () => {
    await world.updateBot({ allowedOrigins: ['https://elsewhere.example'] });
    try {
      const { page, context, problems } = await world.openHostPage('plain');
      const handshakes: string[] = [];
      page.on('websocket', (ws) => handshakes.push(ws.url()));
      const origin = world.pages.origin;
      const warning = `console.warning: [CustomChat] ${origin} is not an allowed site of bot ${world.bot.publicKey}: add it to the bot's Allowed websites in the console`;
      await eventually(
        async () => problems.includes(warning),
        async () => `expected the warning; saw ${JSON.stringify(problems)}`,
      );
      expect(await widget(page).launcher.count()).toBe(0);
      expect(handshakes).toEqual([]);
      expect(problems.filter((p) => p.startsWith('console.warning'))).toEqual([warning]);
      await context.close();
    } finally {
      await world.updateBot({ allowedOrigins: [world.pages.origin] });
    }
  });
});
