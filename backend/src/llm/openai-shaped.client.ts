import { Logger } from '@nestjs/common';
import type OpenAI from 'openai';
import { eventStreamBody, type FetchLike } from '../outbound/http-fetch';
import { EmbeddingRequest, EmbeddingResult, LlmChunk, LlmClient, LlmConnection, LlmError, LlmProviderName, LlmRequest } from './llm.client';
import { describeCauses, inStreamError, networkCode, toLlmError } from './provider-error';
import { redact } from './redact';
import { sseData } from './sse-events';

/** The installation's account with one provider, set by the operator (trusted, not guarded). */
export interface InstallationAccount {
  url: string;
  /** Empty when the provider authenticates otherwise (Microsoft Entra ID). */
  apiKey: string;
}

/** The models a provider uses when a request names none. */
export interface ProviderDefaults {
  model: string;
  embeddingModel: string;
}

/** Who a call goes to: the SDK client, and what the logs and redaction need to know of it. */
interface Target {
  client: OpenAI;
  endpointUrl: string;
  apiKey: string;
  /** An owner's endpoint: reached through the outbound guard, never told its own body. */
  ownerSet: boolean;
}

/**
 * What Azure OpenAI and OpenAI-compatible servers have in common: the `openai` SDK builds,
 * authenticates and sends the request and turns an error status into its APIError; the body's
 * events are read here (sse-events.ts), the same chunks on both. A subclass says how its SDK
 * client is made.
 */
export abstract class OpenAiShapedClient extends LlmClient {
  protected readonly logger = new Logger('Llm');
  private readonly clients = new Map<string, OpenAI>();

  constructor(
    readonly provider: LlmProviderName,
    /** The installation's account with this provider; undefined when it only serves bots' own accounts. */
    protected readonly installation: InstallationAccount | undefined,
    protected readonly defaults: ProviderDefaults,
    /** How requests to an endpoint an owner set are sent: the outbound guard's fetch. */
    protected readonly ownerFetch: FetchLike,
    /** How requests to the operator's endpoint are sent (outbound/http-fetch.ts, not judged). */
    protected readonly trustedFetch: FetchLike,
  ) {
    super();
  }

  /** A new SDK client sending through `fetch`; `ownerSet` for an endpoint an owner set. */
  protected abstract createClient(endpoint: string, apiKey: string, fetch: FetchLike, ownerSet: boolean): OpenAI;

  /** Whether to ask for `stream_options.include_usage`. */
  protected abstract asksForUsage(): boolean;

  async *stream(request: LlmRequest, signal: AbortSignal): AsyncIterable<LlmChunk> {
    const target = this.target(request.connection);
    let finishReason: string | null = null;
    let usage: { promptTokens: number; completionTokens: number } | undefined;
    const contentFilter: Record<string, unknown> = {};
    let responding = false;
    try {
      const response = await target.client.chat.completions
        .create(
          {
            model: request.model ?? this.defaults.model,
            messages: request.messages,
            stream: true,
            ...(this.asksForUsage() ? { stream_options: { include_usage: true } } : {}),
            temperature: request.temperature,
            max_tokens: request.maxTokens,
          },
          { signal },
        )
        .asResponse();
      responding = true;
      const body = eventStreamBody(response) ?? response.body;
      if (!body) throw new LlmError('broken_stream', 'the response has no body');
      for await (const batch of sseData(body)) {
        // The events of one read become one delta: fewer writes to visitors when behind.
        let text = '';
        for (const data of batch) {
          const chunk = parseChunk(data);
          // Azure extensions ride along on the chunk objects; other servers simply leave them out.
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
      if (!['aborted', 'rate_limited', 'filtered'].includes(mapped.kind)) this.logDiagnosis(error, mapped, target);
      throw mapped.withDetail(redact(mapped.detail, [target.apiKey]));
    }
    yield { type: 'end', finishReason, usage, contentFilter: Object.keys(contentFilter).length ? contentFilter : undefined };
  }

  async embed(request: EmbeddingRequest, signal: AbortSignal): Promise<EmbeddingResult> {
    const target = this.target(request.connection);
    const model = request.model ?? this.defaults.embeddingModel;
    try {
      if (request.texts.length === 0) return { vectors: [], model, promptTokens: 0 };
      const response = await target.client.embeddings.create({ model, input: request.texts, encoding_format: 'float' }, { signal });
      const data = Array.isArray(response.data) ? response.data : [];
      const vectors = [...data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
      if (vectors.length !== request.texts.length || vectors.some((v) => !Array.isArray(v) || v.length === 0)) {
        throw new LlmError('broken_stream', `the endpoint answered ${vectors.length} embeddings for ${request.texts.length} texts`);
      }
      return { vectors, model, promptTokens: response.usage?.prompt_tokens ?? 0 };
    } catch (error) {
      const mapped = toLlmError(error, signal);
      if (!['aborted', 'rate_limited'].includes(mapped.kind)) this.logDiagnosis(error, mapped, target);
      throw mapped.withDetail(redact(mapped.detail, [target.apiKey]));
    }
  }

  /** A request's own connection is always a bot's, set by its owner; the installation's is the operator's. */
  private target(connection: LlmConnection | undefined): Target {
    if (connection) {
      return { client: this.client(connection.endpoint, connection.apiKey, true), endpointUrl: connection.endpoint, apiKey: connection.apiKey, ownerSet: true };
    }
    if (!this.installation) throw new LlmError('misconfigured', `this installation has no ${this.provider} account configured`);
    const { url, apiKey } = this.installation;
    return { client: this.client(url, apiKey, false), endpointUrl: url, apiKey, ownerSet: false };
  }

  private client(endpoint: string, apiKey: string, ownerSet: boolean): OpenAI {
    const key = `${ownerSet ? 'owner' : 'operator'}\n${endpoint}\n${apiKey}`;
    let client = this.clients.get(key);
    if (!client) {
      // The operator's endpoint is trusted (tests point it at a loopback simulator); an owner's goes through the guard.
      client = this.createClient(endpoint, apiKey, ownerSet ? this.ownerFetch : this.trustedFetch, ownerSet);
      this.clients.set(key, client);
    }
    return client;
  }

  /**
   * The server log gets more than the owner: for the operator's endpoint the provider's message and
   * the network's reasons; for an owner's endpoint only the system error code (never a body, which
   * could be any internal service's answer).
   */
  private logDiagnosis(error: unknown, mapped: LlmError, target: Target): void {
    const origin = URL.canParse(target.endpointUrl) ? new URL(target.endpointUrl).origin : 'invalid endpoint';
    if (target.ownerSet) {
      const code = networkCode(error);
      if (code && code !== 'ERR_OUTBOUND_REFUSED') this.logger.warn(`bot endpoint ${origin}: ${mapped.detail} (${code})`);
      return;
    }
    const reason = mapped.extra.reason ?? describeCauses(error);
    this.logger.warn(`installation endpoint ${origin}: ${redact(reason, [target.apiKey])}`);
  }
}

/** Settings every SDK client gets: no SDK retries, no environment defaults leaking in. */
export const SDK_CLIENT_OPTIONS = {
  // Retries belong to ResilientLlmClient, the one retry layer; the SDK's would multiply them.
  maxRetries: 0,
  timeout: 120_000,
  // The SDK would otherwise read OPENAI_ORG_ID / OPENAI_PROJECT_ID and send them to any endpoint, an owner's too.
  organization: null,
  project: null,
} as const;

/** The parts of a streamed chat completion chunk read here, Azure's extensions included. */
interface CompletionChunk {
  choices?: Array<{ delta?: { content?: string | null }; finish_reason?: string | null; content_filter_results?: Record<string, unknown> }>;
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
  prompt_filter_results?: unknown;
  error?: { code?: string; message?: string };
}

function parseChunk(data: string): CompletionChunk {
  try {
    const chunk: unknown = JSON.parse(data);
    if (chunk && typeof chunk === 'object') return chunk as CompletionChunk;
  } catch {
    // reported below
  }
  throw new LlmError('broken_stream', 'unreadable event inside the stream', { reason: `unreadable event: ${data.slice(0, 120)}` });
}
