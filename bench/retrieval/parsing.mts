/**
 * Parsing throughput: parseFile + chunkDocument (no embedding) on a generated 100-page text PDF
 * and ~50 pages each of DOCX and HTML (a page of those is 3,000 characters of text), chunked at
 * 400 tokens with 60 of overlap, counted with gpt-tokenizer. Target: 50 pages/s or more.
 *
 * Alone: `node --experimental-strip-types bench/retrieval/parsing.mts` (builds dist when stale).
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { countTokens } from 'gpt-tokenizer';

const ROOT = new URL('../..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const INGEST_SRC = join(ROOT, 'backend', 'src', 'knowledge', 'ingest');
const INGEST_DIST = join(ROOT, 'dist', 'backend', 'src', 'knowledge', 'ingest');
const CHARS_PER_PAGE = 3000;

export interface ParsingThroughput {
  pages: number;
  seconds: number;
  pagesPerSecond: number;
  byKind: Record<string, { pages: number; seconds: number }>;
}

export async function parsingThroughput(): Promise<ParsingThroughput> {
  ensureBuilt();
  // Typed here, not with `typeof import(...)`: the bench's erasable-only check stays out of backend/src.
  const { parseFile } = require(join(INGEST_DIST, 'parse-file.js')) as { parseFile: (file: { filename: string; bytes: Uint8Array }, opts: { maxBytes: number }) => Promise<unknown> };
  const { chunkDocument } = require(join(INGEST_DIST, 'chunker.js')) as { chunkDocument: (doc: unknown, opts: { maxTokens: number; overlapTokens: number; count: (text: string) => number }) => unknown[] };
  const build = require(join(INGEST_DIST, 'test-documents.js')) as { buildTextPdf: (pages: string[][]) => Promise<Uint8Array>; buildDocx: (parts: Part[]) => Promise<Uint8Array> };
  const chunkOptions = { maxTokens: 400, overlapTokens: 60, count: (text: string) => countTokens(text) };

  const pdfPages = Array.from({ length: 100 }, (_, p) => Array.from({ length: 6 }, (_, i) => latinParagraph(p * 6 + i, 400)));
  const parts = generatedParts(50 * CHARS_PER_PAGE);
  const docx = await build.buildDocx(parts);
  const html = new TextEncoder().encode(toHtml(parts));
  const textPages = Math.round(parts.reduce((n, p) => n + partText(p).length, 0) / CHARS_PER_PAGE);
  const files = [
    { kind: 'pdf', file: { filename: 'bench.pdf', bytes: await build.buildTextPdf(pdfPages) }, pages: 100 },
    { kind: 'docx', file: { filename: 'bench.docx', bytes: docx }, pages: textPages },
    { kind: 'html', file: { filename: 'bench.html', bytes: html }, pages: textPages },
  ];

  // A warm-up on small documents: module loading (pdf.js) and the JIT are not the figure.
  for (const { file } of [
    { file: { filename: 'w.pdf', bytes: await build.buildTextPdf([[latinParagraph(0, 300)]]) } },
    { file: { filename: 'w.docx', bytes: await build.buildDocx(parts.slice(0, 20)) } },
    { file: { filename: 'w.html', bytes: new TextEncoder().encode(toHtml(parts.slice(0, 20))) } },
  ]) {
    chunkDocument(await parseFile(file, { maxBytes: 50 * 1024 * 1024 }), chunkOptions);
  }

  const byKind: ParsingThroughput['byKind'] = {};
  let chunks = 0;
  for (const { kind, file, pages } of files) {
    const started = performance.now();
    const doc = await parseFile(file, { maxBytes: 50 * 1024 * 1024 });
    chunks += chunkDocument(doc, chunkOptions).length;
    byKind[kind] = { pages, seconds: (performance.now() - started) / 1000 };
  }
  const pages = Object.values(byKind).reduce((n, k) => n + k.pages, 0);
  const seconds = Object.values(byKind).reduce((n, k) => n + k.seconds, 0);
  if (chunks === 0) throw new Error('the documents gave no chunks');
  return { pages, seconds, pagesPerSecond: pages / seconds, byKind };
}

type Part = { heading: string; level?: 1 | 2 | 3 } | { paragraph: string } | { bullet: string } | { table: string[][] };

const WORDS = 'clinic patients appointment doctor vaccine travel advice opening hours parking insurance card prescription pharmacy referral specialist blood test results weekend holiday emergency'.split(' ');
const HANZI = '我们的诊所每天早上九点开门周末休息请提前预约医生会根据您的情况给出建议停车免费疫苗接种需要带上身份证和医保卡'.split('');

function latinParagraph(seed: number, chars: number): string {
  let text = '';
  for (let i = 0; text.length < chars; i++) {
    const sentenceEnd = i % 14 === 13;
    text += WORDS[(seed * 7 + i * 13) % WORDS.length] + (sentenceEnd ? '. ' : ' ');
  }
  return text.trim().replace(/^./, (c) => c.toUpperCase()) + '.';
}

function chineseParagraph(seed: number, chars: number): string {
  let text = '';
  for (let i = 0; text.length < chars; i++) text += HANZI[(seed * 5 + i * 11) % HANZI.length] + (i % 20 === 19 ? '。' : '');
  return text + '。';
}

/** Sections of headings, paragraphs (English and Chinese), bullets and a table, up to `chars` of text. */
function generatedParts(chars: number): Part[] {
  const parts: Part[] = [];
  let total = 0;
  for (let n = 0; total < chars; n++) {
    const section: Part[] = [
      { heading: `Section ${n}`, level: n % 5 === 0 ? 1 : 2 },
      { paragraph: latinParagraph(n, 700) },
      { paragraph: chineseParagraph(n, 300) },
      { bullet: latinParagraph(n + 1, 80) },
      { bullet: latinParagraph(n + 2, 80) },
      { paragraph: latinParagraph(n + 3, 900) },
      { table: [['Day', 'Hours'], ['Monday', '9 to 17'], ['Saturday', '9 to 12']] },
    ];
    for (const part of section) total += partText(part).length;
    parts.push(...section);
  }
  return parts;
}

function partText(part: Part): string {
  if ('heading' in part) return part.heading;
  if ('paragraph' in part) return part.paragraph;
  if ('bullet' in part) return part.bullet;
  return part.table.map((row) => row.join(' | ')).join('\n');
}

function toHtml(parts: Part[]): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = parts
    .map((part) => {
      if ('heading' in part) return `<h${part.level ?? 1}>${escape(part.heading)}</h${part.level ?? 1}>`;
      if ('paragraph' in part) return `<p>${escape(part.paragraph)}</p>`;
      if ('bullet' in part) return `<ul><li>${escape(part.bullet)}</li></ul>`;
      return `<table>${part.table.map((row) => `<tr>${row.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('')}</table>`;
    })
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Bench</title></head><body><nav><a href="/">Home</a></nav><article>${body}</article></body></html>`;
}

/** Builds the backend when the ingest code in dist is missing or older than its sources. */
function ensureBuilt(): void {
  const newest = (dir: string): number => readdirSync(dir).reduce((t, name) => Math.max(t, statSync(join(dir, name)).mtimeMs), 0);
  const built = join(INGEST_DIST, 'parse-file.js');
  if (!existsSync(built) || newest(INGEST_SRC) > newest(INGEST_DIST)) {
    console.error('[bench] building the backend (dist is missing or older than backend/src/knowledge/ingest)');
    execSync('npm run build:backend', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await parsingThroughput();
  for (const [kind, { pages, seconds }] of Object.entries(result.byKind)) {
    console.log(`${kind.padEnd(5)} ${String(pages).padStart(4)} pages  ${seconds.toFixed(2)} s  ${(pages / seconds).toFixed(1)} pages/s`);
  }
  console.log(`all   ${String(result.pages).padStart(4)} pages  ${result.seconds.toFixed(2)} s  ${result.pagesPerSecond.toFixed(1)} pages/s (target: 50)`);
}
