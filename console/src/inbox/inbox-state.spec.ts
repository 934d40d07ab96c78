import { applyMessage, applyUpdate, badgeCount, minutesSince, sortInbox, startsWaiting } from './inbox-state';
import type { InboxConversation } from './types';

const conv = (id: string, over: Partial<InboxConversation> = {}): InboxConversation => ({
  id,
  botId: 'b1',
  botName: 'Clinic',
  state: 'waiting',
  assignee: null,
  waitingSince: '2026-01-01T10:00:00.000Z',
  lastMessage: { role: 'user', text: 'hi', createdAt: '2026-01-01T10:00:00.000Z' },
  unread: 1,
  visitor: { id: 'v1', label: 'Visitor 1a2b', earlierConversations: 0 },
  updatedAt: '2026-01-01T10:00:00.000Z',
  ...over,
});
const ids = (list: InboxConversation[]) => list.map((c) => c.id);

describe('inbox list', () => {
  it('puts waiting first, the longest waiting first, then the latest active', () => {
    const list = sortInbox([
      conv('h-old', { state: 'human', waitingSince: null, updatedAt: '2026-01-01T09:00:00.000Z' }),
      conv('w-new', { waitingSince: '2026-01-01T10:05:00.000Z' }),
      conv('h-new', { state: 'human', waitingSince: null, updatedAt: '2026-01-01T11:00:00.000Z' }),
      conv('w-old', { waitingSince: '2026-01-01T09:55:00.000Z' }),
    ]);
    expect(ids(list)).toEqual(['w-old', 'w-new', 'h-new', 'h-old']);
  });

  it('adds, replaces and removes on inbox:update', () => {
    let list = [conv('a'), conv('b', { waitingSince: '2026-01-01T10:01:00.000Z' })];
    list = applyUpdate(list, conv('c', { waitingSince: '2026-01-01T09:00:00.000Z' }));
    expect(ids(list)).toEqual(['c', 'a', 'b']);
    list = applyUpdate(list, conv('c', { state: 'human', assignee: { id: 'u1', name: 'Li' }, waitingSince: null }));
    expect(ids(list)).toEqual(['a', 'b', 'c']);
    expect(list[2].assignee?.name).toBe('Li');
    list = applyUpdate(list, conv('a', { state: 'closed' }));
    list = applyUpdate(list, conv('b', { state: 'bot' }));
    expect(ids(list)).toEqual(['c']);
    expect(applyUpdate([], conv('x', { state: 'closed' }))).toEqual([]);
  });

  it('counts a new visitor message once, whichever of message:new and inbox:update comes first', () => {
    const message = { id: 'm2', role: 'user' as const, text: 'still there?', status: 'complete' as const, createdAt: '2026-01-01T10:02:00.000Z' };
    const after = applyMessage([conv('a')], 'a', message);
    expect(after[0].unread).toBe(2);
    expect(after[0].lastMessage).toEqual({ role: 'user', text: 'still there?', createdAt: message.createdAt });
    expect(applyMessage(after, 'a', message)[0].unread).toBe(2);
    const updatedFirst = [conv('a', { unread: 2, lastMessage: { role: 'user', text: 'still there?', createdAt: message.createdAt } })];
    expect(applyMessage(updatedFirst, 'a', message)[0].unread).toBe(2);
    const reply = { ...message, id: 'm3', role: 'agent' as const, createdAt: '2026-01-01T10:03:00.000Z', author: { name: 'Li' } };
    expect(applyMessage(after, 'a', reply)[0].unread).toBe(0);
    expect(applyMessage(after, 'other', reply)).toEqual(after);
  });

  it('notices the moment a conversation starts waiting', () => {
    expect(startsWaiting([], conv('a'))).toBe(true);
    expect(startsWaiting([conv('a')], conv('a', { unread: 3 }))).toBe(false);
    expect(startsWaiting([conv('a', { state: 'human' })], conv('a'))).toBe(true);
    expect(startsWaiting([], conv('a', { state: 'human' }))).toBe(false);
  });

  it('badges what waits for anyone and what I hold unread', () => {
    const list = [
      conv('w1'),
      conv('w2', { unread: 0 }),
      conv('mine-unread', { state: 'human', assignee: { id: 'me', name: 'Me' }, unread: 2 }),
      conv('mine-read', { state: 'human', assignee: { id: 'me', name: 'Me' }, unread: 0 }),
      conv('theirs', { state: 'human', assignee: { id: 'u2', name: 'Wang' }, unread: 5 }),
    ];
    expect(badgeCount(list, 'me')).toBe(3);
    expect(badgeCount([], 'me')).toBe(0);
  });

  it('measures waiting in whole minutes', () => {
    const now = Date.parse('2026-01-01T10:05:30.000Z');
    expect(minutesSince('2026-01-01T10:00:00.000Z', now)).toBe(5);
    expect(minutesSince('2026-01-01T10:10:00.000Z', now)).toBe(0);
    expect(minutesSince(null, now)).toBeNull();
  });
});
