import type { Bot } from '../bots/bot.entity';
import type { HistoryRow } from '../conversations/messages.repository';
import { BotChanges } from '../bots/bot-changes';
import { sameHistory, TurnCache } from './turn-cache';

const bot = { id: 'b' } as Bot;
const row = (id: string, text: string): HistoryRow => ({ id, role: 'user', text, inReplyTo: null });

describe('TurnCache', () => {
  it('keeps the latest 200 rows of a conversation and the stored text of its answers', () => {
    const cache = new TurnCache();
    cache.set('c', bot, Array.from({ length: 205 }, (_, i) => row(`r${i}`, 'x')));
    expect(cache.get('c')!.history).toHaveLength(200);
    expect(cache.get('c')!.history[0].id).toBe('r5');
    cache.ended('c', 'r204', 'final text');
    expect(cache.get('c')!.history.at(-1)!.text).toBe('final text');
  });

  it('forgets the conversations used longest ago past its bound on characters', () => {
    const cache = new TurnCache();
    const big = [row('r', 'x'.repeat(6_000_000))];
    for (const id of ['a', 'b', 'c']) cache.set(id, bot, big);
    cache.get('a'); // used: b is now the oldest
    cache.set('d', bot, big);
    expect(['a', 'b', 'c', 'd'].filter((id) => cache.get(id))).toEqual(['a', 'c', 'd']);
  });
});

describe('TurnCache and bot changes', () => {
  it('forgets the conversations of a bot its owner changed on this instance', () => {
    const changes = new BotChanges();
    const cache = new TurnCache(changes);
    cache.set('c1', bot, [row('r', 'x')]);
    cache.set('c2', { id: 'other' } as Bot, [row('r', 'x')]);
    changes.changed('b');
    expect(cache.get('c1')).toBeUndefined();
    expect(cache.get('c2')).toBeDefined();
  });
});

describe('sameHistory', () => {
  it('compares ids, texts and links in order', () => {
    expect(sameHistory([row('a', '1')], [row('a', '1')])).toBe(true);
    expect(sameHistory([row('a', '1')], [row('a', '2')])).toBe(false);
    expect(sameHistory([row('a', '1')], [row('b', '1')])).toBe(false);
    expect(sameHistory([row('a', '1')], [])).toBe(false);
  });
});
