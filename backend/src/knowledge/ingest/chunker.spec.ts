import { countTokens } from 'gpt-tokenizer';
import { chunkDocument } from './chunker';
import type { Block, ChunkOptions, ParsedDocument } from './ingest.types';
import { splitByTokens, splitSentences } from './sentences';

const doc = (blocks: Block[]): ParsedDocument => ({ blocks, pages: 1 });
const gpt = (maxTokens: number, overlapTokens: number): ChunkOptions => ({ maxTokens, overlapTokens, count: (t) => countTokens(t) });

/** A deterministic pseudo-random generator, for property-style runs. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}
const EN = ['clinic', 'opens', 'at', 'nine', 'doctors', 'see', 'patients', 'by', 'appointment', 'parking', 'is', 'free', 'vaccines', 'travel', 'advice'];
const ZH = ['我们', '诊所', '九点', '开门', '医生', '预约', '停车', '免费', '疫苗', '旅行', '建议', '周末', '休息'];

function sentence(rnd: () => number, n: number): string {
  const zh = rnd() < 0.5;
  const words = Array.from({ length: 3 + Math.floor(rnd() * 20) }, () => (zh ? ZH : EN)[Math.floor(rnd() * (zh ? ZH : EN).length)]);
  return zh ? `${words.join('')}${n}号。` : `${words.join(' ')} ${n}.`;
}

describe('chunkDocument', () => {
  it('packs small blocks together under their heading path', () => {
    const chunks = chunkDocument(
      doc([
        { kind: 'paragraph', text: 'Intro before any heading.' },
        { kind: 'heading', level: 1, text: 'Opening hours' },
        { kind: 'paragraph', text: '我们周一到周五九点开门。' },
        { kind: 'list-item', text: 'Mon 9-17' },
        { kind: 'heading', level: 2, text: 'Holidays' },
        { kind: 'table-row', text: 'Christmas | closed' },
        { kind: 'heading', level: 1, text: 'Parking' },
        { kind: 'paragraph', text: 'Free.' },
      ]),
      gpt(200, 20),
    );
    expect(chunks.map(({ position, headingPath, text }) => ({ position, headingPath, text }))).toEqual([
      { position: 0, headingPath: [], text: 'Intro before any heading.' },
      { position: 1, headingPath: ['Opening hours'], text: '我们周一到周五九点开门。\n- Mon 9-17' },
      { position: 2, headingPath: ['Opening hours', 'Holidays'], text: 'Christmas | closed' },
      { position: 3, headingPath: ['Parking'], text: 'Free.' },
    ]);
    expect(chunks[1].tokens).toBe(countTokens(chunks[1].text));
  });

  it('keeps each Q&A pair a chunk of its own', () => {
    const chunks = chunkDocument(
      doc([
        { kind: 'paragraph', text: 'A.' },
        { kind: 'qa', question: '几点开门？', answer: '九点。' },
        { kind: 'qa', question: 'Parking?', answer: 'Free.' },
        { kind: 'paragraph', text: 'B.' },
      ]),
      gpt(200, 20),
    );
    expect(chunks.map((c) => c.text)).toEqual(['A.', 'Q: 几点开门？\nA: 九点。', 'Q: Parking?\nA: Free.', 'B.']);
  });

  it('splits a long Q&A answer, each part with its question', () => {
    const answer = Array.from({ length: 40 }, (_, i) => `Answer sentence number ${i} is here.`).join(' ');
    const chunks = chunkDocument(doc([{ kind: 'qa', question: 'What?', answer }]), gpt(60, 10));
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.text.startsWith('Q: What?\nA: ')).toBe(true);
      expect(c.tokens).toBeLessThanOrEqual(60);
    }
  });

  it('splits a long English paragraph at sentences, with overlap', () => {
    const sentences = Array.from({ length: 30 }, (_, i) => `The clinic note number ${i} says something useful about visits.`);
    const chunks = chunkDocument(doc([{ kind: 'heading', level: 1, text: 'Notes' }, { kind: 'paragraph', text: sentences.join(' ') }]), gpt(50, 15));
    expect(chunks.length).toBeGreaterThan(3);
    for (const [i, c] of chunks.entries()) {
      expect(c.tokens).toBeLessThanOrEqual(50);
      expect(c.headingPath).toEqual(['Notes']);
      // every chunk is made of whole sentences
      for (const s of splitSentences(c.text)) expect(sentences).toContain(s);
      if (i > 0) expect(c.text.startsWith(splitSentences(chunks[i - 1].text).at(-1)!)).toBe(true);
    }
  });

  it('splits a long Chinese paragraph at 。！？ with overlap, and a sentence without punctuation by tokens', () => {
    const sentences = Array.from({ length: 30 }, (_, i) => `第${i}条：我们的诊所每天早上九点开门，周末休息${i % 2 ? '！' : '。'}`);
    const endless = '这是一个没有标点的很长的句子'.repeat(40);
    const chunks = chunkDocument(doc([{ kind: 'paragraph', text: sentences.join('') + endless }]), gpt(60, 20));
    for (const c of chunks) expect(c.tokens).toBeLessThanOrEqual(60);
    for (const s of sentences) expect(chunks.some((c) => c.text.includes(s))).toBe(true);
    expect(chunks.map((c) => c.text).join('').replace(/\s/g, '')).toContain('这是一个没有标点的很长的句子');
    expect(chunks[1].text.startsWith(splitSentences(chunks[0].text).at(-1)!)).toBe(true);
  });

  it('does not overlap across sections', () => {
    const long = Array.from({ length: 10 }, (_, i) => `Sentence ${i} of the first part.`).join(' ');
    const chunks = chunkDocument(doc([{ kind: 'paragraph', text: long }, { kind: 'heading', level: 1, text: 'Next' }, { kind: 'paragraph', text: 'Fresh start.' }]), gpt(30, 10));
    expect(chunks.at(-1)).toMatchObject({ headingPath: ['Next'], text: 'Fresh start.' });
  });

  it('splits a long code block by lines', () => {
    const code = Array.from({ length: 40 }, (_, i) => `const value${i} = compute(${i});`).join('\n');
    const chunks = chunkDocument(doc([{ kind: 'code', text: code }]), gpt(50, 0));
    for (const c of chunks) expect(c.tokens).toBeLessThanOrEqual(50);
    expect(chunks.map((c) => c.text).join('\n')).toBe(code);
  });

  it('property: every chunk within maxTokens, no sentence lost, positions in order', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const rnd = random(seed);
      const blocks: Block[] = [];
      let n = 0;
      for (let b = 0; b < 40; b++) {
        const r = rnd();
        if (r < 0.1) blocks.push({ kind: 'heading', level: 1 + Math.floor(rnd() * 3), text: `Heading ${b}` });
        else if (r < 0.15) blocks.push({ kind: 'qa', question: sentence(rnd, n++), answer: sentence(rnd, n++) });
        else {
          const count = 1 + Math.floor(rnd() * (rnd() < 0.2 ? 40 : 4));
          blocks.push({ kind: rnd() < 0.7 ? 'paragraph' : 'list-item', text: Array.from({ length: count }, () => sentence(rnd, n++)).join(' ') });
        }
      }
      const maxTokens = 30 + Math.floor(rnd() * 200);
      const overlapTokens = Math.floor(rnd() * maxTokens * 0.3);
      const chunks = chunkDocument(doc(blocks), gpt(maxTokens, overlapTokens));
      chunks.forEach((c, i) => {
        expect(c.position).toBe(i);
        expect(c.tokens).toBeLessThanOrEqual(maxTokens);
        expect(c.tokens).toBe(countTokens(c.text));
      });
      const all = chunks.map((c) => c.text).join('\n');
      for (const block of blocks) {
        if (block.kind === 'heading') continue;
        const text = block.kind === 'qa' ? `${block.question} ${block.answer}` : block.kind === 'list-item' ? `- ${block.text}` : block.text;
        for (const s of splitSentences(text)) {
          if (countTokens(s) <= (block.kind === 'qa' ? maxTokens / 2 : maxTokens)) expect(all).toContain(s);
          // A sentence too long for a chunk is cut by tokens: its pieces are all there.
          else if (block.kind !== 'qa') for (const piece of splitByTokens(s, maxTokens, countTokens)) expect(all).toContain(piece);
        }
      }
    }
  });
});
