/**
 * One database's run of the retrieval benchmark: seed the corpus through the app's own indexing
 * jobs, measure quality (recall@5, MRR) for each strategy, fill the bot up to `chunks` chunks
 * with synthetic ones, then time hybrid retrieval and measure quality again.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Distribution, distribution } from '../stats.mts';
import { builtHelpers, ROOT, type RunningApp, startApp, type Strategy, type StoredChunk } from './app.mts';

const HERE = join(ROOT, 'bench', 'retrieval');
export const TOP = 5;
export const STRATEGIES: Strategy[] = ['lexical', 'vector', 'hybrid'];
/** The simulator's default embedding size (simulator.options.ts), the one the questions get. */
const DIMS = 256;
const FILLER_BATCH = 500;
/** Candidates the retriever takes from each list (CANDIDATES in knowledge-retriever.ts), for the breakdown. */
const CANDIDATES = 40;

export interface Question {
  id: string;
  lang: 'zh' | 'en';
  question: string;
  expected: string;
}

export interface Quality {
  questions: number;
  recallAt5: number;
  mrr: number;
  byLang: Record<string, { questions: number; recallAt5: number; mrr: number }>;
}

export interface Miss {
  id: string;
  lang: string;
  question: string;
  expected: string;
  /** Files of the top results, deduplicated by source, in rank order. */
  got: string[];
}

export interface DatabaseResult {
  db: 'postgres' | 'pglite';
  describe: string;
  /** The app's retrieval mode: 'hybrid' (pgvector HNSW) or 'lexical' (lexical candidates re-ranked by similarity). */
  mode: 'hybrid' | 'lexical';
  corpus: { documents: number; chunks: number; indexSeconds: number };
  quality: Record<Strategy, Quality>;
  misses: Record<Strategy, Miss[]>;
  filled: { chunks: number; fillerChunks: number; insertSeconds: number };
  /**
   * ms, nearest-rank percentiles of the measured pass: the whole hybrid search, and apart (after
   * it, one at a time) its parts — the question's embedding, the lexical query (with similarity)
   * and, where there is pgvector, the nearest-neighbour query.
   */
  latency: { hybrid: Distribution; embedOnly: Distribution; lexicalQuery: Distribution; nearestQuery?: Distribution; firstSearchMs: number };
  qualityFilled: Record<Strategy, Quality>;
  missesFilled: Record<Strategy, Miss[]>;
}

export function loadCorpus(): { files: { file: string; title: string; text: string }[]; questions: Question[] } {
  const dir = join(HERE, 'corpus');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const title = /^# (.+)$/m.exec(text)?.[1].trim();
      if (!title) throw new Error(`corpus/${file} has no "# " heading for its title`);
      return { file, title, text };
    });
  const titles = new Set(files.map((f) => f.title));
  if (titles.size !== files.length) throw new Error('two corpus files share a title: the bench tells sources apart by title');
  const questions = JSON.parse(readFileSync(join(HERE, 'questions.json'), 'utf8')) as Question[];
  const known = new Set(files.map((f) => f.file));
  const unknown = questions.filter((q) => !known.has(q.expected));
  if (unknown.length) throw new Error(`questions expect files not in the corpus: ${unknown.map((q) => `${q.id} → ${q.expected}`).join(', ')}`);
  return { files, questions };
}

export async function runDatabase(kind: 'postgres' | 'pglite', opts: { chunks: number; postgresUrl: string; log: (m: string) => void }): Promise<DatabaseResult> {
  const { log } = opts;
  const { files, questions } = loadCorpus();
  const started = performance.now();
  const app = await startApp(kind, opts.postgresUrl);
  try {
    log(`${kind}: app up in ${((performance.now() - started) / 1000).toFixed(1)} s — ${app.describe}`);
    const mode = await app.chunks.mode();
    const { tenantId, botId } = await createBot(app);

    // Seed through the app: text sources, indexed by its background jobs (parse, chunk, embed, store).
    const seeding = performance.now();
    await app.knowledge.seed(tenantId, botId, files.map(({ title, text }) => ({ title, text })));
    const sources = await waitUntilReady(app, botId, files.length);
    const indexSeconds = (performance.now() - seeding) / 1000;
    const fileOf = new Map<string, string>();
    for (const s of sources) {
      const file = files.find((f) => f.title === s.title);
      if (!file) throw new Error(`a source titled "${s.title}" is not one of the corpus files`);
      fileOf.set(s.id, file.file);
    }
    const corpusChunks = sources.reduce((n, s) => n + s.chunks, 0);
    log(`${kind}: ${files.length} documents indexed into ${corpusChunks} chunks in ${indexSeconds.toFixed(1)} s (retrieval mode: ${mode})`);

    const before = await measureQuality(app, botId, questions, fileOf);
    log(`${kind}: quality on the corpus alone — ${STRATEGIES.map((s) => `${s} recall@5 ${before.quality[s].recallAt5.toFixed(3)}`).join(', ')}`);

    const filling = performance.now();
    const fillerChunks = Math.max(0, opts.chunks - corpusChunks);
    await addFiller(app, tenantId, botId, files, fillerChunks, log);
    const [{ n: total }] = await app.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM knowledge_chunks c JOIN knowledge_sources s ON s.id = c.source_id AND s.active_generation = c.generation AND s.deleted_at IS NULL WHERE c.bot_id = $1`,
      [botId],
    );
    // Steady state: the statistics autovacuum would have gathered after a bulk load.
    await app.db.query('ANALYZE');
    const insertSeconds = (performance.now() - filling) / 1000;
    log(`${kind}: bot holds ${total} chunks (${fillerChunks} filler, inserted in ${insertSeconds.toFixed(1)} s)`);

    const latency = await measureLatency(app, botId, questions);
    log(`${kind}: hybrid search p50 ${latency.hybrid.p50.toFixed(1)} ms, p95 ${latency.hybrid.p95.toFixed(1)} ms, max ${latency.hybrid.max.toFixed(1)} ms (embedding alone p50 ${latency.embedOnly.p50.toFixed(1)} ms)`);

    const after = await measureQuality(app, botId, questions, fileOf);
    log(`${kind}: quality at ${total} chunks — ${STRATEGIES.map((s) => `${s} recall@5 ${after.quality[s].recallAt5.toFixed(3)}`).join(', ')}`);

    return {
      db: kind,
      describe: app.describe,
      mode,
      corpus: { documents: files.length, chunks: corpusChunks, indexSeconds },
      quality: before.quality,
      misses: before.misses,
      filled: { chunks: Number(total), fillerChunks, insertSeconds },
      latency,
      qualityFilled: after.quality,
      missesFilled: after.misses,
    };
  } finally {
    await app.close();
  }
}

/** A tenant and its bot, made with SQL (the columns of test/support/fixtures.ts). */
export async function createBot(app: RunningApp): Promise<{ tenantId: string; botId: string }> {
  const [tenant] = await app.db.query<{ id: string }>(`INSERT INTO tenants (name) VALUES ('Retrieval bench') RETURNING id`);
  const [bot] = await app.db.query<{ id: string }>(
    `INSERT INTO bots (tenant_id, name, public_key, allowed_origins, enabled, settings, active_role_version) VALUES ($1, 'Retrieval bench', $2, '{}', true, '{}', NULL) RETURNING id`,
    [tenant.id, 'pk_bench_' + randomBytes(12).toString('hex')],
  );
  return { tenantId: tenant.id, botId: bot.id };
}

/** Polls until every source of the bot is ready; throws on a failed one or after five minutes. */
export async function waitUntilReady(app: RunningApp, botId: string, expected: number): Promise<{ id: string; title: string; chunks: number }[]> {
  const until = Date.now() + 5 * 60_000;
  for (;;) {
    const rows = await app.db.query<{ id: string; title: string; status: string; error: string | null; chunk_count: number }>(
      `SELECT id, title, status, error, chunk_count FROM knowledge_sources WHERE bot_id = $1 AND deleted_at IS NULL`,
      [botId],
    );
    const failed = rows.filter((r) => r.status === 'failed');
    if (failed.length) throw new Error(`indexing failed: ${failed.map((r) => `"${r.title}": ${r.error}`).join('; ')}`);
    if (rows.length === expected && rows.every((r) => r.status === 'ready')) return rows.map((r) => ({ id: r.id, title: r.title, chunks: Number(r.chunk_count) }));
    if (Date.now() > until) {
      const counts = rows.reduce<Record<string, number>>((c, r) => ({ ...c, [r.status]: (c[r.status] ?? 0) + 1 }), {});
      throw new Error(`indexing did not finish within 5 minutes: ${JSON.stringify(counts)} of ${expected} sources`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The files of a search's results, deduplicated by source in rank order, at most TOP. */
async function topFiles(app: RunningApp, botId: string, question: string, lists: Strategy, fileOf: Map<string, string>): Promise<string[]> {
  const { results } = await app.retriever.search(botId, question, TOP, undefined, lists);
  const seen: string[] = [];
  for (const r of results) if (!seen.includes(r.sourceId)) seen.push(r.sourceId);
  return seen.slice(0, TOP).map((id) => fileOf.get(id) ?? '(filler)');
}

async function measureQuality(
  app: RunningApp,
  botId: string,
  questions: Question[],
  fileOf: Map<string, string>,
): Promise<{ quality: Record<Strategy, Quality>; misses: Record<Strategy, Miss[]> }> {
  const quality = {} as Record<Strategy, Quality>;
  const misses = {} as Record<Strategy, Miss[]>;
  for (const strategy of STRATEGIES) {
    const ranks: { lang: string; rr: number }[] = [];
    misses[strategy] = [];
    for (const q of questions) {
      const got = await topFiles(app, botId, q.question, strategy, fileOf);
      const at = got.indexOf(q.expected);
      ranks.push({ lang: q.lang, rr: at < 0 ? 0 : 1 / (at + 1) });
      if (at < 0) misses[strategy].push({ id: q.id, lang: q.lang, question: q.question, expected: q.expected, got });
    }
    const summary = (rs: { rr: number }[]) => ({ questions: rs.length, recallAt5: rs.filter((r) => r.rr > 0).length / rs.length, mrr: rs.reduce((s, r) => s + r.rr, 0) / rs.length });
    const langs = [...new Set(ranks.map((r) => r.lang))].sort();
    quality[strategy] = { ...summary(ranks), byLang: Object.fromEntries(langs.map((l) => [l, summary(ranks.filter((r) => r.lang === l))])) };
  }
  return { quality, misses };
}

/**
 * Filler chunks in one source of the bot (a ready row answering at generation 1), stored through
 * the app's repository: texts recombining the corpus's sentences (so the full-text index has
 * realistic work and shares words with the questions), with the app's lexical terms and the
 * simulator's embeddings of the questions' size.
 */
export async function addFiller(app: RunningApp, tenantId: string, botId: string, files: { text: string }[], count: number, log: (m: string) => void): Promise<void> {
  if (count <= 0) return;
  const { lexicalTerms, simulatedEmbedding } = builtHelpers();
  const [source] = await app.db.query<{ id: string }>(
    `INSERT INTO knowledge_sources (tenant_id, bot_id, kind, title, content, bytes, status, generation, active_generation, chunk_count)
     VALUES ($1, $2, 'text', 'Filler (synthetic)', NULL, 0, 'ready', 1, 1, $3) RETURNING id`,
    [tenantId, botId, count],
  );
  const sentences = corpusSentences(files);
  const random = mulberry32(20261203);
  let position = 0;
  let lastLog = performance.now();
  while (position < count) {
    const batch: StoredChunk[] = [];
    for (; batch.length < FILLER_BATCH && position < count; position++) {
      // 6 to 14 sentences drawn from anywhere in the corpus: a chunk of a few hundred tokens.
      const n = 6 + Math.floor(random() * 9);
      const parts: string[] = [];
      for (let i = 0; i < n; i++) parts.push(sentences[Math.floor(random() * sentences.length)]);
      const text = parts.join(' ');
      batch.push({ position, headingPath: [], text, tokens: Math.ceil(text.length / 4), terms: lexicalTerms(text), embedding: simulatedEmbedding(text, DIMS) });
    }
    await app.chunks.insert(source.id, botId, 1, batch);
    if (performance.now() - lastLog > 10_000) {
      log(`  … ${position} of ${count} filler chunks`);
      lastLog = performance.now();
    }
  }
}

/** Sentences of the corpus (English on ". ", "? ", "! "; Chinese on "。！？"), headings and table rows left out. */
function corpusSentences(files: { text: string }[]): string[] {
  const out: string[] = [];
  for (const { text } of files) {
    for (const line of text.split('\n')) {
      const body = line.replace(/^\s*(?:[-*]|\d+\.)\s+/, '').replace(/\*\*/g, '').trim();
      if (!body || body.startsWith('#') || body.startsWith('|')) continue;
      for (const s of body.split(/(?<=[.!?])\s+|(?<=[。！？])/u)) if (s.trim().length >= 8) out.push(s.trim());
    }
  }
  if (!out.length) throw new Error('the corpus gave no sentences for the filler');
  return out;
}

/** Hybrid search for every question, twice; the first pass (warm-up) is discarded. */
async function measureLatency(app: RunningApp, botId: string, questions: Question[]): Promise<DatabaseResult['latency']> {
  const { queryTerms } = builtHelpers();
  const hybridMode = (await app.chunks.mode()) === 'hybrid';
  const hybrid: number[] = [];
  const embed: number[] = [];
  const lexical: number[] = [];
  const nearest: number[] = [];
  // The first search after the filler became ready also loads it into the instance's lexical
  // index (reading and indexing its chunks' terms): what a bot's first question after a restart,
  // or after a large source is added, waits for.
  const cold = performance.now();
  await app.retriever.search(botId, questions[0].question, TOP, undefined, 'hybrid');
  const firstSearchMs = performance.now() - cold;
  for (let pass = 0; pass < 2; pass++) {
    for (const q of questions) {
      const t0 = performance.now();
      await app.retriever.search(botId, q.question, TOP, undefined, 'hybrid');
      const t1 = performance.now();
      // The parts, measured apart: the question's embedding (through the simulator over loopback), then each query.
      const { vectors } = await app.llm.embed({ texts: [q.question] }, AbortSignal.timeout(5000));
      const t2 = performance.now();
      await app.retriever.lexical(botId, queryTerms(q.question), CANDIDATES, vectors[0]);
      const t3 = performance.now();
      if (hybridMode) await app.chunks.nearest(botId, vectors[0], CANDIDATES);
      const t4 = performance.now();
      if (pass === 1) {
        hybrid.push(t1 - t0);
        embed.push(t2 - t1);
        lexical.push(t3 - t2);
        nearest.push(t4 - t3);
      }
    }
  }
  const d = (values: number[]) => distribution(Float64Array.from(values));
  return { hybrid: d(hybrid), embedOnly: d(embed), lexicalQuery: d(lexical), ...(hybridMode ? { nearestQuery: d(nearest) } : {}), firstSearchMs };
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
