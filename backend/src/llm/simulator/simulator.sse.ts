/**
 * Chunk objects of Azure's chat-completions stream, and their SSE framing.
 * Key order and empty fields follow what Azure sends.
 */
import { randomBytes } from 'node:crypto';
import { type SeverityCategory, completionFilterResults, promptFilterResults } from './simulator.content-filter';
import type { FinishReason } from './simulator.faults';

/** What every chunk of one completion shares. */
export interface CompletionMeta {
  id: string;
  created: number;
  model: string;
  systemFingerprint: string;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: Record<string, number>;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomId = (length: number) => Array.from(randomBytes(length), (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');

export function newCompletionMeta(model: string): CompletionMeta {
  return {
    id: `chatcmpl-${randomId(29)}`,
    created: Math.floor(Date.now() / 1000),
    model,
    systemFingerprint: `fp_${randomBytes(5).toString('hex')}`,
  };
}

export function usageOf(promptTokens: number, completionTokens: number): Usage {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { accepted_prediction_tokens: 0, audio_tokens: 0, reasoning_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

/** Azure's first event: no choices, only the prompt's filter results. */
export function promptFilterChunk() {
  return {
    choices: [],
    created: 0,
    id: '',
    model: '',
    object: '',
    prompt_filter_results: [{ prompt_index: 0, content_filter_results: promptFilterResults() }],
  };
}

function chunk(meta: CompletionMeta, choices: unknown[], extra: Record<string, unknown> = {}) {
  return {
    choices,
    created: meta.created,
    id: meta.id,
    model: meta.model,
    object: 'chat.completion.chunk',
    system_fingerprint: meta.systemFingerprint,
    ...extra,
  };
}

export const roleChunk = (meta: CompletionMeta) =>
  chunk(meta, [{ content_filter_results: {}, delta: { content: '', refusal: null, role: 'assistant' }, finish_reason: null, index: 0, logprobs: null }]);

/**
 * A content chunk. `sim_sent_at` (ms, taken when the chunk is built, right
 * before it is written) is not part of Azure's format: the project's benchmark
 * reads it to measure relay latency. The openai client ignores unknown fields.
 */
export const contentChunk = (meta: CompletionMeta, piece: string) =>
  chunk(
    meta,
    [{ content_filter_results: completionFilterResults(), delta: { content: piece }, finish_reason: null, index: 0, logprobs: null }],
    { sim_sent_at: Date.now() },
  );

/** The last choice chunk; with 'content_filter' the filtered category is reported. */
export const finishChunk = (meta: CompletionMeta, reason: FinishReason, filtered?: SeverityCategory) =>
  chunk(meta, [
    {
      content_filter_results: reason === 'content_filter' ? completionFilterResults(filtered) : {},
      delta: {},
      finish_reason: reason,
      index: 0,
      logprobs: null,
    },
  ]);

/** Sent after the finish chunk when the request asked for `stream_options.include_usage`. */
export const usageChunk = (meta: CompletionMeta, usage: Usage) => chunk(meta, [], { usage });

/** One server-sent event: `data: <json>` and a blank line. */
export const sseEvent = (data: object | '[DONE]'): string => `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
