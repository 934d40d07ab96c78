/** The model as the chat sees it: a stream of text deltas ending with one summary. */

export interface LlmMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** How long the stream may stay silent before it is given up (per bot; see bot-settings.ts). */
export interface LlmTimeouts {
  /** From sending the request to the first chunk. */
  firstTokenMs: number;
  /** Between two chunks once the stream has started. */
  stallMs: number;
}

/** The model providers a request can be sent to. */
export type LlmProviderName = 'azure' | 'openai';

/**
 * A bot's own account, set by its owner: always reached through the outbound guard, and never
 * sent the installation's key.
 */
export interface LlmConnection {
  provider: LlmProviderName;
  /** Azure: the resource's endpoint; OpenAI-compatible: the base URL (…/v1). */
  endpoint: string;
  apiKey: string;
}

export interface LlmRequest {
  messages: LlmMessage[];
  /** Azure deployment or model name; the provider's configured default when absent. */
  model?: string;
  temperature?: number;
  maxTokens?: number;
  /** Without it only the HTTP client's own request timeout applies. */
  timeouts?: LlmTimeouts;
  /** A bot's own account; the installation's provider when absent. */
  connection?: LlmConnection;
}

export interface LlmUsage {
  promptTokens: number;
  completionTokens: number;
  /** Counted here with the tokenizer: the provider's stream carried no usage. */
  estimated?: boolean;
}

export interface EmbeddingRequest {
  texts: string[];
  /** Azure deployment or model name; the provider's configured embedding model when absent. */
  model?: string;
  /** A bot's own account; the installation's provider when absent. */
  connection?: LlmConnection;
}

export interface EmbeddingResult {
  /** One vector per text, in the order given. */
  vectors: number[][];
  /** The model (or Azure deployment) that made them. */
  model: string;
  promptTokens: number;
}

export type LlmChunk =
  | { type: 'delta'; text: string }
  | {
      type: 'end';
      /** `stop`, `length`, `content_filter`, …; null when the stream ended without one. */
      finishReason: string | null;
      usage?: LlmUsage;
      contentFilter?: Record<string, unknown>;
    };

export type LlmErrorKind =
  | 'rate_limited'
  | 'unavailable'
  | 'filtered'
  | 'misconfigured'
  | 'aborted'
  | 'broken_stream'
  /** No first token, or a stall mid-stream, past the bot's timeout. */
  | 'timeout'
  /** The upstream's circuit breaker is open: failed fast, nothing was sent. */
  | 'circuit_open';

export interface LlmErrorExtra {
  retryAfterMs?: number;
  status?: number;
  contentFilter?: Record<string, unknown>;
  /** The upstream's own words, for the operator's log; never stored or shown to owners. */
  reason?: string;
}

/** A model failure in the chat's terms; `detail` is for the log and the owner (never an upstream's body), never the visitor. */
export class LlmError extends Error {
  constructor(
    readonly kind: LlmErrorKind,
    readonly detail: string,
    readonly extra: LlmErrorExtra = {},
  ) {
    super(`${kind}: ${detail}`);
  }

  /** The same failure with another detail (more context, or secrets scrubbed). */
  withDetail(detail: string): LlmError {
    return new LlmError(this.kind, detail, this.extra);
  }
}

/** Port for the model: chat completions streamed, and embeddings; one implementation per provider. */
export abstract class LlmClient {
  abstract stream(request: LlmRequest, signal: AbortSignal): AsyncIterable<LlmChunk>;
  abstract embed(request: EmbeddingRequest, signal: AbortSignal): Promise<EmbeddingResult>;
}
