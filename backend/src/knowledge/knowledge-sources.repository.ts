import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SOURCE_COLUMNS, SourceKind, SourceRow } from './knowledge-source';

export interface NewSource {
  tenantId: string;
  botId: string;
  kind: SourceKind;
  title: string;
  url?: string;
  crawl?: boolean;
  filename?: string;
  mimeType?: string;
  /** The original (file bytes, pasted text, FAQ JSON), kept to index it again; none for URLs. */
  content?: Buffer;
}

/**
 * The one owner of `knowledge_sources`. A source is indexed in attempts: each attempt takes the
 * next `generation`, writes its chunks under it, and only the attempt that is still the latest
 * makes its generation the active one — so a stale worker (an instance that was presumed dead)
 * cannot overwrite a newer index, and the previous chunks answer until the new ones are ready.
 */
@Injectable()
export class KnowledgeSourcesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(source: NewSource): Promise<SourceRow> {
    const [row] = await this.db.query(
      `INSERT INTO knowledge_sources (tenant_id, bot_id, kind, title, url, crawl, filename, mime_type, content, bytes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${SOURCE_COLUMNS}`,
      [source.tenantId, source.botId, source.kind, source.title, source.url ?? null, source.crawl ?? false, source.filename ?? null, source.mimeType ?? null, source.content ?? null, source.content?.length ?? 0],
    );
    return row;
  }

  list(botId: string): Promise<SourceRow[]> {
    return this.db.query(`SELECT ${SOURCE_COLUMNS} FROM knowledge_sources WHERE bot_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC, id`, [botId]);
  }

  async find(botId: string, id: string): Promise<SourceRow | undefined> {
    const [row] = await this.db.query(`SELECT ${SOURCE_COLUMNS} FROM knowledge_sources WHERE id = $1 AND bot_id = $2 AND deleted_at IS NULL`, [id, botId]);
    return row;
  }

  async content(id: string): Promise<Buffer | null> {
    const [row] = await this.db.query(`SELECT content FROM knowledge_sources WHERE id = $1`, [id]);
    return row?.content ?? null;
  }

  /** Sources and bytes a bot holds now (deleted ones aside), for its limits. */
  async usage(botId: string): Promise<{ sources: number; chunks: number }> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS sources, COALESCE(sum(chunk_count), 0)::int AS chunks FROM knowledge_sources WHERE bot_id = $1 AND deleted_at IS NULL`,
      [botId],
    );
    return row;
  }

  /** New content for a text or FAQ source; it is queued to be indexed again. */
  async replaceContent(id: string, title: string, content: Buffer): Promise<SourceRow> {
    const [[row]] = await this.db.query(
      `UPDATE knowledge_sources SET title = $2, content = $3, bytes = $4, status = 'queued', error = NULL, progress_done = NULL, progress_total = NULL, updated_at = now()
       WHERE id = $1 AND deleted_at IS NULL RETURNING ${SOURCE_COLUMNS}`,
      [id, title, content, content.length],
    );
    return row;
  }

  async markQueued(id: string): Promise<SourceRow> {
    const [[row]] = await this.db.query(
      `UPDATE knowledge_sources SET status = 'queued', error = NULL, progress_done = NULL, progress_total = NULL, updated_at = now()
       WHERE id = $1 AND deleted_at IS NULL RETURNING ${SOURCE_COLUMNS}`,
      [id],
    );
    return row;
  }

  /** Starts an indexing attempt: its generation, or undefined when the source is gone. */
  async startAttempt(id: string): Promise<{ row: SourceRow; generation: number } | undefined> {
    const [[row]] = await this.db.query(
      `UPDATE knowledge_sources SET generation = generation + 1, status = 'indexing', error = NULL, progress_done = 0, progress_total = NULL, updated_at = now()
       WHERE id = $1 AND deleted_at IS NULL RETURNING ${SOURCE_COLUMNS}`,
      [id],
    );
    return row ? { row, generation: row.generation } : undefined;
  }

  /** Progress of the latest attempt; false when the attempt is no longer the latest (or the source is gone). */
  async progress(id: string, generation: number, done: number, total: number): Promise<boolean> {
    const [, count] = await this.db.query(
      `UPDATE knowledge_sources SET progress_done = $3, progress_total = $4, updated_at = now() WHERE id = $1 AND generation = $2 AND deleted_at IS NULL`,
      [id, generation, done, total],
    );
    return count > 0;
  }

  /** A title found in the document, for a source added without one. */
  async setTitle(id: string, generation: number, title: string): Promise<void> {
    await this.db.query(`UPDATE knowledge_sources SET title = $3 WHERE id = $1 AND generation = $2`, [id, generation, title]);
  }

  /**
   * The attempt's chunks become the ones that answer, and the older generations' chunks go, in
   * one transaction; false when a newer attempt started meanwhile (this one's chunks are dropped).
   */
  async activate(id: string, generation: number, chunks: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      // The row lock orders activations of one source.
      await tx.query(`SELECT 1 FROM knowledge_sources WHERE id = $1 FOR UPDATE`, [id]);
      const [, count] = await tx.query(
        `UPDATE knowledge_sources SET active_generation = $2, chunk_count = $3, status = 'ready', error = NULL, progress_done = NULL, progress_total = NULL, updated_at = now()
         WHERE id = $1 AND generation = $2 AND deleted_at IS NULL`,
        [id, generation, chunks],
      );
      if (count === 0) {
        await tx.query(`DELETE FROM knowledge_chunks WHERE source_id = $1 AND generation = $2`, [id, generation]);
        return false;
      }
      await tx.query(`DELETE FROM knowledge_chunks WHERE source_id = $1 AND generation <> $2`, [id, generation]);
      return true;
    });
  }

  /**
   * The attempt failed for good: the source says why. Chunks of an earlier index keep answering
   * only when they were made from the same content (a failed re-crawl); new content that cannot
   * be indexed must not leave the old content answering, so those go.
   */
  async fail(id: string, generation: number, error: string, keepPrevious: boolean): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [, count] = await tx.query(
        `UPDATE knowledge_sources SET status = 'failed', error = $3, progress_done = NULL, progress_total = NULL, updated_at = now()
         ${keepPrevious ? '' : ', active_generation = NULL, chunk_count = 0'}
         WHERE id = $1 AND generation = $2 AND deleted_at IS NULL`,
        [id, generation, error.slice(0, 1000)],
      );
      if (count === 0) return;
      await tx.query(`DELETE FROM knowledge_chunks WHERE source_id = $1 AND ${keepPrevious ? 'generation = $2' : 'true'}`, keepPrevious ? [id, generation] : [id]);
    });
  }

  /** Gone for the console and for retrieval at once; the rows go in a background job (`purge`). */
  async markDeleted(botId: string, id: string): Promise<boolean> {
    const [, count] = await this.db.query(`UPDATE knowledge_sources SET deleted_at = now(), content = NULL WHERE id = $1 AND bot_id = $2 AND deleted_at IS NULL`, [id, botId]);
    return count > 0;
  }

  async purge(id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [row] = await tx.query(`SELECT bot_id AS "botId", active_generation AS "active" FROM knowledge_sources WHERE id = $1 AND deleted_at IS NOT NULL FOR UPDATE`, [id]);
      if (!row) return;
      await tx.query(`DELETE FROM knowledge_sources WHERE id = $1`, [id]);
    });
  }
}
