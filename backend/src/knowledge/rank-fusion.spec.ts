import type { Candidate } from './knowledge-chunks.repository';
import { fuse, selectPassages } from './rank-fusion';
import { passageTitle } from './knowledge-retriever';

const chunk = (id: string, extra: Partial<Candidate> = {}): Candidate => ({ id, sourceId: 's' + id, title: 'T' + id, url: null, headingPath: [], text: 'text ' + id, tokens: 100, ...extra });
const options = { lists: 2, minSimilarity: 0.1, minVectorOnly: 0.3 };

describe('reciprocal rank fusion', () => {
  it('ranks first what both lists rank high, and scales the best possible to 1', () => {
    const lexical = [chunk('a', { rank: 0.9, similarity: 0.5 }), chunk('b', { rank: 0.5, similarity: 0.6 })];
    const vector = [chunk('b', { similarity: 0.6 }), chunk('a', { similarity: 0.5 }), chunk('c', { similarity: 0.4 })];
    const fused = fuse(lexical, vector, options);
    expect(fused.map((r) => r.id)).toEqual(['b', 'a', 'c']);
    const onlyOne = fuse([chunk('x', { rank: 1 })], [], { ...options, lists: 1 });
    expect(onlyOne[0].score).toBe(1);
    expect(fused[0].score).toBeLessThan(1);
    expect(fused[0].score).toBeGreaterThan(fused[2].score);
  });

  it('drops a word match far from the question and a meaning-only match below its floor', () => {
    const lexical = [chunk('filler', { rank: 0.4, similarity: 0.05 }), chunk('good', { rank: 0.3, similarity: 0.45 })];
    const vector = [chunk('good', { similarity: 0.45 }), chunk('vague', { similarity: 0.25 }), chunk('close', { similarity: 0.35 })];
    expect(fuse(lexical, vector, options).map((r) => r.id)).toEqual(['good', 'close']);
  });
});

describe('selecting passages', () => {
  const ranked = (sims: number[], tokens = 100) => sims.map((s, i) => ({ ...chunk(String(i), { similarity: s, tokens }), score: 1 - i / 10 }));

  it('keeps at most `count`, within the token budget, skipping one that does not fit', () => {
    const list = ranked([0.5, 0.5, 0.5, 0.5]);
    list[1].tokens = 900;
    expect(selectPassages(list, { count: 3, tokenBudget: 400, relativeSimilarity: 0 }).map((r) => r.id)).toEqual(['0', '2', '3']);
    expect(selectPassages(list, { count: 2, tokenBudget: 4000, relativeSimilarity: 0 }).map((r) => r.id)).toEqual(['0', '1']);
  });

  it('leaves out passages far less similar than the best one', () => {
    expect(selectPassages(ranked([0.6, 0.2, 0.5]), { count: 4, tokenBudget: 4000, relativeSimilarity: 0.6 }).map((r) => r.id)).toEqual(['0', '2']);
    // Without similarities (the question could not be embedded) rank alone decides.
    const words = ranked([0, 0]).map(({ similarity: _s, ...r }) => r);
    expect(selectPassages(words, { count: 4, tokenBudget: 4000, relativeSimilarity: 0.6 })).toHaveLength(2);
  });
});

describe('passage titles', () => {
  it('does not repeat the document title that opens the heading path', () => {
    expect(passageTitle('Sunny Smile', ['Sunny Smile', 'Prices'])).toBe('Sunny Smile › Prices');
    expect(passageTitle('Returns', ['Refunds'])).toBe('Returns › Refunds');
    expect(passageTitle('Returns', [])).toBe('Returns');
  });
});
