import type { Block, ParsedDocument } from './ingest.types';
import { joinLines } from './text-normalize';

/** Plain text: paragraphs separated by blank lines; the lines of one paragraph joined. */
export function parsePlainText(text: string): ParsedDocument {
  const blocks: Block[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const paragraph = joinLines(chunk.split('\n'));
    if (paragraph) blocks.push({ kind: 'paragraph', text: paragraph });
  }
  return { blocks, pages: 1 };
}
