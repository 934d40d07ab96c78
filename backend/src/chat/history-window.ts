import { encode } from 'gpt-tokenizer';
import type { LlmMessage } from '../llm/llm.client';

/** Tokens a chat message costs beyond its content (role and separators), as OpenAI documents. */
const PER_MESSAGE_OVERHEAD = 4;

/**
 * Token counts of texts seen recently. Every turn counts the conversation's history again, and
 * encoding is the costly part of a turn's CPU; a stored message never changes, so its count is
 * kept. Bounded by characters held (oldest entries go first).
 */
const counted = new Map<string, number>();
const COUNTED_MAX_CHARS = 4_000_000;
let countedChars = 0;

export function countTokens(message: LlmMessage): number {
  const text = message.content;
  let tokens = counted.get(text);
  if (tokens === undefined) {
    tokens = encode(text).length;
    rememberTokens(text, tokens);
  }
  return tokens + PER_MESSAGE_OVERHEAD;
}

/**
 * Keeps a text's token count known from elsewhere: an answer's completion tokens as Azure
 * reported them, so the next turn's history does not encode the answer again.
 */
export function rememberTokens(text: string, tokens: number): void {
  if (counted.has(text)) return;
  counted.set(text, tokens);
  countedChars += text.length;
  for (const old of counted.keys()) {
    if (countedChars <= COUNTED_MAX_CHARS) break;
    counted.delete(old);
    countedChars -= old.length;
  }
}

/**
 * The role first, then as many of the most recent turns as fit `budget` tokens; the oldest are
 * dropped first. The newest turn (the visitor's question) is always sent.
 */
export function historyWindow(
  systemPrompt: string,
  turns: LlmMessage[],
  budget: number,
  count: (m: LlmMessage) => number = countTokens,
): LlmMessage[] {
  const kept: LlmMessage[] = [];
  let used = 0;
  for (let i = turns.length - 1; i >= 0; i--) {
    const cost = count(turns[i]);
    if (kept.length > 0 && used + cost > budget) break;
    kept.unshift(turns[i]);
    used += cost;
  }
  return systemPrompt ? [{ role: 'system', content: systemPrompt }, ...kept] : kept;
}
