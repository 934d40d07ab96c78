import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { countTokens } from 'gpt-tokenizer';
import { AppConfig } from '../config/app-config';
import { JobContext, JobQueue } from '../jobs/job-queue';
import { LlmClient } from '../llm/llm.client';
import { OutboundGuard } from '../outbound/outbound-guard';
import { chunkDocument } from './ingest/chunker';
import { fetchUrlSource } from './ingest/crawl';
import { type ChunkDraft, IngestError, type ParsedDocument } from './ingest/ingest.types';
import { lexicalTerms } from './ingest/lexical';
import { parseFile } from './ingest/parse-file';
import { parseFaq, parsePastedText } from './ingest/parse-text';
import { KnowledgeChunksRepository, type StoredChunk } from './knowledge-chunks.repository';
import type { FaqPair, SourceRow } from './knowledge-source';
import { KnowledgeSourcesRepository } from './knowledge-sources.repository';

export const INDEX_JOB = 'knowledge.index';
export const PURGE_JOB = 'knowledge.purge';

/** Chunk size and overlap, in tokens. */
export const CHUNK_TOKENS = 400;
export const CHUNK_OVERLAP = 60;
/** Texts per embedding request. */
const EMBED_BATCH = 64;

interface IndexJob {
  sourceId: string;
}

/** A chunk of a page (a crawled source has many pages). */
type PageChunk = ChunkDraft & { pageUrl?: string };

/**
 * The indexing job: parse → chunk → embed → store, as one attempt under a new generation of the
 * source (see KnowledgeSourcesRepository). Bad input ends the source `failed` with the reason;
 * a model or database failure is tried again by the queue, and fails the source on the last try.
 */
@Injectable()
export class KnowledgeIndexer implements OnModuleInit {
  private readonly logger = new Logger('Knowledge');
  /** Told when a bot's answering chunks change (the retriever forgets what it knew). */
  onChange: (botId: string) => void = () => {};

  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly sources: KnowledgeSourcesRepository,
    private readonly chunks: KnowledgeChunksRepository,
    private readonly llm: LlmClient,
    private readonly guard: OutboundGuard,
  ) {}

  onModuleInit(): void {
    this.jobs.define<IndexJob>({ name: INDEX_JOB, handle: (job) => this.index(job) });
    this.jobs.define<IndexJob>({ name: PURGE_JOB, handle: ({ data }) => this.sources.purge(data.sourceId) });
  }

  /** Queue a source to be indexed (one pending job per source). */
  queue(sourceId: string): Promise<void> {
    return this.jobs.send<IndexJob>(INDEX_JOB, { sourceId }, sourceId);
  }

  purge(sourceId: string): Promise<void> {
    return this.jobs.send<IndexJob>(PURGE_JOB, { sourceId });
  }

  private async index({ data, signal, lastTry }: JobContext<IndexJob>): Promise<void> {
    const attempt = await this.sources.startAttempt(data.sourceId);
    if (!attempt) return; // deleted meanwhile
    const { row, generation } = attempt;
    try {
      const drafts = await this.parseAndChunk(row, generation, signal);
      const usage = await this.sources.usage(row.botId);
      const others = usage.chunks - row.chunkCount;
      if (others + drafts.length > this.config.knowledge.maxChunks) {
        throw new IngestError(
          'too_many_chunks',
          `this source makes ${drafts.length} chunks and the bot already has ${others}; a bot may hold ${this.config.knowledge.maxChunks} chunks — remove sources or split the document`,
        );
      }
      await this.sources.progress(row.id, generation, 0, drafts.length);
      for (let at = 0; at < drafts.length; at += EMBED_BATCH) {
        signal.throwIfAborted();
        const batch = drafts.slice(at, at + EMBED_BATCH);
        const { vectors } = await this.llm.embed({ texts: batch.map(embeddingText) }, signal);
        const stored: StoredChunk[] = batch.map((d, i) => ({
          position: d.position,
          headingPath: d.headingPath,
          pageUrl: d.pageUrl,
          text: d.text,
          tokens: d.tokens,
          terms: lexicalTerms([...d.headingPath, d.text].join('\n')),
          embedding: vectors[i] ?? null,
        }));
        await this.chunks.insert(row.id, row.botId, generation, stored);
        if (!(await this.sources.progress(row.id, generation, at + batch.length, drafts.length))) {
          await this.chunks.dropGeneration(row.id, generation); // a newer attempt, or deleted
          return;
        }
      }
      if (await this.sources.activate(row.id, generation, drafts.length)) {
        this.onChange(row.botId);
        await this.chunks.analyze().catch(() => undefined);
      }
    } catch (error) {
      if (error instanceof IngestError) {
        // A failed re-crawl keeps the pages indexed before; new content that cannot be read must not leave the old answering.
        const keepPrevious = row.kind === 'url';
        await this.sources.fail(row.id, generation, error.message, keepPrevious);
        this.onChange(row.botId);
        return;
      }
      await this.chunks.dropGeneration(row.id, generation).catch(() => undefined);
      if (lastTry && !signal.aborted) {
        await this.sources.fail(row.id, generation, `indexing failed: ${(error as Error).message}`, true);
        this.onChange(row.botId);
        return;
      }
      throw error; // tried again
    }
  }

  private async parseAndChunk(row: SourceRow, generation: number, signal: AbortSignal): Promise<PageChunk[]> {
    const options = { maxTokens: CHUNK_TOKENS, overlapTokens: CHUNK_OVERLAP, count: (text: string) => countTokens(text) };
    const pages = await this.parse(row, signal);
    const found = pages[0]?.doc.title;
    if (found && row.kind !== 'text' && row.kind !== 'faq' && isPlaceholderTitle(row)) await this.sources.setTitle(row.id, generation, found.slice(0, 200));
    const drafts: PageChunk[] = [];
    for (const page of pages) {
      for (const chunk of chunkDocument(page.doc, options)) drafts.push({ ...chunk, position: drafts.length, ...(page.url ? { pageUrl: page.url } : {}) });
    }
    if (!drafts.length) throw new IngestError('empty', 'no text was found in this source');
    return drafts;
  }

  private async parse(row: SourceRow, signal: AbortSignal): Promise<{ url?: string; doc: ParsedDocument }[]> {
    const { maxFileBytes, crawlMaxPages, crawlMaxDepth } = this.config.knowledge;
    if (row.kind === 'url') {
      const { pages } = await fetchUrlSource(row.url!, {
        fetch: this.guard.fetch,
        crawl: row.crawl,
        maxPages: row.crawl ? crawlMaxPages : 1,
        maxDepth: crawlMaxDepth,
        maxBytes: maxFileBytes,
        signal,
        userAgent: 'CustomChatBot/1.0 (+knowledge indexer)',
      });
      return pages.map((p, i) => ({ url: pages.length > 1 || i > 0 ? p.url : undefined, doc: p.doc }));
    }
    const content = await this.sources.content(row.id);
    if (!content) throw new IngestError('empty', 'the source has no content');
    if (row.kind === 'file') {
      return [{ doc: await parseFile({ bytes: new Uint8Array(content), filename: row.filename ?? 'document', mimeType: row.mimeType ?? undefined }, { maxBytes: maxFileBytes }) }];
    }
    if (row.kind === 'faq') return [{ doc: parseFaq(row.title, JSON.parse(content.toString('utf8')) as FaqPair[]) }];
    return [{ doc: parsePastedText(row.title, content.toString('utf8')) }];
  }
}

/** What is embedded: the heading path gives a chunk its context ("Returns › Refunds"). */
function embeddingText(chunk: ChunkDraft): string {
  return chunk.headingPath.length ? `${chunk.headingPath.join(' › ')}\n${chunk.text}` : chunk.text;
}

/** A file or URL source is titled by its name until the document says better. */
function isPlaceholderTitle(row: SourceRow): boolean {
  return row.title === row.filename || row.title === row.url;
}
