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

export interface LlmRequest {
  messages: LlmMessage[];
  deployment: string;
  temperature?: number;
  maxTokens?: number;
  /** A bot's own Azure resource; the installation's when absent. */
  endpoint?: string;
  apiKey?: string;
  /** Without it only the HTTP client's own request timeout applies. */
  timeouts?: LlmTimeouts;
}

export interface LlmUsage {
  promptTokens: number;
  completionTokens: number;
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

/** Port for the model; the Azure OpenAI implementation is the only production one. */
export abstract class LlmClient {
  abstract stream(request: LlmRequest, signal: AbortSignal): AsyncIterable<LlmChunk>;
}
