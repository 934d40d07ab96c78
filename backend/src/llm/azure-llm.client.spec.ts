import { AppConfig } from '../config/app-config';
import { AzureLlmClient } from './azure-llm.client';
import { LlmEndpoint } from './llm-endpoint';
import { LlmChunk, LlmError } from './llm.client';
import { AzureOpenAISimulator } from './simulator';

describe('AzureLlmClient against the simulator', () => {
  const simulator = new AzureOpenAISimulator({ apiKey: 'k', ttftMs: 1, tokensPerSecond: 0 });
  let endpoint: LlmEndpoint;
  const client = (apiVersion: string) =>
    new AzureLlmClient(AppConfig.fromEnv({ DATA_DIR: '/tmp/cc-llm-spec', AZURE_OPENAI_ENDPOINT: endpoint.url, AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_API_VERSION: apiVersion }), endpoint);
  const request = { deployment: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hello' }] };
  const drain = async (stream: AsyncIterable<LlmChunk>) => {
    const chunks: LlmChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    return chunks;
  };

  beforeAll(async () => {
    endpoint = new LlmEndpoint(await simulator.start(), 'k', false);
  });
  afterAll(() => simulator.stop());
  beforeEach(() => simulator.clearRequests());

  it('asks for usage in the stream where the API version has it, and returns it', async () => {
    const chunks = await drain(client('2024-10-21').stream(request, new AbortController().signal));
    expect((simulator.requests[0].body as Record<string, unknown>).stream_options).toEqual({ include_usage: true });
    const end = chunks.at(-1);
    expect(end).toMatchObject({ type: 'end', finishReason: 'stop', usage: { promptTokens: expect.any(Number), completionTokens: chunks.length - 1 } });
  });

  it('does not send stream_options to an API version that predates it', async () => {
    const chunks = await drain(client('2024-06-01').stream(request, new AbortController().signal));
    expect(simulator.requests[0].body).not.toHaveProperty('stream_options');
    expect(chunks.at(-1)).toMatchObject({ type: 'end', finishReason: 'stop', usage: undefined });
  });

  it('throws an aborted LlmError when the caller aborts mid-stream', async () => {
    simulator.configure({ tokensPerSecond: 20 });
    const controller = new AbortController();
    const stream = client('2024-10-21').stream(request, controller.signal);
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of stream) {
          if (chunk.type === 'delta') seen.push(chunk.text);
          if (seen.length === 2) controller.abort();
        }
      })(),
    ).rejects.toMatchObject({ kind: 'aborted' } satisfies Partial<LlmError>);
    expect(seen).toHaveLength(2);
    simulator.configure({ tokensPerSecond: 0 });
  });
});
