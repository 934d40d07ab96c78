import { IngestError, type ParsedDocument } from './ingest.types';
import { parseMarkdown } from './parse-markdown';

/** Text an owner pasted, read as Markdown (plain text is Markdown's paragraphs). */
export function parsePastedText(title: string, text: string): ParsedDocument {
  const doc = parseMarkdown(text);
  if (doc.blocks.length === 0) throw new IngestError('empty', 'The text is empty; paste the text the bot should know.');
  return { ...doc, title: title.trim() || doc.title };
}

/** Questions and answers, one 'qa' block per pair; pairs missing a question or an answer are left out. */
export function parseFaq(title: string, pairs: { question: string; answer: string }[]): ParsedDocument {
  const blocks = pairs
    .map((p) => ({ question: p.question.trim(), answer: p.answer.trim() }))
    .filter((p) => p.question && p.answer)
    .map((p) => ({ kind: 'qa' as const, ...p }));
  if (blocks.length === 0) throw new IngestError('empty', 'No complete question and answer was given; add at least one question with its answer.');
  return { title: title.trim() || undefined, blocks, pages: 1 };
}
