import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { productDatabase } from '../support/database';
import { requireBuiltConsole } from './console-product';
import { describeWithChromium } from './support';
import { bodyText, openChat, sel, sendMessage, startWidgetWorld, waitForLastReply, widget, type WidgetWorld } from './widget-world';

/**
 * What the visitor and the staff member read, in each language of the product. Written out here
 * (not imported from the string tables) so a wrong or missing string fails the test.
 */
interface Words {
  /** The browser's language: the console follows it; the widget gets it from the snippet's data-locale. */
  locale: 'en-US' | 'zh-CN';
  widgetLocale: 'en' | 'zh-CN';
  // The console.
  email: string;
  password: string;
  signIn: string;
  firstTitle: string;
  current: string;
  next: string;
  repeat: string;
  change: string;
  inbox: string;
  /** The Inbox link's name with its count (the count itself is hidden from screen readers; this says it). */
  inboxWithCount: RegExp;
  live: string;
  nobody: string;
  enableNotifications: string;
  notifyWaiting: string;
  waitingLessThanAMinute: string;
  oneUnread: string;
  stateWaiting: string;
  stateHuman: string;
  stateBot: string;
  claim: string;
  release: string;
  withYou: string;
  composer: string;
  staffBadge: string;
  page: string;
  // The widget.
  talkToAPerson: string;
  waiting: string;
  joined: (name: string) => string;
  back: string;
  // The conversation.
  question: string;
  answer: string;
  meanwhile: string;
  staffReply: string;
  visitorAnswer: string;
  again: string;
  /** Long enough to be seen streaming at the journey's last reply's pace. */
  againAnswer: string;
}

const EN: Words = {
  locale: 'en-US',
  widgetLocale: 'en',
  email: 'Email',
  password: 'Password',
  signIn: 'Sign in',
  firstTitle: 'Choose your own password',
  current: 'Current password',
  next: 'New password',
  repeat: 'New password again',
  change: 'Change password',
  inbox: 'Inbox',
  inboxWithCount: /^Inbox\s*\(1 waiting or unread\)$/,
  live: 'Live',
  nobody: 'Nobody is waiting.',
  enableNotifications: 'Enable notifications',
  notifyWaiting: 'A visitor is waiting for a person',
  waitingLessThanAMinute: 'waiting < 1 min',
  oneUnread: '1 unread',
  stateWaiting: 'Waiting',
  stateHuman: 'Staff answer',
  stateBot: 'Bot answers',
  claim: 'Claim',
  release: 'Release to bot',
  withYou: 'with you',
  composer: 'Reply to the visitor',
  staffBadge: 'Staff',
  page: 'Page',
  talkToAPerson: 'Talk to a person',
  waiting: 'Someone will reply here soon.',
  joined: (name) => `${name} has joined`,
  back: 'You are chatting with the bot again',
  question: 'Can I move my appointment to another day?',
  answer: 'Appointments can be moved up to 24 hours ahead. A person at the front desk can do it for you.',
  meanwhile: 'I would like to move Tuesday 3 pm to Thursday.',
  staffReply: 'Hello, I can move it for you. Would Thursday at 10 am work?',
  visitorAnswer: 'Thursday at 10 am is perfect, thank you!',
  again: 'Do you also have parking nearby?',
  againAnswer:
    'Yes, there is a public car park on Lotus Road, two minutes on foot from the clinic, open every day from seven in the morning until eleven at night, and the first hour is free for patients.',
};

const ZH: Words = {
  locale: 'zh-CN',
  widgetLocale: 'zh-CN',
  email: '邮箱',
  password: '密码',
  signIn: '登录',
  firstTitle: '设置你自己的密码',
  current: '当前密码',
  next: '新密码',
  repeat: '再次输入新密码',
  change: '修改密码',
  inbox: '收件箱',
  inboxWithCount: /^收件箱\s*（1 个待处理）$/,
  live: '实时',
  nobody: '暂无访客等待。',
  enableNotifications: '开启通知',
  notifyWaiting: '有访客在等待人工',
  waitingLessThanAMinute: '已等待不到 1 分钟',
  oneUnread: '1 条未读',
  stateWaiting: '等待中',
  stateHuman: '人工接待',
  stateBot: '机器人回答',
  claim: '接待',
  release: '交回机器人',
  withYou: '由你接待',
  composer: '回复访客',
  staffBadge: '客服',
  page: '所在页面',
  talkToAPerson: '转人工',
  waiting: '已为您转接人工客服，请稍候，回复会显示在这里。',
  joined: (name) => `${name} 已接入`,
  back: '已切换回智能助手',
  question: '我的预约可以改到别的日子吗？',
  answer: '预约最晚可以提前 24 小时更改，前台的工作人员可以帮您办理。',
  meanwhile: '我想把周二下午三点改到周四。',
  staffReply: '您好，我来帮您改。周四上午十点可以吗？',
  visitorAnswer: '周四上午十点很好，谢谢！',
  again: '附近有停车场吗？',
  againAnswer: '有的，莲花路上有一个公共停车场，步行到诊所只要两分钟，每天早上七点到晚上十一点开放，患者第一个小时免费停车，出口处可以用微信或支付宝付款。',
};

/**
 * In every document of the console, before its own scripts: CSP violations recorded; the
 * browser's Notification recorded as the console creates it (the real one still shows); and the
 * console believes it is not in front, as when the staff member works in another tab: only then
 * does it notify (when in front, the live list itself is the news).
 */
const CONSOLE_RECORDERS = `
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + (e.sample ? ' (' + e.sample + ')' : ''));
  }, true);
  window.__notifications = [];
  const Native = window.Notification;
  if (Native) {
    const Recorded = function (title, options) {
      window.__notifications.push({ title: title, body: options && options.body, tag: options && options.tag });
      return new Native(title, options);
    };
    Object.defineProperty(Recorded, 'permission', { get: () => Native.permission });
    Recorded.requestPermission = (...args) => Native.requestPermission(...args);
    Recorded.prototype = Native.prototype;
    window.Notification = Recorded;
  }
  Document.prototype.hasFocus = () => false;
`;

/** The host page's own CSP violations (the widget world's page already collects console errors, warnings and failed requests). */
const CSP_RECORDER = `
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + (e.sample ? ' (' + e.sample + ')' : ''));
  }, true);
`;

/**
 * The human handoff journey (PROTOCOL §7), in a real browser on both sides: a staff member (an
 * agent the owner added, signing in for the first time) keeps the console's Inbox open; a visitor
 * on somebody else's website asks the bot, then asks for a person; the staff member is told live,
 * claims the conversation, writes to the visitor (who sees them typing, then their message under
 * their name), reads the visitor's answer live, and hands the conversation back to the bot, which
 * answers the visitor's next question with a streamed reply.
 *
 * The model is the Azure OpenAI simulator of the widget world. With DATABASE_URL the product runs
 * on a PostgreSQL database of this file's own; without, on PGlite.
 */
describeWithChromium('a visitor asks for a person; a staff member answers from the live inbox and hands back to the bot', () => {
  let world: WidgetWorld;
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    requireBuiltConsole();
    const database = await productDatabase();
    dropDatabase = database.drop;
    const env = database.env;
    world = await startWidgetWorld({ env });
    // Visitors may ask for a person only where the owner allows it (Bot → Human handoff).
    await world.updateBot({ settings: { locale: 'en', handoffEnabled: true } });
  }, 120_000);

  afterAll(async () => {
    await world?.close();
    await dropDatabase?.();
  });

  /** The owner adds an agent with a first password (the Members page does the same through this API). */
  async function addAgent(name: string): Promise<{ email: string; first: string; password: string }> {
    const agent = { email: `${name}@widget.example`, first: `first-${randomBytes(6).toString('hex')}`, password: `own-${randomBytes(8).toString('hex')}` };
    const res = await world.api('POST', '/api/members', { email: agent.email, role: 'agent', password: agent.first });
    if (res.status !== 201) throw new Error(`POST /api/members answered ${res.status}: ${JSON.stringify(res.body)}`);
    return agent;
  }

  it.each([
    ['English', EN, 'mei'],
    ['Chinese', ZH, 'lina'],
  ] as const)('in %s: waiting, claimed, a staff message and the answer live, back to the bot', async (_language, w, name) => {
    // The bot answers each question of this journey with its own answer.
    const answers: Array<[string, string]> = [
      [w.question, w.answer],
      [w.again, w.againAnswer],
    ];
    world.simulator.configure({
      ttftMs: 10,
      tokensPerSecond: 400,
      reply: ({ messages }) => {
        const asked = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
        return answers.find(([q]) => asked.includes(q))?.[1] ?? 'I am not sure.';
      },
    });
    const agent = await addAgent(name);

    // 1. The agent signs in for the first time, chooses a password, and opens the Inbox, which goes live.
    const staffContext = await world.browser.newContext({ locale: w.locale, permissions: ['notifications'] });
    await staffContext.addInitScript(CONSOLE_RECORDERS);
    const staff = await staffContext.newPage();
    const staffProblems = watch(staff);
    await staff.goto(world.product.url + '/console');
    await staff.getByLabel(w.email).fill(agent.email);
    await staff.getByLabel(w.password).fill(agent.first);
    await staff.getByRole('button', { name: w.signIn }).click();
    await staff.getByRole('heading', { name: w.firstTitle }).waitFor();
    await staff.getByLabel(w.current, { exact: true }).fill(agent.first);
    await staff.getByLabel(w.next, { exact: true }).fill(agent.password);
    await staff.getByLabel(w.repeat, { exact: true }).fill(agent.password);
    await staff.getByRole('button', { name: w.change }).click();
    const inboxLink = staff.getByRole('navigation').getByRole('link', { name: w.inbox, exact: true });
    await inboxLink.click();
    await staff.getByRole('heading', { name: w.inbox, level: 1 }).waitFor();
    expect(await inboxLink.getAttribute('aria-current')).toBe('page');
    await staff.locator('.live-dot.on', { hasText: w.live }).waitFor();
    await staff.getByText(w.nobody).waitFor();
    // Presence: the agent is listed as online.
    await staff.locator('.presence li.on', { hasText: name }).waitFor();
    // The browser granted notifications: the console does not ask.
    expect(await staff.getByRole('button', { name: w.enableNotifications }).count()).toBe(0);
    // Everything from here on happens in this one document: no reload, no navigation away.
    await staff.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    // 2. A visitor on the host page asks the bot, gets an answer, then asks for a person.
    const { page: visitor, context: visitorContext, problems: visitorProblems, dialogs } = await world.openHostPage('plain', {
      query: { locale: w.widgetLocale },
      context: { locale: w.locale },
      initScripts: [CSP_RECORDER],
    });
    const v = widget(visitor);
    const status = visitor.locator('[data-testid="cc-handoff-status"]');
    await openChat(visitor);
    await sendMessage(visitor, w.question);
    expect(await waitForLastReply(visitor)).toBe('complete');
    expect(await bodyText(v.lastAssistant)).toBe(w.answer);

    const modelCalls = world.simulator.requests.length;
    const talk = visitor.getByRole('button', { name: w.talkToAPerson });
    await talk.click();
    await visitor.getByRole('status').filter({ hasText: w.waiting }).waitFor();
    expect(await status.getAttribute('data-state')).toBe('waiting');
    expect((await status.textContent())?.trim()).toBe(w.waiting);
    await talk.waitFor({ state: 'detached' });
    // Someone is online: no form to leave a message instead.
    expect(await visitor.locator('[data-testid="cc-leave"]').count()).toBe(0);
    // While waiting, what the visitor writes goes to the staff; no bot answers it.
    await sendMessage(visitor, w.meanwhile);

    // 3. The inbox lists the conversation as waiting, live, with one unread message (the one
    //    written while waiting); the nav says so; the console notified the staff member.
    const row = staff.locator('.inbox-row.state-waiting');
    await row.locator('.badge', { hasText: w.oneUnread }).waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.locator('.badge.warning').textContent()).toBe(w.waitingLessThanAMinute);
    expect(await row.locator('.row-preview').textContent()).toBe(w.meanwhile);
    const visitorLabel = (await row.locator('.row-user').textContent())!;
    expect(visitorLabel).toMatch(/\S/);
    await staff.getByRole('navigation').getByRole('link', { name: w.inboxWithCount }).waitFor();
    const notifications = await staff.evaluate(() => (window as unknown as { __notifications: Array<{ title: string; body?: string; tag?: string }> }).__notifications);
    expect(notifications).toHaveLength(1);
    expect(notifications[0].title).toBe(w.notifyWaiting);
    expect(notifications[0].body).toMatch(new RegExp(`^${escapeRegExp(visitorLabel)} · `));

    // They open it: the visitor's messages, the bot's earlier answer, and the page the visitor is on.
    await row.click();
    const thread = staff.locator('.inbox-thread');
    await thread.locator('.message').nth(2).waitFor();
    expect(await messageTexts(thread.locator('.message'))).toEqual([
      ['from-visitor', w.question],
      ['from-bot', w.answer],
      ['from-visitor', w.meanwhile],
    ]);
    expect(await thread.locator('.section-head .badge').first().textContent()).toBe(w.stateWaiting);
    const conversationId = new URL(staff.url()).pathname.split('/').pop()!;
    expect(notifications[0].tag).toBe(conversationId);
    const facts = staff.locator('.inbox-visitor');
    const pageFact = facts.locator('dl > div', { has: staff.locator('dt', { hasText: new RegExp(`^${escapeRegExp(w.page)}$`) }) });
    const pageUrl = world.pages.url('plain', { locale: w.widgetLocale });
    expect(await pageFact.locator('dd a').textContent()).toBe(pageUrl);
    expect(await pageFact.locator('dd a').getAttribute('href')).toBe(pageUrl);

    // 4. They claim it; the visitor is told who joined.
    await thread.getByRole('button', { name: w.claim, exact: true }).click();
    await thread.locator('.section-head .badge', { hasText: w.stateHuman }).waitFor();
    await thread.locator('.section-head', { hasText: w.withYou }).waitFor();
    await visitor.getByRole('status').filter({ hasText: w.joined(name) }).waitFor();
    expect(await status.getAttribute('data-state')).toBe('human');

    // They type: the visitor sees them typing; Enter sends; the visitor reads it under their name.
    const composer = staff.getByLabel(w.composer);
    await composer.pressSequentially(w.staffReply.slice(0, 5));
    await visitor.locator('[data-testid="cc-agent-typing"]').waitFor();
    await composer.fill(w.staffReply);
    await composer.press('Enter');
    const fromStaff = visitor.locator(`${sel.message}[data-role="agent"]`);
    await fromStaff.waitFor();
    expect(await fromStaff.locator('[data-testid="cc-author"]').textContent()).toBe(name);
    expect(await bodyText(fromStaff)).toBe(w.staffReply);
    await visitor.locator('[data-testid="cc-agent-typing"]').waitFor({ state: 'detached' });
    expect(await v.live.textContent()).toBe(w.staffReply);
    // The staff member's own view: the message under their name, marked as staff; the composer
    // cleared once the server took it (the answer to the send has arrived by then).
    const mine = thread.locator('.message.from-agent');
    await mine.first().waitFor();
    await staff.waitForFunction((box) => (box as HTMLTextAreaElement).value === '', await composer.elementHandle());
    expect(await mine.first().locator('.message-role').textContent()).toBe(name);
    expect(await mine.first().locator('.message-head .badge').first().textContent()).toBe(w.staffBadge);
    expect(await mine.first().locator('.message-text').textContent()).toBe(w.staffReply);
    // Checked at the end, so that the rest of the journey still runs when it is wrong.
    const staffCopies = await mine.count();

    // 5. The visitor answers; the staff member reads it live in the conversation.
    await sendMessage(visitor, w.visitorAnswer);
    await thread.locator('.message.from-visitor', { hasText: w.visitorAnswer }).waitFor();
    const threadAfterAnswer = await messageTexts(thread.locator('.message'));
    expect(threadAfterAnswer.filter(([, text]) => text !== w.staffReply)).toEqual([
      ['from-visitor', w.question],
      ['from-bot', w.answer],
      ['from-visitor', w.meanwhile],
      ['from-visitor', w.visitorAnswer],
    ]);
    // No bot answered while a person was asked for or answered.
    expect(world.simulator.requests.length).toBe(modelCalls);
    expect(await v.assistants.count()).toBe(1);

    // 6. They release it to the bot: the visitor is told; the inbox has nobody left waiting.
    await thread.getByRole('button', { name: w.release }).click();
    await visitor.getByRole('status').filter({ hasText: w.back }).waitFor();
    expect(await status.getAttribute('data-state')).toBe('bot');
    await staff.getByText(w.nobody).waitFor();
    await thread.locator('.section-head .badge', { hasText: w.stateBot }).waitFor();
    await staff.getByRole('navigation').getByRole('link', { name: w.inbox, exact: true }).waitFor();
    // The visitor may ask for a person again.
    await talk.waitFor();

    // The visitor asks again: the bot answers, streamed (seen while streaming, then complete).
    world.simulator.configure({ tokensPerSecond: 40 });
    await sendMessage(visitor, w.again);
    await visitor.locator(`${sel.assistant}[data-status="streaming"]`).waitFor();
    expect(await waitForLastReply(visitor)).toBe('complete');
    expect(await bodyText(v.lastAssistant)).toBe(w.againAnswer);
    expect(await v.assistants.count()).toBe(2);
    // The bot was given the whole conversation, the staff member's message included.
    const lastCall = world.simulator.requests.at(-1)!.body as { messages: Array<{ role: string; content: string }> };
    expect(lastCall.messages.map((m) => m.content)).toEqual(expect.arrayContaining([w.staffReply, w.visitorAnswer, w.again]));

    // The staff member's message is in their own view once, where it belongs (after their
    // message written while waiting, before the visitor's answer).
    expect(staffCopies).toBe(1);
    expect(threadAfterAnswer).toEqual([
      ['from-visitor', w.question],
      ['from-bot', w.answer],
      ['from-visitor', w.meanwhile],
      ['from-agent', w.staffReply],
      ['from-visitor', w.visitorAnswer],
    ]);

    // Nothing went wrong on either side.
    expect(await staff.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(await staff.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(await visitor.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(staffProblems).toEqual([]);
    expect(visitorProblems).toEqual([]);
    expect(dialogs).toEqual([]);
    await visitorContext.close();
    await staffContext.close();
  }, 90_000);
});

/** Each message of a console thread as [its class of author, its text]. */
async function messageTexts(messages: Locator): Promise<Array<[string, string]>> {
  return messages.evaluateAll((items) =>
    items.map((li) => [
      ['from-visitor', 'from-bot', 'from-agent'].find((c) => li.classList.contains(c)) ?? li.className,
      li.querySelector('.message-text')?.textContent ?? '',
    ]),
  );
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('dialog', (d) => (problems.push(`dialog: ${d.message()}`), void d.dismiss()));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && problems.push(`CSP: ${m.text()}`));
  return problems;
}
