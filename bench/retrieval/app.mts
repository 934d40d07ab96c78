/**
 * The retrieval benchmark's system under test: the real app, built (dist/), booted in this process
 * in demo mode (no Azure settings: its own simulator serves the embeddings over loopback), against
 * a scratch database on a PostgreSQL server or against embedded PGlite in a temporary DATA_DIR.
 * The built modules are typed here, not with `typeof import(...)`: the bench's erasable-only check
 * stays out of backend/src.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const ROOT = new URL('../..', import.meta.url).pathname;
const DIST = join(ROOT, 'dist', 'backend', 'src');
const require = createRequire(import.meta.url);

export type Strategy = 'hybrid' | 'lexical' | 'vector';

export interface Ranked {
  id: string;
  sourceId: string;
  title: string;
  score: number;
  similarity?: number;
  rank?: number;
}

export interface Retriever {
  search(botId: string, question: string, limit: number, signal?: AbortSignal, lists?: Strategy): Promise<{ mode: 'hybrid' | 'lexical'; results: Ranked[]; lexicalOnly?: boolean }>;
  lexical(botId: string, terms: string[], limit: number, question?: number[] | null): Promise<unknown[]>;
}

export interface StoredChunk {
  position: number;
  headingPath: string[];
  pageUrl?: string;
  text: string;
  tokens: number;
  terms: string[];
  embedding: number[] | null;
}

export interface ChunksRepository {
  insert(sourceId: string, botId: string, generation: number, chunks: StoredChunk[]): Promise<void>;
  mode(): Promise<'hybrid' | 'lexical'>;
  nearest(botId: string, question: number[], limit: number): Promise<unknown[]>;
}

export interface KnowledgeService {
  seed(tenantId: string, botId: string, documents: { title: string; text: string }[]): Promise<void>;
}

export interface LlmClient {
  embed(request: { texts: string[] }, signal: AbortSignal): Promise<{ vectors: number[][] }>;
}

export interface DataSource {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

interface NestApp {
  init(): Promise<unknown>;
  get<T>(token: unknown): T;
  close(): Promise<void>;
}

export interface RunningApp {
  describe: string;
  db: DataSource;
  knowledge: KnowledgeService;
  retriever: Retriever;
  chunks: ChunksRepository;
  llm: LlmClient;
  /** Closes the app, then drops the scratch database or removes the DATA_DIR. */
  close(): Promise<void>;
}

/** The built helpers the bench uses beside the app. */
export function builtHelpers(): { lexicalTerms: (text: string) => string[]; queryTerms: (text: string) => string[]; simulatedEmbedding: (text: string, dims?: number) => number[] } {
  const { lexicalTerms, queryTerms } = require(join(DIST, 'knowledge', 'ingest', 'lexical.js')) as { lexicalTerms: (text: string) => string[]; queryTerms: (text: string) => string[] };
  const { simulatedEmbedding } = require(join(DIST, 'llm', 'simulator', 'simulator.embedding.js')) as { simulatedEmbedding: (text: string, dims?: number) => number[] };
  return { lexicalTerms, queryTerms, simulatedEmbedding };
}

/** Builds the backend when dist is missing or older than its sources (as bench/main.mts does). */
export function ensureBuilt(log: (message: string) => void): void {
  const main = join(DIST, 'main.js');
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((t, e) => Math.max(t, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs), 0);
  const stale = !existsSync(main) || !existsSync(join(DIST, 'knowledge', 'knowledge-retriever.js')) || newest(join(ROOT, 'backend', 'src')) > statSync(main).mtimeMs;
  if (stale) {
    log('building the backend (dist is missing or older than backend/src)');
    execSync('npm run build:backend', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}

/** Boots the app on `kind`; on PostgreSQL in a scratch database made here and dropped by close(). */
export async function startApp(kind: 'postgres' | 'pglite', postgresUrl: string): Promise<RunningApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-bench-retrieval-'));
  let scratch: { name: string; describe: string } | undefined;
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    APP_SECRET: 'bench-retrieval-'.padEnd(40, 'x'),
    LOG_LEVEL: 'error',
    JOBS_POLL_SECONDS: '0.5',
    KNOWLEDGE_MAX_CHUNKS: '10000000',
    KNOWLEDGE_MAX_SOURCES: '1000',
  };
  if (kind === 'postgres') {
    const name = `customchat_bench_retrieval_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    try {
      await admin.connect();
    } catch (error) {
      throw new Error(`--db postgres: cannot reach ${postgresUrl} (${(error as Error).message})`);
    }
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
      const { rows } = await admin.query<{ server_version: string }>('SHOW server_version');
      const url = new URL(postgresUrl);
      url.pathname = '/' + name;
      env.DATABASE_URL = url.toString();
      scratch = { name, describe: `PostgreSQL ${rows[0].server_version} at ${url.host}, scratch database ${name}` };
    } finally {
      await admin.end();
    }
  }
  const dropScratch = async () => {
    if (scratch) {
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${scratch.name}" WITH (FORCE)`);
      await c.end();
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  let app: NestApp | undefined;
  try {
    const { createApp } = require(join(DIST, 'app.factory.js')) as { createApp: (config: unknown) => Promise<NestApp> };
    const { AppConfig } = require(join(DIST, 'config', 'app-config.js')) as { AppConfig: { fromEnv(env: Record<string, string>): unknown } };
    const { getDataSourceToken } = require('@nestjs/typeorm') as { getDataSourceToken: () => unknown };
    const token = (file: string, name: string): unknown => (require(join(DIST, file)) as Record<string, unknown>)[name];
    app = await createApp(AppConfig.fromEnv(env));
    await app.init();
    const running = app;
    return {
      describe: scratch?.describe ?? 'PGlite (embedded, WASM, pgvector) in this process, temporary DATA_DIR',
      db: app.get<DataSource>(getDataSourceToken()),
      knowledge: app.get<KnowledgeService>(token('knowledge/knowledge.service.js', 'KnowledgeService')),
      retriever: app.get<Retriever>(token('knowledge/knowledge-retriever.js', 'KnowledgeRetriever')),
      chunks: app.get<ChunksRepository>(token('knowledge/knowledge-chunks.repository.js', 'KnowledgeChunksRepository')),
      llm: app.get<LlmClient>(token('llm/llm.client.js', 'LlmClient')),
      async close() {
        try {
          await running.close();
        } finally {
          await dropScratch();
        }
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await dropScratch().catch(() => undefined);
    throw error;
  }
}
