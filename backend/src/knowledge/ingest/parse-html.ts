import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { blocksFromHtml, HEADING_LEVEL_ATTRIBUTE } from './html-blocks';
import type { Block, ParsedDocument } from './ingest.types';
import { collapseSpace } from './text-normalize';

type HtmlDocument = ReturnType<typeof parseHTML>['document'];

/** Parses HTML into a DOM (linkedom): for callers that read links before parsing the content. */
export function htmlDocument(html: string): HtmlDocument {
  return parseHTML(html).document;
}

/** An HTML page's main content (readability) as blocks; its title from <title> or readability. */
export function parseHtml(html: string): ParsedDocument {
  return parseHtmlDocument(htmlDocument(html));
}

/**
 * The main content of a parsed page. Readability changes the document it reads: read links
 * before. When readability finds nothing, the whole body is read without its navigation.
 */
export function parseHtmlDocument(document: HtmlDocument): ParsedDocument {
  const pageTitle = collapseSpace(document.querySelector('title')?.textContent ?? '') || undefined;
  const body = document.body;
  const fullText = collapseSpace(body?.textContent ?? '');
  for (const heading of Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))) heading.setAttribute(HEADING_LEVEL_ATTRIBUTE, heading.tagName.slice(1));
  let article: ReturnType<Readability['parse']> = null;
  try {
    article = new Readability(document.cloneNode(true) as unknown as Document, { charThreshold: 0 }).parse();
  } catch {
    article = null;
  }
  let blocks: Block[] = [];
  if (article?.content) blocks = blocksFromHtml(parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document.body);
  // Readability can drop most of a short or unusual page; then the whole body, minus its chrome, is read.
  const kept = blocks.reduce((n, b) => n + (b.kind === 'qa' ? 0 : b.text.length), 0);
  if (body && (blocks.length === 0 || kept < fullText.length * 0.25)) {
    for (const chrome of Array.from(body.querySelectorAll('nav, header, footer, aside, [role="navigation"], [aria-hidden="true"]'))) chrome.remove();
    blocks = blocksFromHtml(body);
  }
  const title = pageTitle ?? (collapseSpace(article?.title ?? '') || firstHeading(blocks));
  return { title, blocks, pages: 1 };
}

function firstHeading(blocks: Block[]): string | undefined {
  const heading = blocks.find((b) => b.kind === 'heading');
  return heading?.kind === 'heading' ? heading.text : undefined;
}
