import { countTokens, historyWindow, rememberTokens } from './history-window';
import type { LlmMessage } from '../llm/llm.client';

const turn = (role: 'user' | 'assistant', content: string): LlmMessage => ({ role, content });

describe('historyWindow', () => {
  const turns = [turn('user', 'one'), turn('assistant', 'two'), turn('user', 'three'), turn('assistant', 'four'), turn('user', 'five')];

  it('puts the role first and keeps every turn in order when they fit', () => {
    const window = historyWindow('ROLE', turns, 10_000);
    expect(window.map((m) => m.content)).toEqual(['ROLE', 'one', 'two', 'three', 'four', 'five']);
    expect(window[0].role).toBe('system');
  });

  it('drops the oldest turns first when over budget', () => {
    const window = historyWindow('ROLE', turns, 3, () => 1);
    expect(window.map((m) => m.content)).toEqual(['ROLE', 'three', 'four', 'five']);
  });

  it('always sends the newest turn, even when it alone exceeds the budget', () => {
    const window = historyWindow('ROLE', turns, 0, () => 5);
    expect(window.map((m) => m.content)).toEqual(['ROLE', 'five']);
  });

  it('counts tokens with a tokenizer, not characters', () => {
    // A tokenizer packs common English words into one token each: far fewer than the characters.
    const latin = countTokens(turn('user', 'internationalization '.repeat(10)));
    expect(latin).toBeLessThan('internationalization '.repeat(10).length / 2);
    expect(countTokens(turn('user', ''))).toBe(4);
  });

  it('gives the same count for a text seen before (kept, not encoded again)', () => {
    const text = '多喝温水，早睡早起。'.repeat(20) + ' stay hydrated';
    const first = countTokens(turn('assistant', text));
    expect(countTokens(turn('user', text))).toBe(first);
  });

  it('takes a count given for a text (an answer\'s completion tokens) instead of encoding it', () => {
    const answer = 'An answer whose count Azure reported. '.repeat(5);
    rememberTokens(answer, 7);
    expect(countTokens(turn('assistant', answer))).toBe(7 + 4);
  });

  it('stops at the first turn that does not fit rather than skipping it', () => {
    const sizes: Record<string, number> = { one: 1, two: 1, three: 50, four: 1, five: 1 };
    const window = historyWindow('ROLE', turns, 10, (m) => sizes[m.content]);
    expect(window.map((m) => m.content)).toEqual(['ROLE', 'four', 'five']);
  });
});
