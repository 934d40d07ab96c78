/**
 * Reads and validates a chat-completions body the way the services do: the
 * checks a client's own bug would trip (a bad role, an out-of-range
 * temperature, a misspelt parameter) answer 400 naming the parameter, instead
 * of a reply that hides the bug until production.
 */
import { type SimulatorErrorResponse, badRequest } from './simulator.errors';
import type { SimulatorMessage } from './simulator.options';

/** The fields of a chat-completions body the simulator acts on. */
export interface ChatRequest {
  /** The Azure deployment, or the OpenAI route's `model`. */
  deployment: string;
  messages: SimulatorMessage[];
  stream: boolean;
  includeUsage: boolean;
  /** max_completion_tokens, else max_tokens. */
  maxTokens?: number;
  /** Stop sequences, at most 4. */
  stop: string[];
}

const ROLES = ['system', 'user', 'assistant', 'tool', 'function', 'developer'];

/** Top-level parameters of chat completions (OpenAI's and Azure's, Azure's extensions included). */
const KNOWN_PARAMETERS = new Set([
  'messages', 'model', 'audio', 'frequency_penalty', 'function_call', 'functions', 'logit_bias', 'logprobs',
  'max_completion_tokens', 'max_tokens', 'metadata', 'modalities', 'n', 'parallel_tool_calls', 'prediction',
  'presence_penalty', 'prompt_cache_key', 'reasoning_effort', 'response_format', 'safety_identifier', 'seed',
  'service_tier', 'stop', 'store', 'stream', 'stream_options', 'temperature', 'tool_choice', 'tools', 'top_logprobs',
  'top_p', 'user', 'verbosity', 'web_search_options',
  // Azure only.
  'data_sources', 'user_security_context',
]);

const MAX_STOP_SEQUENCES = 4;

/** Reads a request body; returns the 400 to send if it is not a valid chat request. */
export function parseChatRequest(deployment: string, body: unknown): ChatRequest | SimulatorErrorResponse {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return badRequest('We could not parse the JSON body of your request. The body must be a JSON object.');
  }
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).find((key) => !KNOWN_PARAMETERS.has(key));
  if (unknown !== undefined) return badRequest(`Unrecognized request argument supplied: ${unknown}`);

  if (b.messages === undefined) return badRequest("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  if (!Array.isArray(b.messages)) return badRequest("Invalid type for 'messages': expected an array of objects.", 'messages', 'invalid_type');
  if (b.messages.length === 0) {
    return badRequest("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array');
  }
  const messages: SimulatorMessage[] = [];
  for (const [i, m] of (b.messages as unknown[]).entries()) {
    if (typeof m !== 'object' || m === null || Array.isArray(m)) return badRequest(`Invalid type for 'messages[${i}]': expected an object.`, `messages[${i}]`, 'invalid_type');
    const { role, content } = m as { role?: unknown; content?: unknown };
    if (role === undefined) return badRequest(`Missing required parameter: 'messages[${i}].role'.`, `messages[${i}].role`, 'missing_required_parameter');
    if (typeof role !== 'string' || !ROLES.includes(role)) {
      return badRequest(
        `Invalid value: '${String(role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`,
        `messages[${i}].role`,
        'invalid_value',
      );
    }
    messages.push({ role, content: textOf(content) });
  }

  if (b.temperature !== undefined && b.temperature !== null) {
    if (typeof b.temperature !== 'number') return badRequest("Invalid type for 'temperature': expected a decimal, but got a string instead.", 'temperature', 'invalid_type');
    if (b.temperature < 0) return badRequest(`Invalid 'temperature': decimal below minimum value. Expected a value >= 0, but got ${b.temperature} instead.`, 'temperature', 'decimal_below_min_value');
    if (b.temperature > 2) return badRequest(`Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got ${b.temperature} instead.`, 'temperature', 'decimal_above_max_value');
  }

  let maxTokens: number | undefined;
  for (const name of ['max_tokens', 'max_completion_tokens'] as const) {
    const value = b[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isInteger(value)) return badRequest(`Invalid type for '${name}': expected an integer.`, name, 'invalid_type');
    if (value < 1) return badRequest(`Invalid '${name}': integer below minimum value. Expected a value >= 1, but got ${value} instead.`, name, 'integer_below_min_value');
  }
  if (typeof b.max_completion_tokens === 'number') maxTokens = b.max_completion_tokens;
  else if (typeof b.max_tokens === 'number') maxTokens = b.max_tokens;

  const stop = stopSequences(b.stop);
  if (!Array.isArray(stop)) return stop;

  if (b.stream !== undefined && b.stream !== null && typeof b.stream !== 'boolean') return badRequest("Invalid type for 'stream': expected a boolean.", 'stream', 'invalid_type');
  const stream = b.stream === true;
  const streamOptions = b.stream_options;
  if (streamOptions !== undefined && streamOptions !== null) {
    if (!stream) return badRequest("The 'stream_options' parameter is only allowed when 'stream' is enabled.", 'stream_options');
    if (typeof streamOptions !== 'object' || Array.isArray(streamOptions)) return badRequest("Invalid type for 'stream_options': expected an object.", 'stream_options', 'invalid_type');
  }
  return {
    deployment,
    messages,
    stream,
    includeUsage: (streamOptions as { include_usage?: unknown } | null | undefined)?.include_usage === true,
    maxTokens,
    stop,
  };
}

/** `stop` as a list: a string, or up to 4 strings; null or absent is none. */
function stopSequences(stop: unknown): string[] | SimulatorErrorResponse {
  if (stop === undefined || stop === null) return [];
  if (typeof stop === 'string') return stop === '' ? [] : [stop];
  if (!Array.isArray(stop) || stop.some((s) => typeof s !== 'string')) {
    return badRequest("Invalid type for 'stop': expected a string or an array of strings.", 'stop', 'invalid_type');
  }
  if (stop.length > MAX_STOP_SEQUENCES) {
    return badRequest(
      `Invalid 'stop': array too long. Expected an array with maximum length ${MAX_STOP_SEQUENCES}, but got an array with length ${stop.length} instead.`,
      'stop',
      'array_above_max_length',
    );
  }
  return (stop as string[]).filter((s) => s !== '');
}

/** Message content as plain text: a string, or the text parts of a content array. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: { type?: unknown; text?: unknown }) => (part?.type === 'text' && typeof part.text === 'string' ? part.text : '')).join('');
}

export const isErrorResponse = (value: ChatRequest | SimulatorErrorResponse): value is SimulatorErrorResponse => 'status' in value;
