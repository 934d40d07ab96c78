/**
 * Token-level helpers on gpt-tokenizer's o200k_base encoding (GPT-4o's).
 */
import { decode, encode } from 'gpt-tokenizer';
import type { SimulatorMessage } from './simulator.options';

/** Part of a reply as it is streamed: its text and the model tokens it holds. */
export interface Piece {
  text: string;
  tokens: number;
}

/**
 * Splits text into pieces of about one token each, as a model would emit
 * them: a word with its leading space for Latin text, one to a few characters
 * for CJK. Concatenating the pieces gives `text` back exactly.
 *
 * Some tokens hold only part of a character's UTF-8 bytes (rare CJK, emoji);
 * decoded alone they are empty or U+FFFD, so such tokens are merged with the
 * following ones until they decode to whole characters (that piece then counts
 * several tokens).
 */
export function splitIntoTokenPieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  let pending: number[] = [];
  for (const token of encode(text)) {
    pending.push(token);
    const piece = decode(pending);
    if (piece === '' || piece.includes('\uFFFD')) continue;
    pieces.push({ text: piece, tokens: pending.length });
    pending = [];
  }
  if (pending.length > 0) pieces.push({ text: decode(pending), tokens: pending.length });
  // Guard the round-trip promise; should the tokenizer ever disagree, fall back to a plain split.
  return pieces.map((p) => p.text).join('') === text ? pieces : fallbackSplit(text).map((t) => ({ text: t, tokens: encode(t).length }));
}

/** The texts of `splitIntoTokenPieces`: one string per token (or per whole character of a split one). */
export const splitIntoPieces = (text: string): string[] => splitIntoTokenPieces(text).map((p) => p.text);

/** Words with their leading whitespace; each Han character on its own. */
function fallbackSplit(text: string): string[] {
  return text.match(/\s*(?:\p{Script=Han}|[^\s\p{Script=Han}]+)|\s+$/gu) ?? [];
}

/**
 * Groups token pieces into stream chunks of `tokensPerChunk` tokens (the last
 * may hold fewer): Azure's content filter releases the completion a few tokens
 * at a time, OpenAI about one token per chunk.
 */
export function groupIntoChunks(pieces: Piece[], tokensPerChunk: number): Piece[] {
  const size = Math.max(1, Math.floor(tokensPerChunk) || 1);
  const chunks: Piece[] = [];
  let current: Piece | undefined;
  for (const piece of pieces) {
    if (!current || current.tokens >= size) chunks.push((current = { text: '', tokens: 0 }));
    current.text += piece.text;
    current.tokens += piece.tokens;
  }
  return chunks;
}

/** Splits `text` into stream chunks of `tokensPerChunk` tokens; what the simulator streams for a reply. */
export const splitIntoChunks = (text: string, tokensPerChunk: number): string[] =>
  groupIntoChunks(splitIntoTokenPieces(text), tokensPerChunk).map((c) => c.text);

/** Tokens of a text in GPT-4o's encoding. */
export const countTokens = (text: string): number => encode(text).length;

/** Tokens the pieces hold. */
export const tokensOf = (pieces: readonly Piece[]): number => pieces.reduce((sum, p) => sum + p.tokens, 0);

/**
 * Prompt tokens as the service counts them, approximately, by OpenAI's
 * cookbook recipe: 3 tokens of framing per message plus its role's and
 * content's tokens (about 4 + content for the usual one-token roles), and 3
 * that prime the reply.
 */
export function countPromptTokens(messages: SimulatorMessage[]): number {
  return messages.reduce((sum, m) => sum + 3 + encode(m.role).length + encode(m.content).length, 3);
}
