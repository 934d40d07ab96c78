/** A bot's knowledge source as stored (PROTOCOL §6), and as the console sees it. */

export type SourceKind = 'file' | 'text' | 'faq' | 'url';
export type SourceStatus = 'queued' | 'indexing' | 'ready' | 'failed';

export interface FaqPair {
  question: string;
  answer: string;
}

export interface SourceRow {
  id: string;
  tenantId: string;
  botId: string;
  kind: SourceKind;
  title: string;
  url: string | null;
  crawl: boolean;
  filename: string | null;
  mimeType: string | null;
  bytes: number;
  status: SourceStatus;
  error: string | null;
  progressDone: number | null;
  progressTotal: number | null;
  generation: number;
  activeGeneration: number | null;
  chunkCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface SourceView {
  id: string;
  title: string;
  kind: SourceKind;
  status: SourceStatus;
  error?: string;
  /** Chunks that answer now (the previous index's while a source is indexed again). */
  chunks: number;
  progress?: { done: number; total: number };
  url?: string;
  filename?: string;
  bytes: number;
  crawl?: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export function toSourceView(row: SourceRow): SourceView {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    status: row.status,
    ...(row.error ? { error: row.error } : {}),
    chunks: row.chunkCount,
    ...(row.status === 'indexing' && row.progressTotal ? { progress: { done: row.progressDone ?? 0, total: row.progressTotal } } : {}),
    ...(row.url ? { url: row.url } : {}),
    ...(row.filename ? { filename: row.filename } : {}),
    bytes: row.bytes,
    ...(row.kind === 'url' ? { crawl: row.crawl } : {}),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Columns as SourceRow's fields. */
export const SOURCE_COLUMNS = `
  id, tenant_id AS "tenantId", bot_id AS "botId", kind, title, url, crawl, filename, mime_type AS "mimeType",
  bytes, status, error, progress_done AS "progressDone", progress_total AS "progressTotal", generation,
  active_generation AS "activeGeneration", chunk_count AS "chunkCount", created_at AS "createdAt", updated_at AS "updatedAt"`;
