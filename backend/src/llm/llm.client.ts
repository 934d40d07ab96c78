/** The model as the chat sees it: a stream of text deltas ending with one summary. */

export interface LlmMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LlmRequest {
  messages: LlmMessage[];
  deployment: string;
  temperature?: number;
  maxTokens?: number;
  /** A bot's own Azure resource; the installation's when absent. */
  endpoint?: string;
  apiKey?: string;
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

export type LlmErrorKind = 'rate_limited' | 'unavailable' | 'filtered' | 'misconfigured' | 'aborted' | 'broken_stream';

/** A model failure in the chat's terms; `detail` is for the log and the owner, never the visitor. */
export class LlmError extends Error {
  constructor(
    readonly kind: LlmErrorKind,
    readonly detail: string,
    readonly extra: { retryAfterMs?: number; status?: number; contentFilter?: Record<string, unknown> } = {},
  ) {
    super(`${kind}: ${detail}`);
  }
}

/** Port for the model; the Azure OpenAI implementation is the only production one. */
export abstract class LlmClient {
  abstract stream(request: LlmRequest, signal: AbortSignal): AsyncIterable<LlmChunk>;
}
