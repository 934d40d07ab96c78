import { Injectable, Logger } from '@nestjs/common';
import { AzureOpenAI } from 'openai';
import { AppConfig } from '../config/app-config';
import type { FetchLike } from '../outbound/guarded-fetch';
import { EmbeddingRequest, EmbeddingResult, LlmChunk, LlmClient, LlmConnection, LlmError, LlmRequest } from './llm.client';
import { describeCauses, inStreamError, networkCode, toLlmError } from './azure-error';
import { LlmEndpoint } from './llm-endpoint';
import { redact } from './redact';
import { sseData } from './sse-events';

/** `stream_options.include_usage` exists from these API versions on. */
const USAGE_IN_STREAM_SINCE = '2024-09-01';

@Injectable()
export class AzureLlmClient extends LlmClient {
  private readonly logger = new Logger('Llm');
  private readonly clients = new Map<string, AzureOpenAI>();

  constructor(
    private readonly config: AppConfig,
    private readonly endpoint: LlmEndpoint,
    /** How requests to an endpoint an owner set are sent: the outbound guard's fetch. */
    private readonly ownerFetch: FetchLike,
  ) {
    super();
  }

  async *stream(request: LlmRequest, signal: AbortSignal): AsyncIterable<LlmChunk> {
    const { apiKey, ownerSet, endpointUrl, client } = this.target(request.connection);
    const apiVersion = this.config.azure.apiVersion;
    let finishReason: string | null = null;
    let usage: { promptTokens: number; completionTokens: number } | undefined;
    const contentFilter: Record<string, unknown> = {};
    let responding = false;
    try {
      // The SDK builds, authenticates and sends the request and turns an error status into its
      // APIError; the body's events are read here (sse-events.ts).
      const response = await client.chat.completions
        .create(
          {
            model: request.model ?? this.config.azure.deployment,
            messages: request.messages,
            stream: true,
            ...(apiVersion >= USAGE_IN_STREAM_SINCE ? { stream_options: { include_usage: true } } : {}),
            temperature: request.temperature,
            max_tokens: request.maxTokens,
          },
          { signal },
        )
        .asResponse();
      responding = true;
      if (!response.body) throw new LlmError('broken_stream', 'the response has no body');
      for await (const batch of sseData(response.body)) {
        // The events of one read become one delta: fewer writes to visitors when behind.
        let text = '';
        for (const data of batch) {
          const chunk = parseChunk(data);
          // Azure extensions ride along on the chunk objects.
          if (chunk.error) {
            if (text) yield { type: 'delta', text }; // what came before the error stays said
            throw new LlmError('broken_stream', inStreamError(chunk.error.code), { reason: chunk.error.message });
          }
          if (chunk.prompt_filter_results) contentFilter.prompt = chunk.prompt_filter_results;
          if (chunk.usage) usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
          const choice = chunk.choices?.[0];
          if (!choice) continue;
          const filter = choice.content_filter_results;
          if (filter && Object.keys(filter).length) contentFilter.completion = filter;
          if (choice.delta?.content) text += choice.delta.content;
          if (choice.finish_reason) finishReason = choice.finish_reason;
        }
        if (text) yield { type: 'delta', text };
      }
      // The port says an aborted stream throws, whatever reading the body did.
      if (signal.aborted) throw new LlmError('aborted', 'aborted by the caller');
    } catch (error) {
      const llmError = toLlmError(error, signal);
      // A connection lost after the 200 is a broken stream, not an unreachable upstream.
      const mapped = responding && llmError.kind === 'unavailable' ? new LlmError('broken_stream', 'connection lost mid-stream') : llmError;
      // Rate limits and filtered prompts are the normal course of things: the outcome's own log line says enough.
      if (!['aborted', 'rate_limited', 'filtered'].includes(mapped.kind)) this.logDiagnosis(error, mapped, endpointUrl, ownerSet, apiKey);
      throw mapped.withDetail(redact(mapped.detail, [apiKey]));
    }
    yield { type: 'end', finishReason, usage, contentFilter: Object.keys(contentFilter).length ? contentFilter : undefined };
  }

  async embed(request: EmbeddingRequest, signal: AbortSignal): Promise<EmbeddingResult> {
    const { apiKey, ownerSet, endpointUrl, client } = this.target(request.connection);
    const model = request.model ?? this.config.azure.embeddingDeployment;
    try {
      const response = await client.embeddings.create({ model, input: request.texts, encoding_format: 'float' }, { signal });
      const vectors = [...response.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
      if (vectors.length !== request.texts.length) throw new LlmError('broken_stream', `${vectors.length} embeddings for ${request.texts.length} texts`);
      return { vectors, model, promptTokens: response.usage?.prompt_tokens ?? 0 };
    } catch (error) {
      const mapped = toLlmError(error, signal);
      if (!['aborted', 'rate_limited'].includes(mapped.kind)) this.logDiagnosis(error, mapped, endpointUrl, ownerSet, apiKey);
      throw mapped.withDetail(redact(mapped.detail, [apiKey]));
    }
  }

  /** A request's own connection is always a bot's, set by its owner; the installation's is the operator's. */
  private target(connection: LlmConnection | undefined) {
    const ownerSet = connection !== undefined;
    const apiKey = connection?.apiKey ?? this.endpoint.apiKey;
    const endpointUrl = connection?.endpoint ?? this.endpoint.url;
    return { apiKey, ownerSet, endpointUrl, client: this.client(endpointUrl, apiKey, ownerSet) };
  }

  private client(endpoint: string, apiKey: string, ownerSet: boolean): AzureOpenAI {
    const key = `${ownerSet ? 'owner' : 'operator'}\n${endpoint}\n${apiKey}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new AzureOpenAI({
        endpoint,
        apiKey,
        apiVersion: this.config.azure.apiVersion,
        // Retries belong to ResilientLlmClient, the one retry layer; the SDK's would multiply them.
        maxRetries: 0,
        timeout: 120_000,
        // The operator's endpoint is trusted (tests point it at a loopback simulator); an owner's goes through the guard.
        ...(ownerSet ? { fetch: this.ownerFetch } : {}),
      });
      this.clients.set(key, client);
    }
    return client;
  }

  /**
   * The server log gets more than the owner: for the operator's endpoint the provider's message and
   * the network's reasons; for an owner's endpoint only the system error code (never a body, which
   * could be any internal service's answer).
   */
  private logDiagnosis(error: unknown, mapped: LlmError, endpoint: string, ownerSet: boolean, apiKey: string): void {
    const origin = URL.canParse(endpoint) ? new URL(endpoint).origin : 'invalid endpoint';
    if (ownerSet) {
      const code = networkCode(error);
      if (code && code !== 'ERR_OUTBOUND_REFUSED') this.logger.warn(`bot endpoint ${origin}: ${mapped.detail} (${code})`);
      return;
    }
    const reason = mapped.extra.reason ?? describeCauses(error);
    this.logger.warn(`installation endpoint ${origin}: ${redact(reason, [apiKey])}`);
  }
}

/** The parts of a streamed chat completion chunk read here, Azure's extensions included. */
interface AzureChunk {
  choices?: Array<{ delta?: { content?: string | null }; finish_reason?: string | null; content_filter_results?: Record<string, unknown> }>;
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
  prompt_filter_results?: unknown;
  error?: { code?: string; message?: string };
}

function parseChunk(data: string): AzureChunk {
  try {
    const chunk: unknown = JSON.parse(data);
    if (chunk && typeof chunk === 'object') return chunk as AzureChunk;
  } catch {
    // reported below
  }
  throw new LlmError('broken_stream', 'unreadable event inside the stream', { reason: `unreadable event: ${data.slice(0, 120)}` });
}
