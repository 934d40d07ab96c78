import { encode } from 'gpt-tokenizer';
import type { LlmChunk } from './llm.client';
import { estimateUsage, withUsage } from './usage-estimate';

const messages = [
  { role: 'system' as const, content: 'You are terse.' },
  { role: 'user' as const, content: 'Say hello' },
];

async function drain(stream: AsyncIterable<LlmChunk>): Promise<LlmChunk[]> {
  const chunks: LlmChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

async function* scripted(chunks: LlmChunk[]): AsyncGenerator<LlmChunk> {
  yield* chunks;
}

describe('usage estimate', () => {
  it('counts the prompt with the per-message overhead and the reply with the tokenizer', () => {
    const usage = estimateUsage(messages, 'Hello there, friend.');
    expect(usage).toEqual({
      promptTokens: encode('You are terse.').length + encode('Say hello').length + 2 * 4 + 3,
      completionTokens: encode('Hello there, friend.').length,
      estimated: true,
    });
  });

  it('gives a stream without usage an estimated one at its end, the text untouched', async () => {
    const chunks = await drain(withUsage(scripted([{ type: 'delta', text: 'Hello ' }, { type: 'delta', text: 'there.' }, { type: 'end', finishReason: 'stop' }]), messages));
    expect(chunks.slice(0, 2)).toEqual([{ type: 'delta', text: 'Hello ' }, { type: 'delta', text: 'there.' }]);
    expect(chunks[2]).toEqual({ type: 'end', finishReason: 'stop', usage: estimateUsage(messages, 'Hello there.') });
  });

  it("keeps the provider's own usage", async () => {
    const end: LlmChunk = { type: 'end', finishReason: 'stop', usage: { promptTokens: 9, completionTokens: 2 } };
    expect(await drain(withUsage(scripted([{ type: 'delta', text: 'Hi' }, end]), messages))).toEqual([{ type: 'delta', text: 'Hi' }, end]);
  });
});
