import { encode } from 'gpt-tokenizer';
import type { LlmChunk, LlmMessage, LlmUsage } from './llm.client';

/** Tokens a chat message costs beyond its content (role and separators), as OpenAI documents. */
const PER_MESSAGE_OVERHEAD = 4;
/** Tokens that prime the assistant's reply. */
const REPLY_PRIMING = 3;

/**
 * What a reply cost, counted here with the tokenizer (o200k_base, GPT-4o's encoding; other
 * models' tokenizers differ, so it is an estimate): for providers whose stream carries no usage,
 * so token budgets still hold.
 */
export function estimateUsage(messages: LlmMessage[], reply: string): LlmUsage {
  const promptTokens = messages.reduce((sum, m) => sum + encode(m.content).length + PER_MESSAGE_OVERHEAD, REPLY_PRIMING);
  return { promptTokens, completionTokens: encode(reply).length, estimated: true };
}

/** The stream as it came, its end given an estimated usage when the provider sent none. */
export async function* withUsage(stream: AsyncIterable<LlmChunk>, messages: LlmMessage[]): AsyncGenerator<LlmChunk> {
  let reply = '';
  for await (const chunk of stream) {
    if (chunk.type === 'delta') reply += chunk.text;
    else if (!chunk.usage) {
      yield { ...chunk, usage: estimateUsage(messages, reply) };
      continue;
    }
    yield chunk;
  }
}
