import { parseHTML } from 'linkedom';
import { h, render } from 'preact';
import type { WireBot } from '../../../../backend/src/chat/widget.events';
import { strings } from '../i18n';
import type { ViewMessage } from '../stream';
import { Reply } from './lazy-parts';
import { MessageList } from './MessageList';

const bot: WireBot = {
  name: 'wellness Guide', greeting: 'Hello! Ask me anything.', suggestions: ['Sleep?', 'Tea?'], locale: 'en', color: '#0f766e', demo: false,
  handoff: true, staffed: true, officeHours: null,
};
/** Today at 10:00 (this machine's time zone) and `minutes` after. */
const at = (minutes: number) => new Date().setHours(10, 0, 0, 0) + minutes * 60_000;
const message = (id: string, role: ViewMessage['role'], minutes: number, more: Partial<ViewMessage> = {}): ViewMessage =>
  ({ id, role, text: `${role} ${id}`, status: 'complete', at: at(minutes), ...more });

describe('the message list', () => {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const g = globalThis as { document?: unknown };
  beforeAll(async () => {
    g.document = document;
    await Reply.preload();
  });
  afterAll(() => { delete g.document; });

  function show(messages: ViewMessage[]) {
    const root = document.createElement('div');
    render(h(MessageList, {
      t: strings('en'), bot, messages, error: null, ready: true, open: true, timeLocale: 'en-GB', onSend: () => undefined, onRetry: () => undefined, onRate: () => undefined,
    }), root);
    const all = (selector: string) => [...root.querySelectorAll(selector)] as HTMLElement[];
    return {
      greeting: root.querySelector('[data-testid="cc-greeting"]')?.textContent,
      suggestions: all('[data-testid="cc-suggestion"]').map((b) => b.textContent),
      /** Each row: a time label, or a message with the name above it (if any). */
      rows: all('[data-testid="cc-time"], [data-testid="cc-message"]').map((el) =>
        el.dataset.testid === 'cc-time' ? `time ${el.textContent}` : `${el.dataset.role}${el.querySelector('[data-testid="cc-author"]') ? ` by ${el.querySelector('[data-testid="cc-author"]')!.textContent} (${el.querySelector('.cc-avatar')!.textContent})` : ''}`),
      titles: all('[data-testid="cc-message"] .cc-bubble').map((b) => b.getAttribute('title')),
    };
  }

  it('shows the greeting under the bot’s name and the suggestions in an empty conversation', () => {
    const view = show([]);
    expect(view.greeting).toBe('wwellness GuideHello! Ask me anything.');
    expect(view.suggestions).toEqual(['Sleep?', 'Tea?']);
    expect(view.rows).toEqual([]);
  });

  it('keeps the greeting once the visitor writes, and drops the suggestions', () => {
    const view = show([message('u1', 'user', 0), message('r1', 'assistant', 0)]);
    expect(view.greeting).toContain('Hello! Ask me anything.');
    expect(view.suggestions).toEqual([]);
  });

  it('labels each group in time, names the bot on the first reply of a run and a person on each of theirs', () => {
    const view = show([
      message('u1', 'user', 0),
      message('r1', 'assistant', 1),
      message('r2', 'assistant', 2), // a second answer in a row: no name again
      message('u2', 'user', 9), // more than five minutes later: a label
      message('r3', 'assistant', 9),
      message('a1', 'agent', 10, { author: { name: 'li Wei' } }),
      message('a2', 'agent', 10, { author: { name: 'li Wei' } }),
      message('r4', 'assistant', 20), // after a gap the bot is named again
      message('q1', 'user', 20, { status: 'queued', at: undefined }), // no time yet: no label
    ]);
    expect(view.rows).toEqual([
      'time 10:00',
      'user',
      'assistant by wellness Guide (w)',
      'assistant',
      'time 10:09',
      'user',
      'assistant by wellness Guide (w)',
      'agent by li Wei (l)',
      'agent by li Wei (l)',
      'time 10:20',
      'assistant by wellness Guide (w)',
      'user',
    ]);
    expect(view.titles[0]).toMatch(/^\d{1,2} \w+ \d{4} at 10:00:00$/);
    expect(view.titles.at(-1)).toBeNull();
  });
});
