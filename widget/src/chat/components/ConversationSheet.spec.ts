import { parseHTML } from 'linkedom';
import { h, render } from 'preact';
import type { WireConversationSummary } from '../../../../backend/src/chat/widget.events';
import { strings } from '../i18n';
import { ConversationSheet, type ConversationSheetProps } from './ConversationSheet';

const today = (h: number, m: number) => new Date(new Date().setHours(h, m, 0, 0)).toISOString();
const summary = (id: string, preview: string, messageCount: number, last: string): WireConversationSummary =>
  ({ id, preview, messageCount, startedAt: last, lastMessageAt: last });

/** Lets Preact run its effects (after paint: 100 ms where there are no animation frames) and the store's promises settle. */
const settle = () => new Promise((r) => setTimeout(r, 150));

describe('the conversation sheet', () => {
  const { document, window } = parseHTML('<!doctype html><html><body></body></html>');
  const g = globalThis as Record<string, unknown>;
  beforeAll(() => {
    Object.assign(g, { document, ShadowRoot: class {} });
  });
  afterAll(() => {
    delete g.document;
    delete g.ShadowRoot;
  });

  function show(props: Partial<ConversationSheetProps>, list?: WireConversationSummary[]) {
    const calls: string[] = [];
    const root = document.createElement('div');
    document.body.append(root);
    const store = {
      newConversation: async () => void calls.push('new'),
      listConversations: async () => (calls.push('list'), list),
      openConversation: async (id: string) => (calls.push(`open ${id}`), true),
    };
    render(h(ConversationSheet, { t: strings('en'), store, mode: 'list', current: 'c3', timeLocale: 'en-GB', onDone: () => calls.push('done'), ...props }), root);
    const $ = (id: string) => root.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
    // A click that does not bubble: linkedom calls an ancestor's Preact listener with the target as
    // `this`, which runs the target's handler twice (browsers call it with the ancestor).
    const press = (el: Element) => el.dispatchEvent(new window.Event('click', { bubbles: false }));
    return { root, calls, $, press };
  }

  it('asks before a new conversation, says the current one is kept, and starts one only when confirmed', async () => {
    const view = show({ mode: 'new' });
    const dialog = view.$('cc-confirm')!;
    expect(dialog.getAttribute('role')).toBe('alertdialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.textContent).toContain('This conversation is kept');
    view.press(view.$('cc-confirm-cancel')!);
    expect(view.calls).toEqual(['done']);
    view.press(view.$('cc-confirm-new')!);
    expect(view.calls).toEqual(['done', 'done', 'new']);
  });

  it('lists the conversations with their first question, time and count; the current one marked and not opened again', async () => {
    const view = show({}, [summary('c3', 'Is tea good?', 2, today(11, 5)), summary('c1', '', 1, today(10, 0))]);
    await settle();
    const items = [...view.root.querySelectorAll('[data-testid="cc-history-item"]')] as HTMLElement[];
    expect(items.map((b) => b.textContent)).toEqual(['Is tea good?Current · 11:05 · 2 messages', '…10:00 · 1 message']);
    expect(items.map((b) => b.getAttribute('aria-current'))).toEqual(['true', null]);
    view.press(items[0]);
    view.press(items[1]);
    await settle();
    expect(view.calls).toEqual(['list', 'done', 'done', 'open c1']);
  });

  it('says when there is nothing to list, or when the list could not be read; Escape closes it without closing the panel', async () => {
    const empty = show({}, []);
    await settle();
    expect(empty.root.querySelector('[role="status"]')!.textContent).toBe('No earlier conversations yet.');
    const failed = show({});
    await settle();
    expect(failed.root.querySelector('[role="status"]')!.textContent).toBe('The conversations could not be loaded.');
    const escape = Object.assign(new window.Event('keydown', { bubbles: true, cancelable: true }), { key: 'Escape' });
    let reachedPanel = false;
    failed.root.addEventListener('keydown', () => (reachedPanel = true));
    failed.root.querySelector('.cc-veil')!.dispatchEvent(escape);
    expect(failed.calls).toEqual(['list', 'done']);
    expect(reachedPanel).toBe(false);
  });

  it('speaks Chinese', async () => {
    const view = show({ t: strings('zh-CN'), mode: 'new' });
    expect(view.$('cc-confirm')!.textContent).toContain('开始新对话？');
    const list = show({ t: strings('zh-CN'), timeLocale: 'zh-CN' }, [summary('c1', '喝水', 3, today(14, 30))]);
    await settle();
    expect(list.$('cc-history-item')!.textContent).toBe('喝水14:30 · 3 条消息');
  });
});
