import { applyLimits } from './simulator.limits';
import { countTokens } from './simulator.tokens';

const REPLY = 'Drink water every day. Sleep early. Walk after meals.';
const textOf = (r: ReturnType<typeof applyLimits>) => r.pieces.map((p) => p.text).join('');

describe('applyLimits', () => {
  it('passes the whole reply with finish stop when nothing limits it', () => {
    const r = applyLimits(REPLY, {});
    expect([textOf(r), r.finishReason]).toEqual([REPLY, 'stop']);
    expect(applyLimits(REPLY, { maxTokens: countTokens(REPLY) }).finishReason).toBe('stop');
  });

  it('cuts at max_tokens tokens with finish length', () => {
    const r = applyLimits(REPLY, { maxTokens: 3 });
    expect(textOf(r)).toBe('Drink water every');
    expect(r.pieces.reduce((n, p) => n + p.tokens, 0)).toBe(3);
    expect(r.finishReason).toBe('length');
  });

  it('cuts before the earliest stop sequence, which is not sent, with finish stop', () => {
    expect(textOf(applyLimits(REPLY, { stop: ['Walk', '. Sleep'] }))).toBe('Drink water every day');
    expect(applyLimits(REPLY, { stop: ['Sleep'] })).toMatchObject({ finishReason: 'stop' });
    expect(textOf(applyLimits(REPLY, { stop: ['absent'] }))).toBe(REPLY);
  });

  it('max_tokens reached before the stop sequence wins: length', () => {
    const r = applyLimits(REPLY, { stop: ['Walk'], maxTokens: 2 });
    expect([textOf(r), r.finishReason]).toEqual(['Drink water', 'length']);
    // The stop comes first: the cut text fits, finish is stop.
    expect(applyLimits(REPLY, { stop: ['water'], maxTokens: 2 })).toMatchObject({ finishReason: 'stop' });
  });
});
