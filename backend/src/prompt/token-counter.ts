import { Injectable } from '@nestjs/common';
import { encode } from 'gpt-tokenizer';
import type { LlmMessage } from '../llm/llm.client';

/** Tokens a chat message costs beyond its content (role and separators), as OpenAI documents. */
export const PER_MESSAGE_OVERHEAD = 4;

/** Characters of text whose counts are kept; the oldest entries go first. */
const MAX_CHARS = 4_000_000;

/**
 * Token counts of texts seen recently. Every turn counts the conversation's history again, and
 * encoding is the costly part of a turn's CPU; a stored message never changes, so its count is
 * kept — in this instance's memory, bounded by characters held.
 */
@Injectable()
export class TokenCounter {
  private readonly counted = new Map<string, number>();
  private chars = 0;

  constructor(private readonly encodeText: (text: string) => { length: number } = encode) {}

  /** A message's tokens, its overhead included. */
  count(message: LlmMessage): number {
    let tokens = this.counted.get(message.content);
    if (tokens === undefined) {
      tokens = this.encodeText(message.content).length;
      this.remember(message.content, tokens);
    }
    return tokens + PER_MESSAGE_OVERHEAD;
  }

  /** A text's count known from elsewhere: an answer's completion tokens as the provider reported them. */
  remember(text: string, tokens: number): void {
    if (this.counted.has(text)) return;
    this.counted.set(text, tokens);
    this.chars += text.length;
    for (const old of this.counted.keys()) {
      if (this.chars <= MAX_CHARS) break;
      this.counted.delete(old);
      this.chars -= old.length;
    }
  }

  get size(): number {
    return this.counted.size;
  }
}
