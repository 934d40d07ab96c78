import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { OutboundGuard } from '../outbound/outbound-guard';
import { EntraTokenSource } from './entra-token';
import { LlmEndpoint } from './llm-endpoint';
import { LlmProviderRegistry } from './llm-registry';
import { buildLlmClient } from './llm.module';
import { EmbeddingResult, LlmChunk, LlmClient, LlmRequest } from './llm.client';
import { AzureOpenAISimulator } from './simulator';

beforeAll(() => Logger.overrideLogger(false));

class Named extends LlmClient {
  readonly streamed: LlmRequest[] = [];
  constructor(private readonly name: string) {
    super();
  }
  async *stream(request: LlmRequest): AsyncGenerator<LlmChunk> {
    this.streamed.push(request);
    yield { type: 'delta', text: this.name };
    yield { type: 'end', finishReason: 'stop' };
  }
  async embed(): Promise<EmbeddingResult> {
    return { vectors: [[1]], model: this.name, promptTokens: 1 };
  }
}

async function drain(stream: AsyncIterable<LlmChunk>): Promise<LlmChunk[]> {
  const chunks: LlmChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const messages = [{ role: 'user' as const, content: 'Hello' }];
const signal = new AbortController().signal;

describe('LlmProviderRegistry', () => {
  const azure = new Named('azure');
  const openai = new Named('openai');

  it.each([
    ['azure', undefined, 'azure'],
    ['openai', undefined, 'openai'],
    ['azure', 'openai', 'openai'],
    ['openai', 'azure', 'azure'],
  ] as const)('with the installation on %s and a connection to %s, asks %s', async (installation, own, expected) => {
    const registry = new LlmProviderRegistry({ azure, openai }, installation);
    const connection = own && { provider: own, endpoint: 'https://x.example', apiKey: 'k' };
    const chunks = await drain(registry.stream({ messages, connection }, signal));
    expect(chunks[0]).toEqual({ type: 'delta', text: expected });
    expect((await registry.embed({ texts: ['a'], connection }, signal)).model).toBe(expected);
  });

  it('counts usage with the tokenizer when the provider sends none, and says so', async () => {
    const end = (await drain(new LlmProviderRegistry({ azure, openai }, 'azure').stream({ messages }, signal))).at(-1);
    expect(end).toMatchObject({ type: 'end', usage: { estimated: true } });
  });
});

describe('buildLlmClient against the simulator', () => {
  const simulator = new AzureOpenAISimulator({ apiKey: 'sim-key', ttftMs: 1, tokensPerSecond: 0 });
  const guard = new OutboundGuard({ allowPrivateEndpoints: true });
  let url: string;
  beforeAll(async () => {
    url = await simulator.start();
  });
  afterAll(async () => {
    guard.destroy();
    await simulator.stop();
  });
  beforeEach(() => {
    simulator.requests.length = 0;
    simulator.configure({ streamUsage: true, apiKey: 'sim-key' });
  });

  const openaiInstallation = () => {
    const config = AppConfig.fromEnv({ DATA_DIR: '/tmp/cc-llm-spec', LLM_PROVIDER: 'openai', OPENAI_BASE_URL: `${url}/v1`, OPENAI_API_KEY: 'sim-key', OPENAI_MODEL: 'gpt-4o-mini' });
    const endpoint = new LlmEndpoint(config.openai.baseUrl, 'sim-key', false, config.openai.model, config.openai.embeddingModel, 'openai');
    return buildLlmClient(config, endpoint, guard.fetch, new EntraTokenSource(), guard.fetch);
  };

  it('streams from an OpenAI-compatible installation with the bearer key and its default model', async () => {
    const chunks = await drain(openaiInstallation().stream({ messages }, signal));
    expect(chunks.at(-1)).toMatchObject({ type: 'end', finishReason: 'stop', usage: { promptTokens: expect.any(Number) } });
    expect((chunks.at(-1) as { usage: { estimated?: boolean } }).usage.estimated).toBeUndefined();
    const [request] = simulator.requests;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer sim-key');
    expect(request.body).toMatchObject({ model: 'gpt-4o-mini', stream_options: { include_usage: true } });
  });

  it('estimates the usage when the server sends none', async () => {
    simulator.configure({ streamUsage: false });
    const end = (await drain(openaiInstallation().stream({ messages }, signal))).at(-1);
    expect(end).toMatchObject({ type: 'end', finishReason: 'stop', usage: { estimated: true, promptTokens: expect.any(Number), completionTokens: expect.any(Number) } });
  });

  it('embeds through /v1/embeddings', async () => {
    const result = await openaiInstallation().embed({ texts: ['tea', 'water'] }, signal);
    expect(result.vectors).toHaveLength(2);
    expect(result.model).toBe('text-embedding-3-small');
    expect(simulator.requests[0].path).toBe('/v1/embeddings');
  });

  it('sends Entra ID tokens, not an api-key, to an Azure installation without a key', async () => {
    simulator.configure({ apiKey: undefined });
    const config = AppConfig.fromEnv({ DATA_DIR: '/tmp/cc-llm-spec', AZURE_OPENAI_ENDPOINT: url, AZURE_OPENAI_DEPLOYMENT: 'gpt-4o' });
    const entra = new EntraTokenSource();
    entra.use(async () => 'fake-entra-token');
    const client = buildLlmClient(config, new LlmEndpoint(url, '', false, 'gpt-4o', 'emb', 'azure'), guard.fetch, entra, guard.fetch);
    await drain(client.stream({ messages }, signal));
    const [request] = simulator.requests;
    expect(request.path).toMatch(/^\/openai\/deployments\/gpt-4o\/chat\/completions/);
    expect(request.headers.authorization).toBe('Bearer fake-entra-token');
    expect(request.headers['api-key']).toBeUndefined();
  });
});
