import { Injectable, Logger } from '@nestjs/common';
import { resolveBotSettings } from '../bots/bot-settings';
import type { Bot } from '../bots/bot.entity';
import { LlmClient } from '../llm/llm.client';
import { type Passage, PassageRetriever } from '../prompt/passages';
import { queryTerms } from './ingest/lexical';
import { type Candidate, KnowledgeChunksRepository, type RetrievalMode } from './knowledge-chunks.repository';
import { LexicalIndex } from './lexical-index';
import { fuse, type Ranked, selectPassages } from './rank-fusion';

/** Candidates taken from each list before fusion. */
const CANDIDATES = 40;
/**
 * Similarity floor (cosine) for a chunk found by meaning alone, sharing no word with the question:
 * set for OpenAI's text-embedding-3 models and the simulator's, whose unrelated texts score
 * 0–0.2. A chunk that shares words is kept whatever its similarity (a short Chinese question can
 * score 0.05 against the chunk that answers it); fusion ranks it, and the passages given leave
 * out those far below the best (RELATIVE_SIMILARITY).
 */
const MIN_SIMILARITY = 0;
const MIN_VECTOR_ONLY = 0.3;
/** A passage is given only when at least this share of the best passage's similarity. */
const RELATIVE_SIMILARITY = 0.6;
/** The question's embedding may take this long before retrieval goes on with words alone. */
const EMBED_TIMEOUT_MS = 3000;

export interface SearchResult {
  mode: RetrievalMode;
  results: Ranked[];
  /** The question could not be embedded (the model failed): words alone were used. */
  lexicalOnly?: boolean;
}

/**
 * Hybrid retrieval over a bot's chunks: lexical candidates (full text over the application's
 * terms, which segment Chinese into bigrams) and vector candidates (pgvector's HNSW index) fused
 * by reciprocal rank; where the server has no pgvector, the lexical candidates are re-ranked by
 * their similarity to the question here. The question is embedded with the installation's
 * embedding model, as the chunks were; if that fails, words alone still answer.
 */
@Injectable()
export class KnowledgeRetriever extends PassageRetriever {
  private readonly logger = new Logger('Knowledge');

  constructor(
    private readonly chunks: KnowledgeChunksRepository,
    private readonly lexicalIndex: LexicalIndex,
    private readonly llm: LlmClient,
  ) {
    super();
  }

  override async retrieve(bot: Bot, question: string, signal?: AbortSignal): Promise<Passage[]> {
    const settings = resolveBotSettings(bot.settings);
    if (!settings.knowledgeEnabled || !(await this.hasKnowledge(bot.id))) return [];
    const { results } = await this.search(bot.id, question, CANDIDATES, signal);
    return this.passagesOf(results, bot);
  }

  /** Which of a search's results an answer is given, numbered as the model cites them. */
  passagesOf(results: Ranked[], bot: Bot): Passage[] {
    const settings = resolveBotSettings(bot.settings);
    if (!settings.knowledgeEnabled) return [];
    const chosen = selectPassages(results, { count: settings.knowledgePassages, tokenBudget: settings.knowledgeTokenBudget, relativeSimilarity: RELATIVE_SIMILARITY });
    return chosen.map((r, i) => ({
      n: i + 1,
      chunkId: r.id,
      sourceId: r.sourceId,
      title: passageTitle(r.title, r.headingPath),
      ...(r.url ? { url: r.url } : {}),
      text: r.text,
      score: round(r.score),
    }));
  }

  /**
   * What a question retrieves, best first (the console's "test a question" and the retriever
   * alike). `lists` picks one side alone, for the retrieval benchmark's comparison.
   */
  async search(botId: string, question: string, limit: number, signal?: AbortSignal, lists: 'hybrid' | 'lexical' | 'vector' = 'hybrid'): Promise<SearchResult> {
    const mode = await this.chunks.mode();
    const terms = queryTerms(question);
    const embedding = lists === 'lexical' ? null : await this.embed(question, signal);
    let lexical: Candidate[];
    let vector: Candidate[] = [];
    if (mode === 'hybrid' && embedding) {
      [lexical, vector] = await Promise.all([
        lists === 'vector' ? [] : this.lexical(botId, terms, CANDIDATES, embedding),
        this.chunks.nearest(botId, embedding, CANDIDATES),
      ]);
    } else {
      lexical = await this.lexical(botId, terms, CANDIDATES, embedding);
      // Lexical mode: the same candidates, ordered by meaning, are the second list.
      if (embedding) vector = lexical.filter((c) => c.similarity !== undefined).sort((a, b) => b.similarity! - a.similarity!);
      if (lists === 'vector') lexical = [];
    }
    const fused = fuse(lexical, vector, { lists: (lexical.length ? 1 : 0) + (vector.length ? 1 : 0) || 1, minSimilarity: MIN_SIMILARITY, minVectorOnly: lists === 'vector' ? MIN_SIMILARITY : MIN_VECTOR_ONLY });
    return { mode, results: fused.slice(0, limit), ...(embedding || lists === 'lexical' ? {} : { lexicalOnly: true }) };
  }

  /**
   * Lexical candidates: BM25 over the bot's in-memory index (lexical-index.ts), then those chunks
   * read — only the ones that still answer — with their similarity to the question's embedding.
   */
  async lexical(botId: string, terms: string[], limit: number, question?: number[] | null): Promise<Candidate[]> {
    return this.chunks.matched(await this.lexicalIndex.search(botId, terms, limit), question);
  }

  private knowledgeCache = new Map<string, { has: boolean; at: number }>();

  /** Whether the bot has any ready chunks; remembered a few seconds, so bots without knowledge cost no query per turn. */
  private async hasKnowledge(botId: string): Promise<boolean> {
    const cached = this.knowledgeCache.get(botId);
    if (cached && Date.now() - cached.at < 5000) return cached.has;
    const has = await this.chunks.hasAnswering(botId);
    this.knowledgeCache.set(botId, { has, at: Date.now() });
    return has;
  }

  /** A source became ready or went away: the next question looks again, and the lexical index loads it now. */
  forget(botId: string): void {
    this.knowledgeCache.delete(botId);
    void this.lexicalIndex.warm(botId);
  }

  private async embed(text: string, signal?: AbortSignal): Promise<number[] | null> {
    const timeout = AbortSignal.timeout(EMBED_TIMEOUT_MS);
    try {
      const { vectors } = await this.llm.embed({ texts: [text] }, signal ? AbortSignal.any([signal, timeout]) : timeout);
      return vectors[0] ?? null;
    } catch (error) {
      if (signal?.aborted) throw error;
      this.logger.warn(`the question could not be embedded (${(error as Error).message}); retrieving by words alone`);
      return null;
    }
  }
}

/** "Returns policy › Refunds": the source's title, then the headings above the chunk that do not repeat it. */
export function passageTitle(title: string, headingPath: string[]): string {
  const headings = headingPath[0]?.trim() === title.trim() ? headingPath.slice(1) : headingPath;
  return headings.length ? `${title} › ${headings.join(' › ')}` : title;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
