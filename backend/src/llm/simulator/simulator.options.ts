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

/** What a custom `reply` function is given. */
export interface ReplyRequest {
  messages: SimulatorMessage[];
  /** The deployment named in the request path. */
  deployment: string;
}

export interface SimulatorOptions extends RequestLogLimits {
  /**
   * If set, a request whose `api-key` header differs gets Azure's 401. If unset,
   * any non-empty `api-key` or `Authorization: Bearer …` is accepted; none → 401.
   */
  apiKey?: string;
  /** If set, other deployments get 404 DeploymentNotFound. */
  deployments?: string[];
  /** Delay before the first content chunk (time to first token), in ms. */
  ttftMs: number;
  /** Content chunks per second after the first one; 0 or Infinity = no pacing. */
  tokensPerSecond: number;
  /**
   * Benchmarks: each content delta ends with a send-time stamp `⟦t=<ms>⟧` (the first with
   * ` r=<ms>`, when the request arrived); see simulator.stamp.ts. Off by default.
   */
  stampChunks?: boolean;
  /** Replaces the built-in demo reply. */
  reply?: (req: ReplyRequest) => string;
  /** Model name reported in chunks, as Azure reports the deployed model version. */
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
  model: 'gpt-4o-2024-11-20',
  region: 'Sweden Central',
  host: '127.0.0.1',
  port: 0,
};

/** Milliseconds between content chunks; 0 when the rate is 0 or Infinity (no pacing). */
export const pieceIntervalMs = (tokensPerSecond: number): number =>
  tokensPerSecond > 0 && Number.isFinite(tokensPerSecond) ? 1000 / tokensPerSecond : 0;
