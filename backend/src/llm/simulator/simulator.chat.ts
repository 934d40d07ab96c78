/**
 * Answers a validated chat-completions request: builds the reply, plans it
 * (stop, max_tokens, chunking, faults), then streams it or returns it as one
 * JSON body, in the format of the route it came in on.
 */
import type { ServerResponse } from 'node:http';
import type { ChatRequest } from './simulator.chat-request';
import { completionBody } from './simulator.completion';
import { serverError as azureServerError } from './simulator.errors';
import { type SimulatorFault, planResponse } from './simulator.faults';
import { sendError, sendJson, setRateLimitHeaders, waitUnlessClosed } from './simulator.http';
import { applyLimits } from './simulator.limits';
import { serverError as openaiServerError } from './simulator.openai-errors';
import { type SimulatorApi, type SimulatorOptions, pieceIntervalMs } from './simulator.options';
import { demoReply } from './simulator.reply';
import { newCompletionMeta, usageOf } from './simulator.sse';
import { type StreamResult, streamCompletion } from './simulator.stream';
import { countPromptTokens, groupIntoChunks, tokensOf } from './simulator.tokens';

export { parseChatRequest, type ChatRequest } from './simulator.chat-request';

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
  api: SimulatorApi = 'azure',
): Promise<StreamResult | undefined> {
  const reply = (options.reply ?? demoReply)({ messages: request.messages, deployment: request.deployment, api });
  const limited = applyLimits(reply, request);
  const tokensPerChunk = api === 'openai' ? options.openaiTokensPerChunk : options.azureTokensPerChunk;
  const plan = planResponse(groupIntoChunks(limited.pieces, tokensPerChunk), options.ttftMs, limited.finishReason, fault);
  const promptTokens = countPromptTokens(request.messages);
  // Azure reports its deployed model version; OpenAI the model asked for.
  const meta = newCompletionMeta(api === 'openai' ? request.deployment : options.model, api);
  setRateLimitHeaders(res, promptTokens);

  if (request.stream) {
    const usage = request.includeUsage && options.streamUsage ? { promptTokens } : undefined;
    const stamp = options.stampChunks ? { receivedAt: receivedAt ?? Date.now() } : undefined;
    return streamCompletion({ res, plan, meta, tokensPerSecond: options.tokensPerSecond, usage, stamp });
  }

  // A JSON answer arrives when the whole reply would have been generated.
  const generation = plan.ttftMs + plan.pieces.length * pieceIntervalMs(options.tokensPerSecond);
  if (!(await waitUnlessClosed(res, generation))) return undefined;
  if (plan.stall && !(await waitUnlessClosed(res, plan.stall.ms))) return undefined;
  if (plan.ending === 'drop') return void res.destroy();
  if (plan.ending === 'error') return void sendError(res, api === 'openai' ? openaiServerError(500) : azureServerError(500));
  const finishReason = plan.ending === 'no_finish' ? null : plan.finishReason;
  const usage = usageOf(promptTokens, tokensOf(plan.pieces));
  sendJson(res, 200, completionBody(meta, plan.pieces.map((p) => p.text).join(''), finishReason, usage, plan.filtered));
  return undefined;
}
