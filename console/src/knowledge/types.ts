/**
 * The knowledge API (PROTOCOL §6) as the console reads it. The backend's own view types do not
 * exist yet; when they do, these become type-only imports like those of api/types.ts.
 */

export type SearchMode = 'hybrid' | 'lexical';
export type SourceKind = 'file' | 'text' | 'faq' | 'url';
export type SourceStatus = 'queued' | 'indexing' | 'ready' | 'failed';

export interface KnowledgeLimits {
  maxSources: number;
  maxFileBytes: number;
  maxChunks: number;
}

export interface KnowledgeSource {
  id: string;
  title: string;
  kind: SourceKind;
  status: SourceStatus;
  error?: string;
  chunks: number;
  progress?: { done: number; total: number };
  url?: string;
  filename?: string;
  bytes: number;
  crawl?: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface KnowledgeList {
  mode: SearchMode;
  limits: KnowledgeLimits;
  sources: KnowledgeSource[];
}

export interface FaqPair {
  question: string;
  answer: string;
}

export interface Chunk {
  id: string;
  position: number;
  headingPath: string[];
  text: string;
  tokens: number;
}

/** What an editable source holds: pasted text, or the FAQ's pairs. */
export type SourceContent = { text: string } | { faq: FaqPair[] };

export interface SourceDetail {
  source: KnowledgeSource;
  chunks: Chunk[];
  content?: SourceContent;
}

/** The JSON bodies of POST (new) and PUT (text and FAQ only) `/api/bots/:id/knowledge`. */
export type TextBody = { title: string; text: string };
export type FaqBody = { title: string; faq: FaqPair[] };
export type UrlBody = { url: string; crawl?: boolean };
export type SourceBody = TextBody | FaqBody | UrlBody;

export interface SearchResult {
  sourceId: string;
  title: string;
  excerpt: string;
  score: number;
  /** Cosine similarity to the question, when the question could be embedded. */
  similarity?: number;
  /** Given to a visitor's answer as passage [n] under the bot's settings; absent: not given. */
  passage?: number;
  headingPath: string[];
  url?: string;
}

export interface SearchAnswer {
  mode: SearchMode;
  results: SearchResult[];
}

/** A passage an answer was given, as the transcript shows it; the answer cites it as `[n]`. */
export interface AnswerSource {
  n: number;
  sourceId: string;
  title: string;
  url?: string;
  excerpt: string;
  score?: number;
}
