import { Injectable } from '@nestjs/common';
import { AzureOpenAI, APIError, APIUserAbortError } from 'openai';
import { AppConfig } from '../config/app-config';
import { LlmChunk, LlmClient, LlmError, LlmRequest } from './llm.client';
import { LlmEndpoint } from './llm-endpoint';

/** `stream_options.include_usage` exists from these API versions on. */
const USAGE_IN_STREAM_SINCE = '2024-09-01';

@Injectable()
export class AzureLlmClient extends LlmClient {
  private readonly clients = new Map<string, AzureOpenAI>();

  constructor(
    private readonly config: AppConfig,
    private readonly endpoint: LlmEndpoint,
  ) {
    super();
  }

  async *stream(request: LlmRequest, signal: AbortSignal): AsyncIterable<LlmChunk> {
    const client = this.client(request.endpoint ?? this.endpoint.url, request.apiKey ?? this.endpoint.apiKey);
    const apiVersion = this.config.azure.apiVersion;
    let finishReason: string | null = null;
    let usage: { promptTokens: number; completionTokens: number } | undefined;
    const contentFilter: Record<string, unknown> = {};
    try {
      const stream = await client.chat.completions.create(
        {
          model: request.deployment,
          messages: request.messages,
          stream: true,
          ...(apiVersion >= USAGE_IN_STREAM_SINCE ? { stream_options: { include_usage: true } } : {}),
          temperature: request.temperature,
          max_tokens: request.maxTokens,
        },
        { signal },
      );
      for await (const chunk of stream) {
        // Azure extensions ride along on the chunk objects.
        const azure = chunk as unknown as AzureChunkExtras;
        if (azure.error) throw new LlmError('broken_stream', `error inside stream: ${azure.error.code ?? ''} ${azure.error.message ?? ''}`);
        if (azure.prompt_filter_results) contentFilter.prompt = azure.prompt_filter_results;
        if (chunk.usage) usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
        const choice = chunk.choices?.[0];
        if (!choice) continue;
        const filter = (choice as unknown as AzureChoiceExtras).content_filter_results;
        if (filter && Object.keys(filter).length) contentFilter.completion = filter;
        if (choice.delta?.content) yield { type: 'delta', text: choice.delta.content };
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
      // The SDK ends the iteration quietly on abort; the port says an aborted stream throws.
      if (signal.aborted) throw new LlmError('aborted', 'aborted by the caller');
    } catch (error) {
      throw toLlmError(error, signal);
    }
    yield { type: 'end', finishReason, usage, contentFilter: Object.keys(contentFilter).length ? contentFilter : undefined };
  }

  private client(endpoint: string, apiKey: string): AzureOpenAI {
    const key = `${endpoint}\n${apiKey}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new AzureOpenAI({
        endpoint,
        apiKey,
        apiVersion: this.config.azure.apiVersion,
        // Retries belong to the chat's own policy (issue 5); one layer only.
        maxRetries: 0,
        timeout: 120_000,
      });
      this.clients.set(key, client);
    }
    return client;
  }
}

interface AzureChunkExtras {
  prompt_filter_results?: unknown;
  error?: { code?: string; message?: string };
}
interface AzureChoiceExtras {
  content_filter_results?: Record<string, unknown>;
}

export function toLlmError(error: unknown, signal: AbortSignal): LlmError {
  if (error instanceof LlmError) return error;
  if (signal.aborted || error instanceof APIUserAbortError) return new LlmError('aborted', 'aborted by the caller');
  if (error instanceof APIError && error.status !== undefined) {
    const status = error.status;
    if (status === 429) {
      const ms = Number(error.headers?.get('retry-after-ms')) || Number(error.headers?.get('retry-after')) * 1000 || undefined;
      return new LlmError('rate_limited', `429 ${error.message}`, { retryAfterMs: ms, status });
    }
    if (status === 400 && error.code === 'content_filter') {
      const inner = (error.error as { innererror?: { content_filter_result?: Record<string, unknown> } } | undefined)?.innererror;
      return new LlmError('filtered', 'prompt filtered by Azure content management policy', { status, contentFilter: inner?.content_filter_result });
    }
    if (status === 401 || status === 403 || status === 404) return new LlmError('misconfigured', `${status} ${error.code ?? ''} ${error.message}`, { status });
    return new LlmError('unavailable', `${status} ${error.message}`, { status });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new LlmError('unavailable', message);
}
