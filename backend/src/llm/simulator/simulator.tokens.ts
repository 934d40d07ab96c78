/**
 * Token-level helpers on gpt-tokenizer's o200k_base encoding (GPT-4o's).
 */
import { decode, encode } from 'gpt-tokenizer';
import type { SimulatorMessage } from './simulator.options';

/**
 * Splits text into stream pieces of about one token each, as a model would
 * emit them: a word with its leading space for Latin text, one to a few
 * characters for CJK. Concatenating the pieces gives `text` back exactly.
 *
 * Some tokens hold only part of a character's UTF-8 bytes (rare CJK, emoji);
 * decoded alone they are empty or U+FFFD, so such tokens are merged with the
 * following ones until they decode to whole characters.
 */
export function splitIntoPieces(text: string): string[] {
  const pieces: string[] = [];
  let pending: number[] = [];
  for (const token of encode(text)) {
    pending.push(token);
    const piece = decode(pending);
    if (piece === '' || piece.includes('\uFFFD')) continue;
    pieces.push(piece);
    pending = [];
  }
  if (pending.length > 0) pieces.push(decode(pending));
  // Guard the round-trip promise; should the tokenizer ever disagree, fall back to a plain split.
  return pieces.join('') === text ? pieces : fallbackSplit(text);
}

/** Words with their leading whitespace; each Han character on its own. */
function fallbackSplit(text: string): string[] {
  return text.match(/\s*(?:\p{Script=Han}|[^\s\p{Script=Han}]+)|\s+$/gu) ?? [];
}

/**
 * Prompt tokens as the service counts them: the contents' tokens plus
 * OpenAI's fixed chat overhead (3 per message, 3 to prime the reply).
 */
export function countPromptTokens(messages: SimulatorMessage[]): number {
  return messages.reduce((sum, m) => sum + 3 + encode(m.content).length, 3);
}
