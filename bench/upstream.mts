/** The model side: the project's Azure OpenAI simulator in the bench's own process, stamping every delta. */
import { createRequire } from 'node:module';
import type { AzureOpenAISimulator as Simulator } from '../backend/src/llm/simulator/index.ts';

const require = createRequire(import.meta.url);

export const SIM_KEY = 'bench-azure-key';
export const SIM_DEPLOYMENT = 'gpt-4o-bench';
export const SIM_API_VERSION = '2024-10-21';

const WORDS = 'rest well drink water walk daily sleep early eat greens breathe slowly stretch often keep warm calm mind'.split(' ');

/** A reply of exactly `chars` characters of plain words (about one token each). */
export function replyText(chars: number): string {
  let text = '';
  for (let i = 0; text.length < chars; i++) text += (i ? ' ' : 'Advice: ') + WORDS[i % WORDS.length];
  return text.slice(0, chars);
}

export interface Upstream {
  simulator: Simulator;
  url: string;
  stop(): Promise<void>;
}

export async function startUpstream(opts: { ttftMs: number; chunksPerSecond: number; replyChars: number }): Promise<Upstream> {
  const { AzureOpenAISimulator } = require('../dist/backend/src/llm/simulator/index.js') as typeof import('../backend/src/llm/simulator/index.ts');
  const reply = replyText(opts.replyChars);
  const simulator = new AzureOpenAISimulator({
    apiKey: SIM_KEY,
    // The app's default embedding deployment: knowledge (--knowledge) embeds through it.
    deployments: [SIM_DEPLOYMENT, 'text-embedding-3-small'],
    ttftMs: opts.ttftMs,
    tokensPerSecond: opts.chunksPerSecond,
    // One token per chunk: main.mts counts a reply's chunks with splitIntoPieces, and the
    // bench's rates and reply lengths keep the meaning of earlier runs.
    azureTokensPerChunk: 1,
    stampChunks: true,
    reply: () => reply,
  });
  const url = await simulator.start();
  // The simulator keeps every request for tests to inspect; a long run would only grow it.
  const trim = setInterval(() => simulator.clearRequests(), 2000);
  return {
    simulator,
    url,
    async stop() {
      clearInterval(trim);
      await simulator.stop();
    },
  };
}
