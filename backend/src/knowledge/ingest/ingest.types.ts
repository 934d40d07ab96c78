/**
 * What ingestion works with: a source's bytes become a structured document, the document
 * becomes chunks. Shared by the parsers, the chunker, the crawler and the indexing job.
 */

/** One structural unit of a document, in reading order. */
export type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph' | 'list-item' | 'table-row' | 'code'; text: string }
  | { kind: 'qa'; question: string; answer: string };

export interface ParsedDocument {
  /** The document's own title (first heading, <title>, PDF metadata), else undefined. */
  title?: string;
  blocks: Block[];
  /** Pages read (PDF pages; crawled pages), for progress and the parsing benchmark. */
  pages: number;
}

/** Why a source could not be indexed; `message` is shown to the owner as it is. */
export type IngestFailure =
  | 'empty'
  | 'encrypted'
  | 'image_only'
  | 'too_large'
  | 'unsupported_type'
  | 'unreadable'
  | 'fetch_failed'
  | 'redirected_away'
  | 'robots_disallowed'
  | 'too_many_chunks';

export class IngestError extends Error {
  constructor(
    readonly reason: IngestFailure,
    message: string,
  ) {
    super(message);
    this.name = 'IngestError';
  }
}

/** A chunk before it is embedded and stored. */
export interface ChunkDraft {
  /** 0-based order within the source. */
  position: number;
  /** The headings above it, outermost first (e.g. ["Opening hours", "Holidays"]). */
  headingPath: string[];
  /** The chunk as the model reads it (without the heading path). */
  text: string;
  tokens: number;
}

export interface ChunkOptions {
  /** Upper bound per chunk, in tokens of `count`. */
  maxTokens: number;
  /** Tokens of the previous chunk's tail repeated at the start of the next (within one section). */
  overlapTokens: number;
  count: (text: string) => number;
}

/** A file as it was uploaded. */
export interface UploadedFile {
  bytes: Uint8Array;
  filename: string;
  /** As the browser sent it; the extension and the bytes decide when they disagree. */
  mimeType?: string;
}
