import { createServer, type AddressInfo } from 'node:net';
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
    expect(end).toMatchObject({ type: 'end', finishReason: 'stop', usage: { promptTokens: expect.any(Number), completionTokens: expect.any(Number) } });
    // One delta per token at most: events that arrive in one read are passed on as one delta.
    const usage = (end as Extract<LlmChunk, { type: 'end' }>).usage!;
    expect(usage.completionTokens).toBeGreaterThanOrEqual(chunks.length - 1);
    expect(chunks.length - 1).toBeGreaterThan(0);
  });

  it('does not send stream_options to an API version that predates it', async () => {
    const chunks = await drain(client('2024-06-01').stream(request, new AbortController().signal));
    expect(simulator.requests[0].body).not.toHaveProperty('stream_options');
    expect(chunks.at(-1)).toMatchObject({ type: 'end', finishReason: 'stop', usage: undefined });
  });

  it.each([
    ['an error event inside the stream', { kind: 'error_in_stream', afterPieces: 2 } as const, 'broken_stream', /^error event inside the stream: /],
    ['a connection lost mid-stream', { kind: 'drop', afterPieces: 2 } as const, 'broken_stream', /^connection lost mid-stream: terminated/],
    ['a 503', { kind: 'server_error', status: 503 } as const, 'unavailable', /^503 The service is temporarily unable.*\(ServiceUnavailable\)$/],
    ['a 404 DeploymentNotFound', { kind: 'deployment_not_found' } as const, 'misconfigured', /^404 The API deployment .*\(DeploymentNotFound\)$/],
  ])('maps %s to %s with the real reason', async (_, fault, kind, detail) => {
    simulator.injectFault(fault);
    const error = await drain(client('2024-10-21').stream(request, new AbortController().signal)).then(() => undefined, (e: LlmError) => e);
    expect(error).toMatchObject({ kind });
    expect(error!.detail).toMatch(detail);
  });

  it('names the cause when the endpoint refuses connections, without the key', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await new Promise((resolve) => server.close(resolve));
    const dead = new AzureLlmClient(
      AppConfig.fromEnv({ DATA_DIR: '/tmp/cc-llm-spec', AZURE_OPENAI_ENDPOINT: url, AZURE_OPENAI_API_KEY: 'k' }),
      new LlmEndpoint(url, 'secret-key-123', false),
    );
    const error = await drain(dead.stream(request, new AbortController().signal)).then(() => undefined, (e: LlmError) => e);
    expect(error).toMatchObject({ kind: 'unavailable' });
    expect(error!.detail).toContain('ECONNREFUSED');
    expect(error!.detail).not.toContain('secret-key-123');
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
