import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { BotsService } from '../bots/bots.service';
import { AppConfig } from '../config/app-config';
import { StaffLimits } from '../limits/staff-limits.service';
import { OutboundGuard } from '../outbound/outbound-guard';
import { passageExcerpt } from '../prompt/passages';
import type { CreateSourceDto, ReplaceSourceDto, SearchDto } from './knowledge.dto';
import { type ChunkView, KnowledgeChunksRepository, type RetrievalMode } from './knowledge-chunks.repository';
import { KnowledgeIndexer } from './knowledge-indexer';
import { KnowledgeRetriever } from './knowledge-retriever';
import { type FaqPair, type SourceRow, type SourceView, toSourceView } from './knowledge-source';
import { KnowledgeSourcesRepository, type NewSource } from './knowledge-sources.repository';

/** Chunks listed with one source. */
const CHUNKS_SHOWN = 500;

export interface UploadedSourceFile {
  buffer: Buffer;
  originalname: string;
  mimetype: string;
  size: number;
}

export interface KnowledgeView {
  mode: RetrievalMode;
  limits: { maxSources: number; maxFileBytes: number; maxChunks: number };
  sources: SourceView[];
}

/**
 * A bot's knowledge for the console (PROTOCOL §6): every call is scoped to the user's tenant
 * through the bot (another tenant's bot is a 404), owners write and agents read (the controller's
 * roles), writes and searches are rate limited per user, and each bot is bounded in sources and
 * chunks. Adding, replacing and re-indexing queue a job; nothing is parsed in the request.
 */
@Injectable()
export class KnowledgeService {
  constructor(
    private readonly config: AppConfig,
    private readonly bots: BotsService,
    private readonly sources: KnowledgeSourcesRepository,
    private readonly chunks: KnowledgeChunksRepository,
    private readonly indexer: KnowledgeIndexer,
    private readonly retriever: KnowledgeRetriever,
    private readonly limits: StaffLimits,
    private readonly guard: OutboundGuard,
  ) {}

  async view(user: AuthUser, botId: string): Promise<KnowledgeView> {
    const bot = await this.bots.findForTenant(user.tenantId, botId);
    const { maxSources, maxFileBytes, maxChunks } = this.config.knowledge;
    const [mode, rows] = await Promise.all([this.chunks.mode(), this.sources.list(bot.id)]);
    return { mode, limits: { maxSources, maxFileBytes, maxChunks }, sources: rows.map(toSourceView) };
  }

  async create(user: AuthUser, botId: string, dto: CreateSourceDto): Promise<SourceView> {
    const bot = await this.bots.findForTenant(user.tenantId, botId);
    await this.limits.knowledgeWrite(user.id);
    const base = { tenantId: bot.tenantId, botId: bot.id };
    if ('url' in dto) {
      const refusal = this.guard.check(dto.url);
      if (refusal) throw new BadRequestException(`url: ${refusal}`);
      return this.add({ ...base, kind: 'url', title: dto.url, url: dto.url, crawl: dto.crawl ?? false });
    }
    if ('faq' in dto) return this.add({ ...base, kind: 'faq', title: dto.title, content: faqContent(dto.faq) });
    return this.add({ ...base, kind: 'text', title: dto.title, content: Buffer.from(dto.text, 'utf8') });
  }

  async upload(user: AuthUser, botId: string, file: UploadedSourceFile, title?: string): Promise<SourceView> {
    const bot = await this.bots.findForTenant(user.tenantId, botId);
    await this.limits.knowledgeWrite(user.id);
    const filename = utf8Filename(file.originalname).slice(0, 255) || 'document';
    return this.add({ tenantId: bot.tenantId, botId: bot.id, kind: 'file', title: title ?? filename, filename, mimeType: file.mimetype, content: file.buffer });
  }

  async get(user: AuthUser, botId: string, sourceId: string): Promise<{ source: SourceView; chunks: ChunkView[]; content?: { text: string } | { faq: FaqPair[] } }> {
    const row = await this.find(user, botId, sourceId);
    const chunks = await this.chunks.list(row.id, CHUNKS_SHOWN);
    const content = row.kind === 'text' || row.kind === 'faq' ? await this.sources.content(row.id) : null;
    return {
      source: toSourceView(row),
      chunks,
      ...(content ? { content: row.kind === 'faq' ? { faq: JSON.parse(content.toString('utf8')) as FaqPair[] } : { text: content.toString('utf8') } } : {}),
    };
  }

  async replace(user: AuthUser, botId: string, sourceId: string, dto: ReplaceSourceDto): Promise<SourceView> {
    const row = await this.find(user, botId, sourceId);
    await this.limits.knowledgeWrite(user.id);
    const kind = 'faq' in dto ? 'faq' : 'text';
    if (row.kind !== kind) throw new BadRequestException(`this source is ${row.kind === 'faq' || row.kind === 'text' ? `${row.kind}: send ${row.kind === 'faq' ? '{ title, faq }' : '{ title, text }'}` : `a ${row.kind}: only text and FAQ sources can be edited; re-index it instead`}`);
    const content = 'faq' in dto ? faqContent(dto.faq) : Buffer.from(dto.text, 'utf8');
    const updated = await this.sources.replaceContent(row.id, dto.title, content);
    await this.indexer.queue(row.id);
    return toSourceView(updated);
  }

  async reindex(user: AuthUser, botId: string, sourceId: string): Promise<SourceView> {
    const row = await this.find(user, botId, sourceId);
    await this.limits.knowledgeWrite(user.id);
    const queued = await this.sources.markQueued(row.id);
    await this.indexer.queue(row.id);
    return toSourceView(queued);
  }

  async remove(user: AuthUser, botId: string, sourceId: string): Promise<void> {
    const row = await this.find(user, botId, sourceId);
    await this.limits.knowledgeWrite(user.id);
    if (!(await this.sources.markDeleted(row.botId, row.id))) throw notFound();
    this.retriever.forget(row.botId);
    await this.indexer.purge(row.id);
  }

  async search(user: AuthUser, botId: string, dto: SearchDto) {
    const bot = await this.bots.findForTenant(user.tenantId, botId);
    await this.limits.knowledgeSearch(user.id);
    const { mode, results, lexicalOnly } = await this.retriever.search(bot.id, dto.query, dto.limit ?? 8);
    // Which results a visitor's answer would be given, under the bot's settings, as [n].
    const given = new Map(this.retriever.passagesOf(results, bot).map((p) => [p.chunkId, p.n]));
    return {
      mode,
      ...(lexicalOnly ? { lexicalOnly } : {}),
      results: results.map((r) => ({
        sourceId: r.sourceId,
        chunkId: r.id,
        title: r.title,
        headingPath: r.headingPath,
        ...(r.url ? { url: r.url } : {}),
        excerpt: passageExcerpt(r.text),
        score: Math.round(r.score * 1000) / 1000,
        ...(r.similarity !== undefined ? { similarity: Math.round(r.similarity * 1000) / 1000 } : {}),
        ...(given.has(r.id) ? { passage: given.get(r.id) } : {}),
      })),
    };
  }

  /** Documents given by the installation itself (the demo bot's), indexed like an owner's pasted text. */
  async seed(tenantId: string, botId: string, documents: { title: string; text: string }[]): Promise<void> {
    for (const doc of documents) await this.add({ tenantId, botId, kind: 'text', title: doc.title, content: Buffer.from(doc.text, 'utf8') });
  }

  private async add(source: NewSource): Promise<SourceView> {
    const { maxSources } = this.config.knowledge;
    const usage = await this.sources.usage(source.botId);
    if (usage.sources >= maxSources) throw new ConflictException(`this bot already has ${usage.sources} sources, the most it may hold (${maxSources}); delete some first`);
    const row = await this.sources.create(source);
    await this.indexer.queue(row.id);
    return toSourceView(row);
  }

  private async find(user: AuthUser, botId: string, sourceId: string): Promise<SourceRow> {
    const bot = await this.bots.findForTenant(user.tenantId, botId);
    const row = await this.sources.find(bot.id, sourceId);
    if (!row) throw notFound();
    return row;
  }
}

const notFound = () => new NotFoundException('Knowledge source not found');

function faqContent(faq: FaqPair[]): Buffer {
  return Buffer.from(JSON.stringify(faq.map(({ question, answer }) => ({ question, answer }))), 'utf8');
}


/** Multipart file names arrive as Latin-1 (busboy's default); a UTF-8 name (a Chinese one) is read back as UTF-8. */
function utf8Filename(name: string): string {
  const bytes = Buffer.from(name, 'latin1');
  const decoded = bytes.toString('utf8');
  return !decoded.includes('\uFFFD') && Buffer.from(decoded, 'utf8').equals(bytes) ? decoded : name;
}
