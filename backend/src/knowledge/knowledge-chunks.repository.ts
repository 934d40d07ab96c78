import { Injectable, Logger } from '@nestjs/common';
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

/** A source whose chunks answer, and the generation that does. */
export interface AnsweringSource {
  id: string;
  generation: number;
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
  /** BM25 score of the lexical match, when it matched lexically. */
  rank?: number;
  /** Cosine similarity to the question, when both have embeddings of one size. */
  similarity?: number;
}

const BATCH = 100;
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

  /** The sources whose chunks answer for a bot, at the generation that answers. */
  async answeringSources(botId: string): Promise<AnsweringSource[]> {
    const rows: { id: string; generation: number }[] = await this.db.query(
      `SELECT id, active_generation AS generation FROM knowledge_sources WHERE bot_id = $1 AND deleted_at IS NULL AND active_generation IS NOT NULL`,
      [botId],
    );
    return rows.map((r) => ({ id: r.id, generation: Number(r.generation) }));
  }

  /** A generation's chunks with their lexical terms and how often each chunk holds each. */
  async termsOf(sourceId: string, generation: number): Promise<{ id: string; counts: [string, number][] }[]> {
    const rows: { id: string; terms: string }[] = await this.db.query(
      `SELECT id::text AS id, terms::text AS terms FROM knowledge_chunks WHERE source_id = $1 AND generation = $2 ORDER BY position`,
      [sourceId, generation],
    );
    return rows.map((r) => ({ id: r.id, counts: tsvectorCounts(r.terms) }));
  }

  /**
   * The chunks of lexical matches (best first), with their rank, those that still answer only.
   * With the question's embedding, each comes with its similarity to it: computed by pgvector in
   * hybrid mode, here in lexical mode.
   */
  async matched(hits: { id: string; score: number }[], question?: number[] | null): Promise<Candidate[]> {
    if (!hits.length) return [];
    const hybrid = (await this.mode()) === 'hybrid';
    const dims = question?.length ?? 0;
    const params: unknown[] = [hits.map((h) => h.id)];
    let similarity = '';
    if (question && hybrid && dims > 0 && dims <= 16000) {
      params.push(vectorLiteral(question, true));
      similarity = `, CASE WHEN c.dims = ${dims} THEN 1 - (c.embedding::vector(${dims}) <=> $2::vector(${dims})) END AS similarity`;
    } else if (question) {
      similarity = ', c.embedding';
    }
    const rows: (Candidate & { embedding?: number[] | null })[] = await this.db.query(
      `SELECT ${CANDIDATE_COLUMNS} ${similarity} FROM knowledge_chunks c ${ANSWERING} WHERE c.id = ANY($1::bigint[])`,
      params,
    );
    const rankOf = new Map(hits.map((h, i) => [h.id, { score: h.score, at: i }]));
    return rows
      .map(({ embedding, similarity: sql, ...row }) => {
        const computed = sql != null ? Number(sql) : question && embedding && embedding.length === question.length ? cosine(question, embedding) : undefined;
        return { ...row, rank: rankOf.get(row.id)!.score, ...(computed !== undefined ? { similarity: computed } : {}) };
      })
      .sort((a, b) => rankOf.get(a.id)!.at - rankOf.get(b.id)!.at);
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

/**
 * A tsvector's text form (`'sleep':1,7 '睡眠':3`) as [term, how often]: as many times as it has
 * positions (once without). The application's terms are letters and digits only, so none is
 * quoted inside; a doubled quote is read back anyway.
 */
export function tsvectorCounts(text: string): [string, number][] {
  const out: [string, number][] = [];
  for (const [, term, positions] of text.matchAll(/'((?:[^']|'')*)'(?::([\d,A-D]+))?/g)) {
    out.push([term.replace(/''/g, "'"), positions ? positions.split(',').length : 1]);
  }
  return out;
}
