/**
 * Answers a validated chat-completions request: builds the reply, plans it
 * (max_tokens, faults), then streams it or returns it as one JSON body.
 */
import type { ServerResponse } from 'node:http';
import { completionBody } from './simulator.completion';
import { serverError } from './simulator.errors';
import { type SimulatorFault, planResponse } from './simulator.faults';
import { sendError, sendJson, setRateLimitHeaders, waitUnlessClosed } from './simulator.http';
import { type SimulatorMessage, type SimulatorOptions, pieceIntervalMs } from './simulator.options';
import { demoReply } from './simulator.reply';
import { newCompletionMeta, usageOf } from './simulator.sse';
import { type StreamResult, streamCompletion } from './simulator.stream';
import { countPromptTokens, splitIntoPieces } from './simulator.tokens';

/** The fields of a chat-completions body the simulator acts on. */
export interface ChatRequest {
  deployment: string;
  messages: SimulatorMessage[];
  stream: boolean;
  includeUsage: boolean;
  /** max_completion_tokens, else max_tokens. */
  maxTokens?: number;
}

/** Reads a request body; returns an error message if it is not a usable chat request. */
export function parseChatRequest(deployment: string, body: unknown): ChatRequest | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The request body must be a JSON object.';
  const b = body as Record<string, unknown>;
  if (!Array.isArray(b.messages) || b.messages.length === 0) return "'messages' is a required property and must be a non-empty array.";
  const limit = [b.max_completion_tokens, b.max_tokens].find((v) => typeof v === 'number');
  const streamOptions = b.stream_options as { include_usage?: unknown } | undefined;
  return {
    deployment,
    messages: b.messages.map((m: { role?: unknown; content?: unknown }) => ({ role: String(m?.role ?? ''), content: textOf(m?.content) })),
    stream: b.stream === true,
    includeUsage: streamOptions?.include_usage === true,
    maxTokens: limit as number | undefined,
  };
}

/** Message content as plain text: a string, or the text parts of a content array. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: { type?: unknown; text?: unknown }) => (part?.type === 'text' && typeof part.text === 'string' ? part.text : '')).join('');
}

/**
 * Sends the completion. Resolves with the stream's result for streamed
 * requests, undefined for JSON ones.
 */
export async function answerChat(
  res: ServerResponse,
  request: ChatRequest,
  options: SimulatorOptions,
  fault: SimulatorFault | undefined,
  receivedAt?: number,
): Promise<StreamResult | undefined> {
  const reply = (options.reply ?? demoReply)({ messages: request.messages, deployment: request.deployment });
  const plan = planResponse(splitIntoPieces(reply), options.ttftMs, request.maxTokens, fault);
  const promptTokens = countPromptTokens(request.messages);
  const meta = newCompletionMeta(options.model);
  setRateLimitHeaders(res, promptTokens);

  if (request.stream) {
    const usage = request.includeUsage ? { promptTokens } : undefined;
    const stamp = options.stampChunks ? { receivedAt: receivedAt ?? Date.now() } : undefined;
    return streamCompletion({ res, plan, meta, tokensPerSecond: options.tokensPerSecond, usage, stamp });
  }

  // A JSON answer arrives when the whole reply would have been generated.
  const generation = plan.ttftMs + plan.pieces.length * pieceIntervalMs(options.tokensPerSecond);
  if (!(await waitUnlessClosed(res, generation))) return undefined;
  if (plan.stall && !(await waitUnlessClosed(res, plan.stall.ms))) return undefined;
  if (plan.ending === 'drop') return void res.destroy();
  if (plan.ending === 'error') return void sendError(res, serverError(500));
  const finishReason = plan.ending === 'no_finish' ? null : plan.finishReason;
  const usage = usageOf(promptTokens, plan.pieces.length);
  sendJson(res, 200, completionBody(meta, plan.pieces.join(''), finishReason, usage, plan.filtered));
  return undefined;
}
