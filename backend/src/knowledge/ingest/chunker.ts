import type { Block, ChunkDraft, ChunkOptions, ParsedDocument } from './ingest.types';
import { sentenceJoiner, splitByTokens, splitSentences } from './sentences';

/** A piece of a chunk: a whole block, or a sentence (or a token-cut part of one) of a block. */
interface Unit {
  text: string;
  tokens: number;
  /** The block it came from: units of one block join as sentences, of different blocks by a line break. */
  block: number;
  /** A code block's lines join by line breaks. */
  code: boolean;
  /** The whole block (its sentences can still be taken apart for the overlap). */
  whole: boolean;
}

/** Per separator, in the running estimate; the exact count is taken when a chunk is closed. */
const SEPARATOR_TOKENS = 1;

/**
 * A document as chunks that follow its structure: a heading starts a new section and a chunk
 * never spans two; blocks are packed up to `maxTokens`; a larger block is cut at sentences (a
 * sentence still too long, by tokens); the next chunk of a section starts with the previous
 * one's last sentences, up to `overlapTokens`; a Q&A pair is a chunk of its own.
 */
export function chunkDocument(doc: ParsedDocument, opts: ChunkOptions): ChunkDraft[] {
  if (opts.maxTokens < 1) throw new RangeError('maxTokens must be at least 1');
  const drafts: ChunkDraft[] = [];
  const headings: { level: number; text: string }[] = [];
  const emit = (text: string, tokens: number) => drafts.push({ position: drafts.length, headingPath: headings.map((h) => h.text), text, tokens });
  let section = new SectionPacker(opts, emit);

  doc.blocks.forEach((block, index) => {
    if (block.kind === 'heading') {
      section.close();
      while (headings.length && headings[headings.length - 1].level >= block.level) headings.pop();
      headings.push({ level: block.level, text: block.text });
      section = new SectionPacker(opts, emit);
    } else if (block.kind === 'qa') {
      section.close();
      chunkQa(block, opts, emit);
      section = new SectionPacker(opts, emit);
    } else {
      for (const unit of blockUnits(block, index, opts.maxTokens, opts)) section.add(unit);
    }
  });
  section.close();
  return drafts;
}

function chunkQa(block: Extract<Block, { kind: 'qa' }>, opts: ChunkOptions, emit: (text: string, tokens: number) => void): void {
  const whole = `Q: ${block.question}\nA: ${block.answer}`;
  const tokens = opts.count(whole);
  if (tokens <= opts.maxTokens) return emit(whole, tokens);
  // Too long for one chunk: each part of the answer keeps the question, when the question leaves room.
  const prefix = `Q: ${block.question}\nA: `;
  const room = opts.maxTokens - opts.count(prefix) - SEPARATOR_TOKENS;
  if (room < opts.maxTokens / 2) {
    const packer = new SectionPacker({ ...opts, overlapTokens: 0 }, emit);
    for (const unit of blockUnits({ kind: 'paragraph', text: whole }, 0, opts.maxTokens, opts)) packer.add(unit);
    return packer.close();
  }
  const packer = new SectionPacker({ ...opts, maxTokens: room, overlapTokens: 0 }, (text) => {
    const full = prefix + text;
    emit(full, opts.count(full));
  });
  for (const unit of blockUnits({ kind: 'paragraph', text: block.answer }, 0, room, opts)) packer.add(unit);
  packer.close();
}

function blockText(block: Exclude<Block, { kind: 'heading' | 'qa' }>): string {
  return block.kind === 'list-item' ? `- ${block.text}` : block.text;
}

/** A block as one unit when it fits, else as its sentences (each cut by tokens when still too long). */
function blockUnits(block: Exclude<Block, { kind: 'heading' | 'qa' }>, index: number, max: number, opts: ChunkOptions): Unit[] {
  const text = blockText(block).trim();
  if (!text) return [];
  const code = block.kind === 'code';
  const tokens = opts.count(text);
  if (tokens <= max) return [{ text, tokens, block: index, code, whole: true }];
  return sentenceUnits(text, index, code, opts, max);
}

function sentenceUnits(text: string, block: number, code: boolean, opts: ChunkOptions, max: number): Unit[] {
  const sentences = code ? text.split('\n').filter((l) => l.trim()) : splitSentences(text);
  const units: Unit[] = [];
  for (const sentence of sentences) {
    const tokens = opts.count(sentence);
    if (tokens <= max) units.push({ text: sentence, tokens, block, code, whole: false });
    else for (const piece of splitByTokens(sentence, max, opts.count)) units.push({ text: piece, tokens: opts.count(piece), block, code, whole: false });
  }
  return units;
}

function render(units: Unit[]): string {
  let text = '';
  units.forEach((unit, i) => {
    if (i === 0) text = unit.text;
    else if (units[i - 1].block !== unit.block) text += '\n' + unit.text;
    else text += (unit.code ? '\n' : sentenceJoiner(text, unit.text)) + unit.text;
  });
  return text;
}

/** Packs the units of one section into chunks, with the overlap between consecutive ones. */
class SectionPacker {
  private units: Unit[] = [];
  /** How many of `units` (from the start) repeat the previous chunk. */
  private overlap = 0;
  private estimate = 0;

  private readonly opts: ChunkOptions;
  private readonly emit: (text: string, tokens: number) => void;

  constructor(opts: ChunkOptions, emit: (text: string, tokens: number) => void) {
    this.opts = opts;
    this.emit = emit;
  }

  add(unit: Unit): void {
    const max = this.opts.maxTokens;
    if (this.units.length > this.overlap && this.estimate + SEPARATOR_TOKENS + unit.tokens > max) this.flush(true);
    // The overlap gives way to new text.
    while (this.overlap > 0 && this.estimate + SEPARATOR_TOKENS + unit.tokens > max) this.dropFirst();
    this.units.push(unit);
    this.estimate += (this.units.length > 1 ? SEPARATOR_TOKENS : 0) + unit.tokens;
  }

  close(): void {
    while (this.units.length > this.overlap) this.flush(false);
    this.units = [];
    this.overlap = 0;
    this.estimate = 0;
  }

  /** Emits the chunk so far (what does not fit exactly waits for the next) and starts the next with the overlap. */
  private flush(withOverlap: boolean): void {
    const max = this.opts.maxTokens;
    const waiting: Unit[] = [];
    let text = render(this.units);
    let tokens = this.opts.count(text);
    while (tokens > max) {
      if (this.units.length > this.overlap + 1) waiting.unshift(this.units.pop()!);
      else if (this.overlap > 0) this.dropFirst();
      else break; // a single unit is never over the limit: it was counted alone
      text = render(this.units);
      tokens = this.opts.count(text);
    }
    this.emit(text, tokens);
    const tail = withOverlap || waiting.length ? this.tail() : [];
    this.units = tail;
    this.overlap = tail.length;
    this.estimate = tail.reduce((sum, u, i) => sum + u.tokens + (i ? SEPARATOR_TOKENS : 0), 0);
    for (const unit of waiting) this.add(unit);
  }

  /** The last sentences of the current chunk, up to overlapTokens (never the whole chunk). */
  private tail(): Unit[] {
    const budget = this.opts.overlapTokens;
    if (budget <= 0) return [];
    const tail: Unit[] = [];
    let used = 0;
    for (let i = this.units.length - 1; i >= 0; i--) {
      const unit = this.units[i];
      const parts = unit.whole ? sentenceUnits(unit.text, unit.block, unit.code, this.opts, this.opts.maxTokens) : [unit];
      for (let j = parts.length - 1; j >= 0; j--) {
        const cost = parts[j].tokens + (tail.length ? SEPARATOR_TOKENS : 0);
        if (used + cost > budget || (i === 0 && j === 0)) return tail;
        tail.unshift(parts[j]);
        used += cost;
      }
    }
    return tail;
  }

  private dropFirst(): void {
    const [first] = this.units.splice(0, 1);
    this.overlap--;
    this.estimate -= first.tokens + (this.units.length ? SEPARATOR_TOKENS : 0);
  }
}
