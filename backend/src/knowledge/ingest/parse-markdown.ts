import type { Block, ParsedDocument } from './ingest.types';
import { joinLines } from './text-normalize';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$/;
const SETEXT = /^ {0,3}(=+|-+)\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const LIST = /^\s*(?:[-*+]|\d{1,9}[.)])\s+(.*)$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
const QUOTE = /^ {0,3}>\s?/;

/**
 * The structure of a Markdown document: headings (ATX and setext), paragraphs, list items, table
 * rows ("cell | cell") and code blocks. A block reader, not a renderer: inline markup is reduced
 * to its text.
 */
export function parseMarkdown(source: string): ParsedDocument {
  const lines = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let item: string[] | undefined;
  const flushParagraph = () => {
    const text = inline(joinLines(paragraph));
    if (text) blocks.push({ kind: 'paragraph', text });
    paragraph = [];
  };
  const flushItem = () => {
    const text = item ? inline(joinLines(item)) : '';
    if (text) blocks.push({ kind: 'list-item', text });
    item = undefined;
  };
  const flush = () => {
    flushParagraph();
    flushItem();
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(QUOTE, '');
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i].trimStart().startsWith(fence[1]); i++) code.push(lines[i]);
      const text = code.join('\n').replace(/^\n+|\s+$/g, '');
      if (text) blocks.push({ kind: 'code', text });
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      flush();
      const text = inline(atx[2] ?? '');
      if (text) blocks.push({ kind: 'heading', level: atx[1].length, text });
      continue;
    }
    const setext = SETEXT.exec(line);
    if (setext && paragraph.length > 0) {
      const text = inline(joinLines(paragraph));
      paragraph = [];
      if (text) blocks.push({ kind: 'heading', level: setext[1][0] === '=' ? 1 : 2, text });
      continue;
    }
    if (RULE.test(line)) {
      flush();
      continue;
    }
    if (line.includes('|') && (line.trimStart().startsWith('|') || TABLE_SEPARATOR.test(lines[i + 1] ?? '') && (lines[i + 1] ?? '').includes('-'))) {
      flush();
      for (; i < lines.length && lines[i].includes('|'); i++) {
        if (TABLE_SEPARATOR.test(lines[i]) && lines[i].includes('-')) continue;
        const text = tableRow(lines[i]);
        if (text) blocks.push({ kind: 'table-row', text });
      }
      i--;
      continue;
    }
    const list = LIST.exec(line);
    if (list) {
      flush();
      item = [list[1]];
      continue;
    }
    if (item) item.push(line);
    else paragraph.push(line);
  }
  flush();
  const heading = blocks.find((b) => b.kind === 'heading');
  return { title: heading?.kind === 'heading' ? heading.text : undefined, blocks, pages: 1 };
}

function tableRow(line: string): string {
  const cells = line.trim().replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/);
  return cells
    .map((cell) => inline(cell))
    .filter(Boolean)
    .join(' | ');
}

/** Inline Markdown reduced to its text: images and links to their words, emphasis and code marks dropped. */
function inline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?![\w*])/g, '$1$2')
    .replace(/~~(.+?)~~/g, '$1')
    .replace(/`+([^`]+)`+/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
