import robotsParser from 'robots-parser';
import type { FetchLike } from '../../outbound/http-fetch';
import { fetchPage, type FetchedPage, type PageRequest } from './fetch-page';
import { IngestError, type ParsedDocument } from './ingest.types';
import { parseFile } from './parse-file';
import { htmlDocument, parseHtmlDocument } from './parse-html';

export interface UrlSourceOptions {
  fetch: FetchLike;
  crawl: boolean;
  maxPages: number;
  maxDepth: number;
  maxBytes: number;
  signal?: AbortSignal;
  userAgent?: string;
}

export const DEFAULT_USER_AGENT = 'CustomChatBot/0.1 (knowledge indexer)';

const ROBOTS_MAX_BYTES = 512 * 1024;
/** Links to files that are surely not documents are not followed. */
const NOT_A_DOCUMENT = /\.(png|jpe?g|gif|webp|svg|ico|bmp|css|js|mjs|json|xml|zip|gz|tgz|rar|7z|exe|dmg|apk|mp3|mp4|m4a|wav|avi|mov|webm|woff2?|ttf|eot|xlsx?|pptx?|csv)$/i;
const MIME_EXTENSION: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'text/plain': 'txt',
  'text/markdown': 'md',
  'text/x-markdown': 'md',
};

interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
}

/**
 * A URL's page, or with `crawl` the site's pages breadth-first from it: same origin only, at most
 * `maxPages` pages and `maxDepth` links away, robots.txt honoured. The first page's failure is
 * the source's failure; later pages that fail are skipped.
 */
export async function fetchUrlSource(url: string, opts: UrlSourceOptions): Promise<{ pages: { url: string; doc: ParsedDocument }[] }> {
  const start = startUrl(url);
  const request: PageRequest = { fetch: opts.fetch, maxBytes: opts.maxBytes, signal: opts.signal, userAgent: opts.userAgent ?? DEFAULT_USER_AGENT };
  const robots = opts.crawl ? await loadRobots(start, request) : undefined;
  if (robots && robots.isAllowed(start.href, request.userAgent) === false) {
    throw new IngestError('robots_disallowed', `The site's robots.txt does not allow indexing ${start.href}; allow it there, or upload the pages as files.`);
  }

  const pages: { url: string; doc: ParsedDocument }[] = [];
  const seen = new Set([start.href]);
  const read = new Set<string>();
  const queue = [{ url: start, depth: 0 }];
  while (queue.length > 0 && pages.length < Math.max(1, opts.maxPages)) {
    const { url: next, depth } = queue.shift()!;
    const first = next === start;
    try {
      const page = await fetchPage(next, request);
      if (read.has(page.url.href)) continue; // a redirect to a page already read
      read.add(page.url.href);
      const { doc, links } = await parsePage(page, opts.maxBytes);
      if (hasText(doc)) pages.push({ url: page.url.href, doc });
      else if (first) throw new IngestError('empty', `No readable text was found at ${page.url.href}; if the page is built by scripts, paste its text instead.`);
      if (!opts.crawl || depth >= opts.maxDepth) continue;
      for (const link of links) {
        if (link.origin !== start.origin || seen.has(link.href)) continue;
        seen.add(link.href);
        if (robots?.isAllowed(link.href, request.userAgent) === false) continue;
        queue.push({ url: link, depth: depth + 1 });
      }
    } catch (error) {
      if (first || opts.signal?.aborted || !(error instanceof IngestError)) throw error;
    }
  }
  return { pages };
}

function startUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new IngestError('fetch_failed', `"${url}" is not a web address; enter one like https://example.com/help.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new IngestError('fetch_failed', `Only http:// and https:// addresses can be fetched, not ${parsed.protocol}//.`);
  }
  parsed.hash = '';
  return parsed;
}

/** The origin's robots.txt, read once; missing or unreadable, everything is allowed. */
async function loadRobots(start: URL, request: PageRequest): Promise<Robots | undefined> {
  const robotsUrl = new URL('/robots.txt', start.origin);
  try {
    const page = await fetchPage(robotsUrl, { ...request, maxBytes: Math.min(request.maxBytes, ROBOTS_MAX_BYTES) });
    return (robotsParser as (url: string, contents: string) => Robots)(robotsUrl.href, new TextDecoder().decode(page.bytes));
  } catch (error) {
    if (request.signal?.aborted) throw error;
    return undefined;
  }
}

async function parsePage(page: FetchedPage, maxBytes: number): Promise<{ doc: ParsedDocument; links: URL[] }> {
  const mime = page.contentType.split(';')[0].trim().toLowerCase();
  if (mime === 'text/html' || mime === 'application/xhtml+xml' || (!mime && /\.html?$/i.test(page.url.pathname))) {
    const document = htmlDocument(decodeHtml(page.bytes, page.contentType));
    const links = pageLinks(document, page.url);
    return { doc: { ...parseHtmlDocument(document), pages: 1 }, links };
  }
  const name = decodeURIComponent(page.url.pathname.split('/').pop() ?? '') || 'page';
  const extension = MIME_EXTENSION[mime];
  const filename = extension && !name.toLowerCase().endsWith(`.${extension}`) ? `${name}.${extension}` : name;
  return { doc: await parseFile({ bytes: page.bytes, filename, mimeType: mime || undefined }, { maxBytes }), links: [] };
}

/** The page's http(s) links, resolved against its base, without fragments, deduplicated. */
function pageLinks(document: ReturnType<typeof htmlDocument>, pageUrl: URL): URL[] {
  let base = pageUrl;
  try {
    const href = document.querySelector('base[href]')?.getAttribute('href');
    if (href) base = new URL(href, pageUrl);
  } catch {
    // An unusable <base> is ignored.
  }
  const links = new Map<string, URL>();
  for (const anchor of Array.from(document.querySelectorAll('a[href]'))) {
    let link: URL;
    try {
      link = new URL(anchor.getAttribute('href') ?? '', base);
    } catch {
      continue;
    }
    if ((link.protocol !== 'http:' && link.protocol !== 'https:') || NOT_A_DOCUMENT.test(link.pathname)) continue;
    link.hash = '';
    links.set(link.href, link);
  }
  return [...links.values()];
}

/** HTML bytes as text, in the charset the header or a <meta> names (UTF-8 otherwise). */
function decodeHtml(bytes: Uint8Array, contentType: string): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function hasText(doc: ParsedDocument): boolean {
  return doc.blocks.some((b) => (b.kind === 'qa' ? b.question + b.answer : b.text).trim());
}
