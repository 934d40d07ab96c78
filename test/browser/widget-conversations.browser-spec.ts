import type { Page } from 'playwright-core';
import { describeFindings, seriousViolations } from './axe';
import { describeWithChromium } from './support';
import { eventually, openChat, sel, sendMessage, waitForLastReply, waitReady, widget, withWidgetWorld, type WidgetWorld } from './widget-world';

/**
 * Issue 16, widget item 5: times on messages (a label per group, the exact time on hover), the
 * bot's initial and name on its replies, the greeting and suggestions that stay, a new
 * conversation that is named as such and asks first, and earlier conversations reopened from a
 * list with their messages.
 */

const at = {
  time: '[data-testid="cc-time"]',
  author: '[data-testid="cc-author"]',
  history: '[data-testid="cc-history"]',
  list: '[data-testid="cc-history-list"]',
  item: '[data-testid="cc-history-item"]',
  confirm: '[data-testid="cc-confirm"]',
  confirmNew: '[data-testid="cc-confirm-new"]',
  confirmCancel: '[data-testid="cc-confirm-cancel"]',
} as const;

const GREETING = 'Hello! Ask me anything about sleep and diet.';
const SUGGESTIONS = ['How long should I sleep?', 'Is coffee bad for me?'];
const BOT_NAME = 'Wellness Guide';

describeWithChromium('widget conversations (issue 16 item 5)', () => {
  let world: WidgetWorld;
  withWidgetWorld((w) => (world = w));

  const texts = (page: Page, selector: string) => page.locator(selector).allTextContents().then((all) => all.map((t) => t.trim()));
  const userTexts = (page: Page) => texts(page, `${sel.user} ${sel.body}`);

  async function turn(page: Page, text: string) {
    await sendMessage(page, text);
    await waitForLastReply(page);
  }

  it('times, the bot on its replies, the greeting that stays, a new conversation that asks first, and the old one reopened from the list', async () => {
    await world.updateBot({ name: BOT_NAME, settings: { locale: 'en', greeting: GREETING, suggestions: SUGGESTIONS, color: '#0f766e' } });
    // The page's clock stands still where the test puts it, so a gap of six minutes takes none.
    const opened = await world.openHostPage('plain', { noNavigate: true, context: { locale: 'en-GB' } });
    const { page, dialogs } = opened;
    const start = new Date();
    start.setHours(10, 0, 0, 0);
    await page.clock.setFixedTime(start);
    // What the widget sends: a cancelled question sends nothing, a confirmed one one conversation:new.
    const sent: string[] = [];
    page.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(String(f.payload))));
    const sentEvents = (name: string) => sent.filter((f) => f.includes(`"${name}"`));
    await page.goto(world.pages.url('plain'));
    await openChat(page);
    const w = widget(page);

    // An empty conversation: the greeting under the bot's initial and name, the suggestions.
    const greeting = page.locator(sel.greeting);
    await greeting.waitFor();
    expect(await greeting.locator(sel.body).textContent()).toBe(GREETING);
    expect(await greeting.locator(at.author).textContent()).toBe(BOT_NAME);
    expect(await greeting.locator('.cc-avatar').textContent()).toBe('W');
    expect(await texts(page, sel.suggestion)).toEqual(SUGGESTIONS);
    // Nothing to start afresh from yet.
    expect(await w.newConversation.isDisabled()).toBe(true);

    // Two turns at 10:00: one time label, in the visitor's (British) way; the reply carries the bot's name.
    await turn(page, 'How much water should I drink?');
    await turn(page, 'And how much tea?');
    expect(await texts(page, at.time)).toEqual(['10:00']);
    expect(await page.locator(`${sel.assistant} ${at.author}`).allTextContents()).toEqual([BOT_NAME, BOT_NAME]);
    expect(await page.locator(`${sel.assistant} .cc-avatar`).first().textContent()).toBe('W');
    // Hovering a message shows its exact time.
    const exact = await page.locator(`${sel.user} .cc-bubble`).first().getAttribute('title');
    expect(exact).toMatch(/10:00:00/);
    expect(exact).toContain(String(start.getFullYear()));
    // The greeting stays at the top once the visitor has written; the suggestions have done their job.
    expect(await greeting.isVisible()).toBe(true);
    expect(await page.locator(sel.suggestion).count()).toBe(0);

    // Six minutes later: a new time label above the next message; one right after it adds none.
    await page.clock.setFixedTime(new Date(start.getTime() + 6 * 60_000));
    await turn(page, 'Is green tea better?');
    await turn(page, 'Thanks!');
    expect(await texts(page, at.time)).toEqual(['10:00', '10:06']);
    const firstConversation = await userTexts(page);

    // "New conversation": named so, a tooltip, not a pencil; it asks first, inside the widget.
    expect(await w.newConversation.getAttribute('aria-label')).toBe('New conversation');
    expect(await w.newConversation.getAttribute('title')).toBe('New conversation');
    expect((await w.newConversation.textContent())?.trim()).toBe('New');
    await w.newConversation.click();
    const confirm = page.locator(at.confirm);
    await confirm.waitFor();
    expect(await confirm.getAttribute('role')).toBe('alertdialog');
    expect(await confirm.textContent()).toContain('Earlier conversations');
    const findings = await seriousViolations(page, 'confirm');
    // Cancel keeps everything; so does Escape, which closes the question and not the panel.
    await page.locator(at.confirmCancel).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await userTexts(page)).toEqual(firstConversation);
    await w.newConversation.click();
    await confirm.waitFor();
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(await w.panel.isVisible()).toBe(true);
    expect(await userTexts(page)).toEqual(firstConversation);
    expect(sentEvents('conversation:new')).toEqual([]);

    // Confirmed: an empty conversation with the greeting and the suggestions again.
    await w.newConversation.click();
    await page.locator(at.confirmNew).click();
    await eventually(async () => (await page.locator(sel.message).count()) === 0, () => 'the new conversation still shows messages');
    expect(await greeting.locator(sel.body).textContent()).toBe(GREETING);
    expect(await texts(page, sel.suggestion)).toEqual(SUGGESTIONS);
    expect(await page.locator(at.time).count()).toBe(0);
    expect(await w.newConversation.isDisabled()).toBe(true);
    expect(dialogs).toEqual([]); // never window.confirm
    expect(sentEvents('conversation:new')).toHaveLength(1);

    // The earlier conversation is in the list: its first question, its time, its count; the empty one is not.
    await page.locator(at.history).click();
    const list = page.locator(at.list);
    await list.locator(at.item).first().waitFor();
    const items = list.locator(at.item);
    expect(await items.count()).toBe(1);
    expect(await items.first().locator('.cc-sheet-q').textContent()).toBe('How much water should I drink?');
    expect(await items.first().locator('.cc-sheet-meta').textContent()).toContain('8 messages');
    findings.push(...(await seriousViolations(page, 'list')));
    expect(describeFindings(findings)).toBe('');
    // The list takes the focus, and gives it back when closed.
    expect(await page.evaluate(() => document.querySelector('#customchat-root')?.shadowRoot?.activeElement?.getAttribute('data-testid'))).toBe('cc-history-item');

    // Reopened: its messages, times and the bot's name are back, and it goes on there.
    await items.first().click();
    await list.waitFor({ state: 'detached' });
    await eventually(async () => JSON.stringify(await userTexts(page)) === JSON.stringify(firstConversation), async () => `reopened: ${JSON.stringify(await userTexts(page))}`);
    expect(await page.locator(sel.assistant).count()).toBe(4);
    expect((await texts(page, at.time)).length).toBeGreaterThanOrEqual(1);
    expect(await page.locator(`${sel.assistant} ${at.author}`).first().textContent()).toBe(BOT_NAME);
    expect(await greeting.isVisible()).toBe(true);
    expect(sentEvents('conversation:open')).toHaveLength(1);
    await turn(page, 'One more question about tea.');
    expect((await userTexts(page)).at(-1)).toBe('One more question about tea.');

    // The next page shows the conversation the visitor went back to, not the empty newer one.
    await page.reload();
    await openChat(page);
    await waitReady(page);
    await eventually(async () => (await userTexts(page)).length === 5, async () => `after reload: ${JSON.stringify(await userTexts(page))}`);
    expect((await userTexts(page))[0]).toBe('How much water should I drink?');
    expect(opened.problems.filter((p) => !p.includes('favicon'))).toEqual([]);
    await opened.context.close();
  });

  it('speaks Chinese: 新对话 asks first, 历史对话 lists, and times read the Chinese way', async () => {
    await world.updateBot({ name: '养生顾问', settings: { locale: 'zh-CN', greeting: '您好！', suggestions: ['怎样睡得更好？'] } });
    const opened = await world.openHostPage('plain', { context: { locale: 'zh-CN' } });
    const { page } = opened;
    await openChat(page);
    await turn(page, '每天喝多少水合适？');
    expect(await page.locator(`${sel.assistant} ${at.author}`).first().textContent()).toBe('养生顾问');
    expect(await page.locator(`${sel.assistant} .cc-avatar`).first().textContent()).toBe('养');
    expect((await texts(page, at.time))[0]).toMatch(/^\d{1,2}:\d{2}$/);
    const w = widget(page);
    expect(await w.newConversation.getAttribute('aria-label')).toBe('新对话');
    expect(await page.locator(at.history).getAttribute('title')).toBe('历史对话');
    await w.newConversation.click();
    expect(await page.locator(at.confirm).textContent()).toContain('开始新对话？');
    await page.locator(at.confirmNew).click();
    await eventually(async () => (await page.locator(sel.message).count()) === 0, () => 'the new conversation still shows messages');
    await page.locator(at.history).click();
    const item = page.locator(at.item).first();
    await item.waitFor();
    expect(await item.textContent()).toContain('每天喝多少水合适？');
    expect(await item.textContent()).toContain('2 条消息');
    await item.click();
    await eventually(async () => (await userTexts(page)).includes('每天喝多少水合适？'), () => 'the conversation did not come back');
    await opened.context.close();
  });
});
