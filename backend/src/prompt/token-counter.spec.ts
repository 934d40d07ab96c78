import { PER_MESSAGE_OVERHEAD, TokenCounter } from './token-counter';

const message = (content: string) => ({ role: 'user' as const, content });

describe('TokenCounter', () => {
  it('counts tokens with the tokenizer, not characters', () => {
    const counter = new TokenCounter();
    const text = 'internationalization '.repeat(10);
    expect(counter.count(message(text))).toBeLessThan(text.length / 2);
    expect(counter.count(message(''))).toBe(PER_MESSAGE_OVERHEAD);
  });

  it('encodes a text once: a text seen before is counted from memory', () => {
    const encode = jest.fn((text: string) => ({ length: text.length }));
    const counter = new TokenCounter(encode);
    const text = '多喝温水，早睡早起。'.repeat(20);
    const first = counter.count(message(text));
    expect(counter.count({ role: 'assistant', content: text })).toBe(first);
    expect(encode).toHaveBeenCalledTimes(1);
  });

  it("takes a count given for a text (an answer's completion tokens) instead of encoding it", () => {
    const encode = jest.fn((text: string) => ({ length: text.length }));
    const counter = new TokenCounter(encode);
    counter.remember('An answer whose count the provider reported.', 7);
    expect(counter.count(message('An answer whose count the provider reported.'))).toBe(7 + PER_MESSAGE_OVERHEAD);
    expect(encode).not.toHaveBeenCalled();
  });

  it('forgets the oldest texts past its bound, and encodes them again when they come back', () => {
    const encode = jest.fn((text: string) => ({ length: 1 }));
    const counter = new TokenCounter(encode);
    const big = (i: number) => `${i}`.padEnd(1_000_000, 'x');
    for (let i = 0; i < 5; i++) counter.count(message(big(i)));
    expect(counter.size).toBe(4);
    counter.count(message(big(0)));
    expect(encode).toHaveBeenCalledTimes(6);
    counter.count(message(big(4)));
    expect(encode).toHaveBeenCalledTimes(6);
  });
});
