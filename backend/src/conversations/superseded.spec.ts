import { withoutSuperseded } from './superseded';

describe('withoutSuperseded', () => {
  const q1 = { id: 'q1', role: 'user', inReplyTo: null };
  const a1 = { id: 'a1', role: 'assistant', inReplyTo: 'q1' };
  const a1retry = { id: 'a1b', role: 'assistant', inReplyTo: 'q1' };
  const q2 = { id: 'q2', role: 'user', inReplyTo: null };
  const a2 = { id: 'a2', role: 'assistant', inReplyTo: 'q2' };

  it('keeps only the latest answer to each question', () => {
    expect(withoutSuperseded([q1, a1, a1retry, q2, a2]).map((m) => m.id)).toEqual(['q1', 'a1b', 'q2', 'a2']);
  });

  it('keeps everything when nothing was retried, and answers without a question', () => {
    const orphan = { id: 'o', role: 'assistant', inReplyTo: null };
    expect(withoutSuperseded([q1, a1, orphan, q2, a2]).map((m) => m.id)).toEqual(['q1', 'a1', 'o', 'q2', 'a2']);
  });
});
