import type { Bot } from '../bots/bot.entity';

/** A passage of the owner's documents given to the model for one answer (PROTOCOL §6). */
export interface Passage {
  /** 1-based: the model cites it as `[n]`. */
  n: number;
  /** The chunk given, for "why did it say that" in the console. */
  chunkId?: string;
  sourceId: string;
  title: string;
  url?: string;
  /** What the model is given. */
  text: string;
  score: number;
}

/**
 * Where a prompt's passages come from. Without knowledge (this class as it is) an answer gets
 * none; the knowledge module provides its own retriever under this token.
 */
export class PassageRetriever {
  async retrieve(_bot: Bot, _question: string, _signal?: AbortSignal): Promise<Passage[]> {
    return [];
  }
}

/** Characters of a passage shown beside its title (the widget's source list, the transcript, the console's search). */
const EXCERPT_CHARS = 240;

/** A passage's text on one line, cut to EXCERPT_CHARS with an ellipsis. */
export function passageExcerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT_CHARS ? flat : flat.slice(0, EXCERPT_CHARS - 1) + '…';
}

/** Said when the owner asked for answers only from the documents (the bot's `knowledgeStrict`). */
export const STRICT_INSTRUCTION =
  'Answer only from these passages. If they do not answer the question, say that you do not know and suggest contacting the site; do not answer from general knowledge.';
export const STRICT_NOTHING_FOUND =
  "No passage of the site's documents matches this question. Answer only from the site's documents: say that you do not know and suggest contacting the site; do not answer from general knowledge.";

/** The passages as the model reads them: numbered, after the role, with how to cite them. */
export function passagesMessage(passages: Passage[], strict = false): string {
  if (!passages.length) return STRICT_NOTHING_FOUND;
  const blocks = passages.map((p) => `[${p.n}] ${p.title}${p.url ? ` (${p.url})` : ''}\n${p.text}`);
  return [
    'Passages from the documents of the site you answer for. Use them when they answer the question, and cite each passage you use as [n].' +
      (strict ? ' ' + STRICT_INSTRUCTION : ''),
    ...blocks,
  ].join('\n\n');
}
