import { Injectable, Logger } from '@nestjs/common';
import { TERM_COUNTS_SQL } from './knowledge-terms.sql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type RetrievalMode = 'hybrid' | 'lexical';

export interface StoredChunk {
  position: number;
  headingPath: string[];
  pageUrl?: string;
  text: string;
  tokens: number;
  /** Lexical terms (lexicalTerms), letters and digits only. */
  terms: string[];
  embedding: number[] | null;
}

export interface ChunkView {
  id: string;
  position: number;
  headingPath: string[];
  pageUrl?: string;
  text: string;
  tokens: number;
}

/** A chunk found for a question, with the source it answers from. */
export interface Candidate {
  id: string;
  sourceId: string;
  title: string;
  url: string | null;
  headingPath: string[];
  text: string;
  tokens: number;
  /** ts_rank of the lexical match, when it matched lexically. */
  rank?: number;
  /** Cosine similarity to the question, when both have embeddings of one size. */
  similarity?: number;
}

const BATCH = 100;
/** Chunks the lexical query may have to rank (the sum of its terms' frequencies). */
const MAX_RANKED_ROWS = 1500;
const CANDIDATE_COLUMNS = `c.id::text AS id, c.source_id AS "sourceId", s.title, COALESCE(c.page_url, s.url) AS url,
  c.heading_path AS "headingPath", c.text, c.tokens`;
/** Only chunks of the generation that answers, of sources not deleted. */
const ANSWERING = `JOIN knowledge_sources s ON s.id = c.source_id AND s.active_generation = c.generation AND s.deleted_at IS NULL`;

/**
 * The one owner of `knowledge_chunks`: storing a source's chunks, listing them, and finding
 * candidates for a question — lexically (PostgreSQL full text over the application's terms) and,
 * where the server has pgvector, by embedding distance through an HNSW index per dimension.
 */
@Injectable()
export class KnowledgeChunksRepository {
  private readonly logger = new Logger('Knowledge');
  private modeRead?: Promise<RetrievalMode>;
  private readonly indexed = new Map<number, Promise<void>>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** `hybrid` where the embedding column is a pgvector `vector`, else `lexical` (re-ranked in the application). */
  mode(): Promise<RetrievalMode> {
    this.modeRead ??= this.db
      .query(`SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = 'knowledge_chunks'::regclass AND attname = 'embedding'`)
      .then(([row]: { type: string }[]) => (row?.type === 'vector' ? 'hybrid' : 'lexical'));
    return this.modeRead;
  }

  async insert(sourceId: string, botId: string, generation: number, chunks: StoredChunk[]): Promise<void> {
    const hybrid = (await this.mode()) === 'hybrid';
    const dims = new Set(chunks.filter((c) => c.embedding).map((c) => c.embedding!.length));
    if (hybrid) for (const d of dims) await this.ensureVectorIndex(d);
    for (let at = 0; at < chunks.length; at += BATCH) {
      const batch = chunks.slice(at, at + BATCH);
      const params: unknown[] = [];
      const rows = batch.map((c) => {
        const p = params.length;
        params.push(sourceId, botId, generation, c.position, c.headingPath, c.pageUrl ?? null, c.text, c.tokens, c.terms.join(' '), c.embedding?.length ?? null, c.embedding ? vectorLiteral(c.embedding, hybrid) : null);
        const n = (i: number) => `$${p + i}`;
        return `(${n(1)}, ${n(2)}, ${n(3)}, ${n(4)}, ${n(5)}, ${n(6)}, ${n(7)}, ${n(8)}, to_tsvector('simple', ${n(9)}), ${n(10)}, ${n(11)}${hybrid ? '::vector' : '::real[]'})`;
      });
      await this.db.query(
        `INSERT INTO knowledge_chunks (source_id, bot_id, generation, position, heading_path, page_url, text, tokens, terms, dims, embedding) VALUES ${rows.join(', ')}`,
        params,
      );
    }
  }

  /** Fresh statistics after a source's chunks changed, so the planner keeps choosing the indexes. */
  async analyze(): Promise<void> {
    await this.db.query(`ANALYZE knowledge_chunks`);
  }

  /** Chunks of one generation left by an attempt that did not finish. */
  async dropGeneration(sourceId: string, generation: number): Promise<void> {
    await this.db.query(`DELETE FROM knowledge_chunks WHERE source_id = $1 AND generation = $2`, [sourceId, generation]);
  }

  /** Whether any of the bot's chunks answer. */
  async hasAnswering(botId: string): Promise<boolean> {
    const [row] = await this.db.query(`SELECT EXISTS (SELECT 1 FROM knowledge_sources WHERE bot_id = $1 AND deleted_at IS NULL AND active_generation IS NOT NULL) AS has`, [botId]);
    return row.has;
  }

  /** The chunks that answer for a source, in order. */
  async list(sourceId: string, limit: number): Promise<ChunkView[]> {
    const rows = await this.db.query(
      `SELECT c.id::text AS id, c.position, c.heading_path AS "headingPath", c.page_url AS "pageUrl", c.text, c.tokens
       FROM knowledge_chunks c ${ANSWERING} WHERE c.source_id = $1 ORDER BY c.position LIMIT $2`,
      [sourceId, limit],
    );
    return rows.map((r: ChunkView & { pageUrl: string | null }) => ({ ...r, pageUrl: r.pageUrl ?? undefined }));
  }

  /**
   * Lexical candidates: chunks holding any of the terms, by ts_rank (normalised by length). With
   * the question's embedding, each comes with its similarity to it: computed by pgvector in hybrid
   * mode, here in lexical mode.
   */
  async lexical(botId: string, questionTerms: string[], limit: number, question?: number[] | null): Promise<Candidate[]> {
    const terms = await this.rarestTerms(botId, questionTerms);
    if (!terms.length) return [];
    const hybrid = (await this.mode()) === 'hybrid';
    const dims = question?.length ?? 0;
    const params: unknown[] = [botId, terms.join(' | '), limit];
    let similarity = '';
    if (question && hybrid && dims > 0 && dims <= 16000) {
      params.push(vectorLiteral(question, true));
      similarity = `, CASE WHEN c.dims = ${dims} THEN 1 - (c.embedding::vector(${dims}) <=> $4::vector(${dims})) END AS similarity`;
    } else if (question) {
      similarity = ', c.embedding';
    }
    const rows: (Candidate & { embedding?: number[] | null })[] = await this.db.query(
      // Ranked on the terms alone, then the chunks' text and embeddings read for the top ones only:
      // reading them for every match cost more than the ranking. The query inline (not a FROM
      // item), so the planner sees a constant and can take the GIN index.
      `WITH ranked AS (
         SELECT c.id, ts_rank(c.terms, to_tsquery('simple', $2), 1) AS rank
         FROM knowledge_chunks c ${ANSWERING}
         WHERE c.bot_id = $1 AND c.terms @@ to_tsquery('simple', $2) ORDER BY rank DESC, c.id LIMIT $3
       )
       SELECT ${CANDIDATE_COLUMNS}, ranked.rank ${similarity}
       FROM ranked JOIN knowledge_chunks c ON c.id = ranked.id JOIN knowledge_sources s ON s.id = c.source_id
       ORDER BY ranked.rank DESC, c.id`,
      params,
    );
    return rows.map(({ embedding, similarity: sql, ...row }) => {
      const computed = sql != null ? Number(sql) : question && embedding && embedding.length === question.length ? cosine(question, embedding) : undefined;
      return { ...row, rank: Number(row.rank), ...(computed !== undefined ? { similarity: computed } : {}) };
    });
  }

  /**
   * The question's terms the bot's chunks hold, rarest first, as many as keep the chunks to rank
   * within bounds: a term most chunks hold ("the", "我们") says little and costs a row each.
   * At least the rarest one is kept, so a question is never left without words.
   */
  private async rarestTerms(botId: string, terms: string[]): Promise<string[]> {
    if (!terms.length) return [];
    const rows: { term: string; df: number; total: number }[] = await this.db.query(TERM_COUNTS_SQL, [botId, terms]);
    const sorted = rows.sort((a, b) => a.df - b.df || a.term.localeCompare(b.term));
    const kept: string[] = [];
    let rowsToRank = 0;
    for (const { term, df } of sorted) {
      if (kept.length && rowsToRank + df > MAX_RANKED_ROWS) break;
      kept.push(term);
      rowsToRank += df;
    }
    return kept;
  }

  /** Vector candidates (hybrid mode only): nearest by cosine distance, through the HNSW index of the question's size. */
  async nearest(botId: string, question: number[], limit: number): Promise<Candidate[]> {
    const dims = question.length;
    if (!Number.isInteger(dims) || dims < 1 || dims > 16000) return [];
    return this.db.transaction(async (tx) => {
      // pgvector ≥ 0.8: keep scanning the index until enough rows pass the bot filter.
      await tx.query(`SET LOCAL hnsw.iterative_scan = relaxed_order`).catch(() => undefined);
      const rows: (Candidate & { distance: number })[] = await tx.query(
        `SELECT ${CANDIDATE_COLUMNS}, c.embedding::vector(${dims}) <=> $2::vector(${dims}) AS distance
         FROM knowledge_chunks c ${ANSWERING}
         WHERE c.bot_id = $1 AND c.dims = ${dims} ORDER BY c.embedding::vector(${dims}) <=> $2::vector(${dims}) LIMIT $3`,
        [botId, vectorLiteral(question, true), limit],
      );
      return rows.map(({ distance, ...row }) => ({ ...row, similarity: 1 - Number(distance) }));
    });
  }

  private ensureVectorIndex(dims: number): Promise<void> {
    let made = this.indexed.get(dims);
    if (!made) {
      made = this.db
        .query(`CREATE INDEX IF NOT EXISTS "IDX_knowledge_chunks_embedding_${dims}" ON knowledge_chunks USING hnsw ((embedding::vector(${dims})) vector_cosine_ops) WHERE dims = ${dims}`)
        .then(
          () => undefined,
          // Another instance making the same index at the same moment; either one serves.
          (error: Error) => this.logger.warn(`HNSW index for ${dims} dimensions: ${error.message}`),
        );
      this.indexed.set(dims, made);
    }
    return made;
  }
}

function vectorLiteral(values: number[], vector: boolean): string {
  const body = values.map((v) => (Number.isFinite(v) ? v : 0)).join(',');
  return vector ? `[${body}]` : `{${body}}`;
}

export function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
