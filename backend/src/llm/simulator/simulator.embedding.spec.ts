import { cosineSimilarity, embeddingFeatures, embeddingToBase64, simulatedEmbedding } from './simulator.embedding';

const norm = (v: number[]) => Math.hypot(...v);

describe('simulatedEmbedding', () => {
  it('is a deterministic unit vector of the asked length', () => {
    const v = simulatedEmbedding('How much water should I drink?', 64);
    expect(v).toHaveLength(64);
    expect(norm(v)).toBeCloseTo(1, 5);
    expect(simulatedEmbedding('How much water should I drink?', 64)).toEqual(v);
    expect(simulatedEmbedding('How much water should I drink?')).toHaveLength(256);
    expect(v.every((x) => Math.fround(x) === x)).toBe(true);
  });

  it('puts English texts that share words closer than unrelated ones', () => {
    const query = simulatedEmbedding('How much water should I drink each day?');
    const near = simulatedEmbedding('Drinking enough water every day keeps you healthy.');
    const far = simulatedEmbedding('The stock market fell sharply on Tuesday.');
    expect(cosineSimilarity(query, near)).toBeGreaterThan(cosineSimilarity(query, far) + 0.1);
    // Case and inflection: trigrams still overlap.
    expect(cosineSimilarity(simulatedEmbedding('Hydration'), simulatedEmbedding('hydrating'))).toBeGreaterThan(0.3);
  });

  it('puts Chinese texts that share characters closer than unrelated ones', () => {
    const query = simulatedEmbedding('每天应该喝多少水？');
    const near = simulatedEmbedding('每天喝水多少比较合适');
    const far = simulatedEmbedding('股票市场今天大幅下跌');
    expect(cosineSimilarity(query, near)).toBeGreaterThan(cosineSimilarity(query, far) + 0.2);
  });

  it('takes words and trigrams from Latin text, unigrams and bigrams from CJK text', () => {
    expect([...embeddingFeatures('Tea 喝水').keys()].sort()).toEqual(['b:喝水', 't:^te', 't:ea$', 't:tea', 'u:水', 'u:喝', 'w:tea'].sort());
  });

  it('still gives a unit vector for text without letters or digits', () => {
    expect(norm(simulatedEmbedding('?!', 16))).toBeCloseTo(1, 5);
    expect(norm(simulatedEmbedding('', 16))).toBeCloseTo(1, 5);
  });

  it('encodes base64 as little-endian float32s', () => {
    const v = simulatedEmbedding('water', 8);
    const bytes = Buffer.from(embeddingToBase64(v), 'base64');
    expect(bytes).toHaveLength(32);
    expect(Array.from({ length: 8 }, (_, i) => bytes.readFloatLE(i * 4))).toEqual(v);
  });
});
