import { countTerms } from './bm25';
import { tsvectorCounts } from './knowledge-chunks.repository';
import type { AnsweringSource } from './knowledge-chunks.repository';
import { LexicalIndex } from './lexical-index';
import { lexicalTerms, queryTerms } from './ingest/lexical';

/** A fake of the repository's two reads the index uses: sources at generations, and their chunks' terms. */
function fakeChunks() {
  const chunks = new Map<string, { id: string; counts: [string, number][] }[]>(); // `${source}@${generation}`
  let answering: AnsweringSource[] = [];
  const reads: string[] = [];
  return {
    reads,
    put(source: string, generation: number, texts: Record<string, string>) {
      chunks.set(`${source}@${generation}`, Object.entries(texts).map(([id, text]) => ({ id, counts: countTerms(lexicalTerms(text)) })));
    },
    answer(list: AnsweringSource[]) {
      answering = list;
    },
    repo: {
      answeringSources: async () => answering,
      termsOf: async (source: string, generation: number) => {
        reads.push(`${source}@${generation}`);
        return chunks.get(`${source}@${generation}`) ?? [];
      },
    },
  };
}

describe('tsvectorCounts', () => {
  it('counts each term by its positions, and a term without positions once', () => {
    expect(tsvectorCounts(`'sleep':1,7 'well':2 '睡眠':3,4,5 'x'`)).toEqual([['sleep', 2], ['well', 1], ['睡眠', 3], ['x', 1]]);
    expect(tsvectorCounts(`'a''b':1A,2B`)).toEqual([["a'b", 2]]);
    expect(tsvectorCounts('')).toEqual([]);
  });
});

describe('LexicalIndex', () => {
  it('ranks by BM25: the chunk where a rare question term is frequent comes first, common words count little', async () => {
    const f = fakeChunks();
    f.put('s1', 1, {
      '1': 'Adults need seven to nine hours of sleep each night. Sleep apnea needs a doctor.',
      '2': 'Eat vegetables each day and drink water each day.',
      '3': 'Each visit to the clinic needs an appointment each week.',
    });
    f.answer([{ id: 's1', generation: 1 }]);
    const index = new LexicalIndex(f.repo as never);
    const hits = await index.search('bot', queryTerms('How many hours of sleep does each adult need?'), 10);
    expect(hits[0].id).toBe('1');
    expect(hits.map((h) => h.id)).toEqual(expect.arrayContaining(['1', '2', '3']));
    expect(hits[0].score).toBeGreaterThan(hits[1].score);
  });

  it('segments Chinese into bigrams like the indexer does', async () => {
    const f = fakeChunks();
    f.put('s1', 1, { '1': '成年人每晚需要七到九小时睡眠。', '2': '每天吃蔬菜，多喝水。' });
    f.answer([{ id: 's1', generation: 1 }]);
    const hits = await new LexicalIndex(f.repo as never).search('bot', queryTerms('成年人需要多少睡眠？'), 10);
    expect(hits.map((h) => h.id)).toEqual(['1']);
  });

  it('follows what answers: a new generation replaces the old chunks, a source gone stops matching, nothing is read twice', async () => {
    const f = fakeChunks();
    f.put('s1', 1, { '1': 'Returns are accepted within 7 days.' });
    f.put('s1', 2, { '2': 'Returns are accepted within 30 days.' });
    f.put('s2', 1, { '3': 'Shipping takes 3 days.' });
    const index = new LexicalIndex(f.repo as never);
    f.answer([{ id: 's1', generation: 1 }, { id: 's2', generation: 1 }]);
    expect((await index.search('bot', queryTerms('returns accepted days'), 10)).map((h) => h.id).sort()).toEqual(['1', '3']);
    expect((await index.search('bot', queryTerms('returns'), 10)).map((h) => h.id)).toEqual(['1']);
    expect(f.reads).toEqual(['s1@1', 's2@1']);

    f.answer([{ id: 's1', generation: 2 }]);
    expect((await index.search('bot', queryTerms('returns accepted days'), 10)).map((h) => h.id)).toEqual(['2']);
    expect(f.reads).toEqual(['s1@1', 's2@1', 's1@2']);

    f.answer([]);
    expect(await index.search('bot', queryTerms('returns'), 10)).toEqual([]);
  });

  it('warms: a source that became ready is loaded before the next question asks', async () => {
    const f = fakeChunks();
    f.put('s1', 1, { '1': 'Returns are accepted within 7 days.' });
    f.answer([{ id: 's1', generation: 1 }]);
    const index = new LexicalIndex(f.repo as never);
    await index.warm('bot');
    expect(f.reads).toEqual(['s1@1']);
    expect((await index.search('bot', queryTerms('returns'), 5)).map((h) => h.id)).toEqual(['1']);
    expect(f.reads).toEqual(['s1@1']);
  });

  it('keeps bots apart and honours the limit', async () => {
    const f = fakeChunks();
    const texts = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [String(i), `sleep hygiene tip number ${i}`]));
    f.put('s1', 1, texts);
    f.answer([{ id: 's1', generation: 1 }]);
    const index = new LexicalIndex(f.repo as never);
    expect(await index.search('botA', queryTerms('sleep'), 5)).toHaveLength(5);
    f.answer([]);
    expect(await index.search('botB', queryTerms('sleep'), 5)).toEqual([]);
    expect(await index.search('botA', [], 5)).toEqual([]);
  });
});
