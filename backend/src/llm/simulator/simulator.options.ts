import { DEFAULT_REQUEST_LOG_LIMITS, type RequestLogLimits } from './simulator.request-log';

/**
 * Knobs of the Azure OpenAI simulator. Every field can be changed at runtime
 * through `AzureOpenAISimulator.configure()`; a running stream keeps the
 * values it started with.
 */

/** A chat message as the simulator sees it: content already flattened to text. */
export interface SimulatorMessage {
  role: string;
  content: string;
}

/** Which wire format a request came in: Azure's deployment routes or OpenAI's /v1 routes. */
export type SimulatorApi = 'azure' | 'openai';

/** What a custom `reply` function is given. */
export interface ReplyRequest {
  messages: SimulatorMessage[];
  /** The deployment named in the request path (Azure), or the body's `model` (OpenAI route). */
  deployment: string;
  /** The route the request came in on; absent when a caller builds a ReplyRequest itself. */
  api?: SimulatorApi;
}

export interface SimulatorOptions extends RequestLogLimits {
  /**
   * If set, an Azure request whose `api-key` header differs gets Azure's 401, and an
   * OpenAI-route request whose `Authorization: Bearer` token differs gets OpenAI's 401
   * (`invalid_api_key`). If unset, any non-empty `api-key` or bearer token is accepted;
   * none → 401.
   */
  apiKey?: string;
  /**
   * The known deployments (Azure routes) and model names (OpenAI routes). If set, and
   * `demo` is not, others get 404: DeploymentNotFound on Azure, `model_not_found` on OpenAI.
   */
  deployments?: string[];
  /**
   * Demo mode (the product without a model configured): any deployment, model and
   * api-version is accepted, so a demo never fails on a name.
   */
  demo?: boolean;
  /** Delay before the first content chunk (time to first token), in ms. */
  ttftMs: number;
  /**
   * Content chunks per second after the first one; 0 or Infinity = no pacing. A chunk holds
   * `azureTokensPerChunk` / `openaiTokensPerChunk` tokens, so the name keeps its history:
   * it is the chunk rate, and the token rate only at one token per chunk.
   */
  tokensPerSecond: number;
  /**
   * Tokens per content chunk on the Azure route: Azure's default content filter releases
   * the completion a few tokens at a time.
   */
  azureTokensPerChunk: number;
  /** Tokens per content chunk on the OpenAI route: OpenAI streams about one token per chunk. */
  openaiTokensPerChunk: number;
  /**
   * false: never send usage in a stream, even when `stream_options.include_usage` asks for it
   * (as OpenAI-compatible servers that ignore `stream_options` do), so a client's own token
   * count can be tested. Non-streamed replies always carry usage.
   */
  streamUsage: boolean;
  /** Length of embedding vectors when the request names no `dimensions`. */
  embeddingDimensions: number;
  /** Model name reported by Azure embeddings (the OpenAI route echoes the requested model). */
  embeddingModel: string;
  /**
   * Benchmarks: each content delta ends with a send-time stamp `⟦t=<ms>⟧` (the first with
   * ` r=<ms>`, when the request arrived); see simulator.stamp.ts. Off by default; without it
   * the chunks hold nothing a real service would not send.
   */
  stampChunks?: boolean;
  /** Replaces the built-in demo reply. */
  reply?: (req: ReplyRequest) => string;
  /** Chat model name reported on the Azure route, as Azure reports the deployed model version (the OpenAI route echoes the requested model). */
  model: string;
  /** Value of the `x-ms-region` header. */
  region: string;
  host: string;
  /** 0 = pick a free port. */
  port: number;
}

export const DEFAULT_SIMULATOR_OPTIONS: SimulatorOptions = {
  ...DEFAULT_REQUEST_LOG_LIMITS,
  ttftMs: 300,
  tokensPerSecond: 30,
  azureTokensPerChunk: 3,
  openaiTokensPerChunk: 1,
  streamUsage: true,
  embeddingDimensions: 256,
  embeddingModel: 'text-embedding-3-small',
  model: 'gpt-4o-2024-11-20',
  region: 'Sweden Central',
  host: '127.0.0.1',
  port: 0,
};

/** Milliseconds between content chunks; 0 when the rate is 0 or Infinity (no pacing). */
export const pieceIntervalMs = (tokensPerSecond: number): number =>
  tokensPerSecond > 0 && Number.isFinite(tokensPerSecond) ? 1000 / tokensPerSecond : 0;
