/**
 * Chunk objects of Azure's and OpenAI's chat-completions streams, and their
 * SSE framing. Key order and empty fields follow what each service sends.
 */
import { randomBytes } from 'node:crypto';
import { type SeverityCategory, completionFilterResults, promptFilterResults } from './simulator.content-filter';
import type { FinishReason } from './simulator.faults';
import type { SimulatorApi } from './simulator.options';

/** What every chunk of one completion shares. */
export interface CompletionMeta {
  id: string;
  created: number;
  model: string;
  systemFingerprint: string;
  /** Azure's or OpenAI's format: key order and Azure's content-filter fields differ. */
  api: SimulatorApi;
  /** The stream ends with a usage chunk: every chunk before it carries `"usage": null`, as the services send. */
  usageNull?: boolean;
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

export function newCompletionMeta(model: string, api: SimulatorApi = 'azure'): CompletionMeta {
  return {
    id: `chatcmpl-${randomId(29)}`,
    created: Math.floor(Date.now() / 1000),
    model,
    systemFingerprint: `fp_${randomBytes(5).toString('hex')}`,
    api,
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

/** Azure's first event: no choices, only the prompt's filter results. OpenAI has no such event. */
export function promptFilterChunk(meta: CompletionMeta) {
  return {
    choices: [],
    created: 0,
    id: '',
    model: '',
    object: '',
    prompt_filter_results: [{ prompt_index: 0, content_filter_results: promptFilterResults() }],
    ...(meta.usageNull ? { usage: null } : {}),
  };
}

/** A chunk in the route's key order: Azure's is alphabetical, OpenAI's starts with the id. */
function chunk(meta: CompletionMeta, choices: unknown[], usage?: Usage) {
  const usageField = usage ? { usage } : meta.usageNull ? { usage: null } : {};
  if (meta.api === 'openai') {
    return {
      id: meta.id,
      object: 'chat.completion.chunk',
      created: meta.created,
      model: meta.model,
      service_tier: 'default',
      system_fingerprint: meta.systemFingerprint,
      choices,
      ...usageField,
    };
  }
  return {
    choices,
    created: meta.created,
    id: meta.id,
    model: meta.model,
    object: 'chat.completion.chunk',
    system_fingerprint: meta.systemFingerprint,
    ...usageField,
  };
}

/** One choice; Azure adds its content-filter results (first, in its alphabetical order). */
function choice(meta: CompletionMeta, delta: object, finishReason: FinishReason | null, filterResults: object) {
  if (meta.api === 'openai') return { index: 0, delta, logprobs: null, finish_reason: finishReason };
  return { content_filter_results: filterResults, delta, finish_reason: finishReason, index: 0, logprobs: null };
}

export const roleChunk = (meta: CompletionMeta) => chunk(meta, [choice(meta, { content: '', refusal: null, role: 'assistant' }, null, {})]);

/** A content chunk: only what the services send (the benchmark's stamps travel in the text, see simulator.stamp.ts). */
export const contentChunk = (meta: CompletionMeta, piece: string) => chunk(meta, [choice(meta, { content: piece }, null, completionFilterResults())]);

/** The last choice chunk; with 'content_filter' Azure reports the filtered category. */
export const finishChunk = (meta: CompletionMeta, reason: FinishReason, filtered?: SeverityCategory) =>
  chunk(meta, [choice(meta, {}, reason, reason === 'content_filter' ? completionFilterResults(filtered) : {})]);

/** Sent after the finish chunk when the request asked for `stream_options.include_usage`: no choices. */
export const usageChunk = (meta: CompletionMeta, usage: Usage) => chunk(meta, [], usage);

/** One server-sent event: `data: <json>` and a blank line. */
export const sseEvent = (data: object | '[DONE]'): string => `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
