import { TrustedFetch } from '../outbound/http-fetch';
import { createServer, type AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { createServer as createHttpServer } from 'node:http';
import { AppConfig } from '../config/app-config';
import { OutboundGuard } from '../outbound/outbound-guard';
import { AzureLlmClient } from './azure-llm.client';
import { LlmEndpoint } from './llm-endpoint';
import { LlmChunk, LlmError } from './llm.client';
import { AzureOpenAISimulator } from './simulator';

// The client logs the operator's diagnosis of each failure; keep it out of the test output.
beforeAll(() => Logger.overrideLogger(false));

const strictGuard = new OutboundGuard({ allowPrivateEndpoints: false });
const openGuard = new OutboundGuard({ allowPrivateEndpoints: true });
const trusted = new TrustedFetch();
afterAll(() => [strictGuard, openGuard, trusted].forEach((g) => g.destroy()));

describe('AzureLlmClient against the simulator', () => {
  const simulator = new AzureOpenAISimulator({ apiKey: 'k', ttftMs: 1, tokensPerSecond: 0 });
  let endpoint: LlmEndpoint;
  const client = (apiVersion: string, guard = strictGuard) =>
    new AzureLlmClient(
      AppConfig.fromEnv({ DATA_DIR: '/tmp/cc-llm-spec', AZURE_OPENAI_ENDPOINT: endpoint.url, AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_API_VERSION: apiVersion }),
      endpoint,
      guard.fetch,
      trusted.fetch,
    );
  const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hello' }] };
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
    ['an error event inside the stream', { kind: 'error_in_stream', afterPieces: 2 } as const, 'broken_stream', /^error event inside the stream \(InternalServerError\)$/],
    ['a connection lost mid-stream', { kind: 'drop', afterPieces: 2 } as const, 'broken_stream', /^connection lost mid-stream$/],
    ['a 503', { kind: 'server_error', status: 503 } as const, 'unavailable', /^HTTP 503 ServiceUnavailable: the endpoint failed; it may answer again later$/],
    ['a 404 DeploymentNotFound', { kind: 'deployment_not_found' } as const, 'misconfigured', /^HTTP 404 DeploymentNotFound: check the deployment name$/],
  ])('maps %s to %s with the status, code and a hint', async (_, fault, kind, detail) => {
    simulator.injectFault(fault);
    const error = await drain(client('2024-10-21').stream(request, new AbortController().signal)).then(() => undefined, (e: LlmError) => e);
    expect(error).toMatchObject({ kind });
    expect(error!.detail).toMatch(detail);
  });

  it('says only that it could not connect when the endpoint refuses connections, without the key', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await new Promise((resolve) => server.close(resolve));
    const dead = new AzureLlmClient(
      AppConfig.fromEnv({ DATA_DIR: '/tmp/cc-llm-spec', AZURE_OPENAI_ENDPOINT: url, AZURE_OPENAI_API_KEY: 'k' }),
      new LlmEndpoint(url, 'secret-key-123', false),
      strictGuard.fetch,
      trusted.fetch,
    );
    const error = await drain(dead.stream(request, new AbortController().signal)).then(() => undefined, (e: LlmError) => e);
    expect(error).toMatchObject({ kind: 'unavailable', detail: 'could not connect to the endpoint' });
  });

  describe('an endpoint an owner set', () => {
    const own = () => ({ ...request, connection: { provider: 'azure' as const, endpoint: endpoint.url, apiKey: 'k' } });

    it('goes through the outbound guard: the loopback simulator is refused before any request', async () => {
      const error = await drain(client('2024-10-21').stream(own(), new AbortController().signal)).then(() => undefined, (e: LlmError) => e);
      expect(error).toMatchObject({ kind: 'misconfigured', detail: 'endpoint refused: must use https' });
      expect(simulator.requests).toHaveLength(0);
    });

    it('streams through the guard when private endpoints are allowed', async () => {
      const chunks = await drain(client('2024-10-21', openGuard).stream(own(), new AbortController().signal));
      expect(chunks.at(-1)).toMatchObject({ type: 'end', finishReason: 'stop' });
      expect(chunks.filter((c) => c.type === 'delta').length).toBeGreaterThan(0);
      expect(simulator.requests).toHaveLength(1);
    });

    it('never carries the endpoint’s body into the error', async () => {
      const SECRET = 'internal-service-says-SECRET-4711';
      const server = createHttpServer((req, res) => {
        const [status, body] = req.headers['api-key'] === 'json' ? [400, JSON.stringify({ error: { code: 'BadThing', message: SECRET } })] : [502, `<html>${SECRET}</html>`];
        res.writeHead(status, { 'content-type': req.headers['api-key'] === 'json' ? 'application/json' : 'text/html' });
        res.end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        for (const [apiKey, detail] of [
          ['json', "HTTP 400 BadThing: the endpoint rejected the request; check the deployment's model and the bot's settings (max tokens, temperature)"],
          ['html', 'HTTP 502: the endpoint failed; it may answer again later'],
        ]) {
          const error = await drain(client('2024-10-21', openGuard).stream({ ...request, connection: { provider: 'azure', endpoint: url, apiKey } }, new AbortController().signal)).then(
            () => undefined,
            (e: LlmError) => e,
          );
          expect(error!.detail).toBe(detail);
          expect(JSON.stringify({ ...error, message: error!.message })).not.toContain(SECRET);
        }
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
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
