import { Injectable } from '@nestjs/common';
import { buildSegment, type Segment, searchSegments } from './bm25';
import { type AnsweringSource, KnowledgeChunksRepository } from './knowledge-chunks.repository';

/** Chunks held in memory across all bots; the least recently searched bots are dropped beyond it. */
const MAX_INDEXED_CHUNKS = 200_000;

/** A lexical match: a chunk id and its BM25 score for the question's terms. */
export interface LexicalHit {
  id: string;
  score: number;
}

interface BotIndex {
  /** Which generation of each source the index holds, and its chunks' postings. */
  sources: Map<string, { generation: number; segment: Segment }>;
  chunks: number;
  usedAt: number;
  /** Updates run one at a time per bot. */
  updating: Promise<unknown>;
}

/**
 * The lexical side of retrieval, in memory: per bot, a BM25 index (bm25.ts) over the terms the
 * database holds for its answering chunks. Ranking thousands of matching chunks in PostgreSQL
 * meant reading each one's tsvector; here a question costs one small read of which source
 * generations answer, and the index follows them: a source that started answering at a new
 * generation, or stopped, is loaded or dropped before the search. So every instance answers from
 * what the database says answers, whichever instance indexed it.
 */
@Injectable()
export class LexicalIndex {
  private readonly bots = new Map<string, BotIndex>();

  constructor(private readonly chunks: KnowledgeChunksRepository) {}

  async search(botId: string, terms: string[], limit: number): Promise<LexicalHit[]> {
    if (!terms.length) return [];
    const index = await this.current(botId);
    index.usedAt = Date.now();
    return searchSegments([...index.sources.values()].map((s) => s.segment), terms, limit);
  }

  /**
   * Brings the bot's index up to date now, in the background (a source became ready here), so
   * the next question does not wait for a large source to load. Failures wait for that question.
   */
  warm(botId: string): Promise<void> {
    return this.current(botId).then(
      () => undefined,
      () => undefined,
    );
  }

  /** The bot's index, brought in line with the generations that answer now. */
  private async current(botId: string): Promise<BotIndex> {
    const answering = await this.chunks.answeringSources(botId);
    let index = this.bots.get(botId);
    if (!index) {
      index = { sources: new Map(), chunks: 0, usedAt: Date.now(), updating: Promise.resolve() };
      this.bots.set(botId, index);
    }
    const bot = index;
    const update = bot.updating.then(() => this.follow(bot, answering));
    bot.updating = update.catch(() => undefined);
    await update;
    this.evict(botId);
    return bot;
  }

  private async follow(index: BotIndex, answering: AnsweringSource[]): Promise<void> {
    const wanted = new Map(answering.map((s) => [s.id, s.generation]));
    for (const [sourceId, held] of index.sources) {
      if (wanted.get(sourceId) === held.generation) continue;
      index.chunks -= held.segment.ids.length;
      index.sources.delete(sourceId);
    }
    for (const { id, generation } of answering) {
      if (index.sources.has(id)) continue;
      const rows = await this.chunks.termsOf(id, generation);
      index.sources.set(id, { generation, segment: buildSegment(rows) });
      index.chunks += rows.length;
    }
  }

  /** Beyond the memory bound, the bots searched least recently are dropped (rebuilt when asked again). */
  private evict(keep: string): void {
    let total = [...this.bots.values()].reduce((n, b) => n + b.chunks, 0);
    const oldest = [...this.bots.entries()].filter(([id]) => id !== keep).sort((a, b) => a[1].usedAt - b[1].usedAt);
    for (const [id, index] of oldest) {
      if (total <= MAX_INDEXED_CHUNKS) break;
      this.bots.delete(id);
      total -= index.chunks;
    }
  }
}
