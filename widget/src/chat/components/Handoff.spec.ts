import { parseHTML } from 'linkedom';
import { h, render } from 'preact';
import type { WireBot } from '../../../../backend/src/chat/widget.events';
import type { ChatState } from '../chat-store';
import { strings } from '../i18n';
import { emptyConversation, type ConversationState } from '../stream';
import { Handoff } from './Handoff';
import { LeaveForm } from './lazy-parts';

const bot: WireBot = {
  name: 'Advisor', greeting: 'Hi', suggestions: [], locale: 'en', color: '#0f766e', demo: false, handoff: true, staffed: true,
  officeHours: { timezone: 'Asia/Shanghai', weekly: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })) },
};

describe('the handoff bar', () => {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const asked: string[] = [];
  const g = globalThis as { document?: unknown };

  // Preact creates elements through the global document. The form is in a lazy chunk: loaded
  // first, as the open chat preloads it, so it renders at once.
  beforeAll(async () => {
    g.document = document;
    await LeaveForm.preload();
  });
  afterAll(() => { delete g.document; });

  function show(conversation: Partial<ConversationState>, more: Partial<ChatState> = {}, withBot: WireBot = bot, locale: 'en' | 'zh-CN' = 'en') {
    const root = document.createElement('div');
    const state: ChatState = { open: true, phase: 'ready', conversation: { ...emptyConversation, ...conversation }, ...more };
    render(h(Handoff, {
      t: strings(locale), locale, bot: withBot, state, onAsk: () => asked.push('ask'), onNew: () => asked.push('new'),
      onLeave: async () => true, onCancel: () => asked.push('cancel'),
    }), root);
    const status = root.querySelector('[role="status"]')!;
    return { root, status: status.textContent, button: (id: string) => root.querySelector(`[data-testid="${id}"]`) as HTMLButtonElement | null };
  }

  it('offers a person only while the bot answers and the bot allows it', () => {
    const view = show({ state: 'bot' });
    expect(view.status).toBe('');
    expect(view.button('cc-handoff')?.textContent).toBe('Talk to a person');
    view.button('cc-handoff')!.dispatchEvent(new (document.defaultView as unknown as typeof globalThis).Event('click'));
    expect(asked).toEqual(['ask']);
    expect(show({ state: 'bot' }, {}, { ...bot, handoff: false }).button('cc-handoff')).toBeNull();
    expect(show({ state: 'waiting' }).button('cc-handoff')).toBeNull();
    expect(show({ state: 'bot' }, { phase: 'offline' }).button('cc-handoff')?.disabled).toBe(true);
  });

  it('says who answers in a live status line, in both languages', () => {
    expect(show({ state: 'waiting' }).status).toBe('Someone will reply here soon.');
    expect(show({ state: 'waiting' }, {}, bot, 'zh-CN').status).toBe('已为您转接人工客服，请稍候，回复会显示在这里。');
    expect(show({ state: 'human', agent: { name: 'Li Wei' } }).status).toBe('Li Wei has joined');
    expect(show({ state: 'human', agent: { name: '李伟' } }, {}, bot, 'zh-CN').status).toBe('李伟 已接入');
    expect(show({ state: 'bot', back: true }).status).toBe('You are chatting with the bot again');
    expect(show({ state: 'bot', back: true }, {}, bot, 'zh-CN').status).toBe('已切换回智能助手');
    const closed = show({ state: 'closed' });
    expect(closed.status).toBe('This conversation was closed');
    expect(closed.button('cc-handoff-new')?.textContent).toBe('New conversation');
    // Always in the DOM (empty while nothing is to say), so that a change is announced.
    expect(show({ state: 'bot' }).root.querySelector('[role="status"]')?.getAttribute('aria-live')).toBe('polite');
  });

  it('shows the form to leave a message with labelled fields and the office hours, then the thanks', () => {
    const form = show({ state: 'waiting' }, { leave: 'form' }, { ...bot, staffed: false });
    // The form says nobody is there: no promise of a reply here.
    expect(form.status).toBe('');
    expect(form.root.querySelector('[data-testid="cc-leave"]')?.textContent).toContain("No one is available right now. Leave your email and a message and we'll get back to you.");
    expect(form.root.querySelector('[data-testid="cc-hours"]')?.textContent).toBe('Hours: Mon–Fri 09:00–18:00 (Asia/Shanghai)');
    const labels = [...form.root.querySelectorAll('label')].map((label) => [label.firstChild?.textContent, label.querySelector('input, textarea')?.getAttribute('name')]);
    expect(labels).toEqual([['Email', 'email'], ['Message', 'text']]);
    expect(form.root.querySelector('textarea')?.outerHTML).toMatch(/maxlength="2000"/i);
    expect(show({ state: 'waiting' }, { leave: 'form' }, { ...bot, staffed: false }, 'zh-CN').root.querySelector('[data-testid="cc-hours"]')?.textContent)
      .toBe('服务时间：周一–周五 09:00–18:00 (Asia/Shanghai)');
    expect(show({ state: 'waiting' }, { leave: 'form' }, { ...bot, staffed: false, officeHours: null }).root.querySelector('[data-testid="cc-hours"]')).toBeNull();
    expect(show({ state: 'bot' }, { leave: 'sent' }).status).toBe("Thanks — we'll reply by email.");
    // Someone took the conversation after all: the form goes.
    expect(show({ state: 'human', agent: { name: 'Li Wei' } }, { leave: 'form' }).root.querySelector('form')).toBeNull();
  });
});
