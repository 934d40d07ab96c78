import { historyWindow } from './history-window';
import type { LlmMessage } from '../llm/llm.client';

const turn = (role: 'user' | 'assistant', content: string): LlmMessage => ({ role, content });
const one = () => 1;

describe('historyWindow', () => {
  const turns = [turn('user', 'one'), turn('assistant', 'two'), turn('user', 'three'), turn('assistant', 'four'), turn('user', 'five')];

  it('puts the role first and keeps every turn in order when they fit', () => {
    const window = historyWindow('ROLE', turns, 10_000, one);
    expect(window.map((m) => m.content)).toEqual(['ROLE', 'one', 'two', 'three', 'four', 'five']);
    expect(window[0].role).toBe('system');
  });

  it('sends no system message when the bot has no role', () => {
    expect(historyWindow('', turns, 10_000, one).map((m) => m.role)).not.toContain('system');
  });

  it('drops the oldest turns first when over budget', () => {
    const window = historyWindow('ROLE', turns, 3, one);
    expect(window.map((m) => m.content)).toEqual(['ROLE', 'three', 'four', 'five']);
  });

  it('always sends the newest turn, even when it alone exceeds the budget', () => {
    const window = historyWindow('ROLE', turns, 0, () => 5);
    expect(window.map((m) => m.content)).toEqual(['ROLE', 'five']);
  });

  it('stops at the first turn that does not fit rather than skipping it', () => {
    const sizes: Record<string, number> = { one: 1, two: 1, three: 50, four: 1, five: 1 };
    const window = historyWindow('ROLE', turns, 10, (m) => sizes[m.content]);
    expect(window.map((m) => m.content)).toEqual(['ROLE', 'four', 'five']);
  });
});
