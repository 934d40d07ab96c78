/**
 * The non-streaming `chat.completion` body, as Azure or OpenAI returns it.
 */
import { type SeverityCategory, completionFilterResults, promptFilterResults } from './simulator.content-filter';
import type { FinishReason } from './simulator.faults';
import type { CompletionMeta, Usage } from './simulator.sse';

export function completionBody(
  meta: CompletionMeta,
  content: string,
  finishReason: FinishReason | null,
  usage: Usage,
  filtered?: SeverityCategory,
) {
  const message = { role: 'assistant', content, refusal: null, annotations: [] };
  if (meta.api === 'openai') {
    return {
      id: meta.id,
      object: 'chat.completion',
      created: meta.created,
      model: meta.model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
      usage,
      service_tier: 'default',
      system_fingerprint: meta.systemFingerprint,
    };
  }
  return {
    choices: [
      {
        content_filter_results: completionFilterResults(finishReason === 'content_filter' ? filtered : undefined),
        finish_reason: finishReason,
        index: 0,
        logprobs: null,
        message: { annotations: [], content, refusal: null, role: 'assistant' },
      },
    ],
    created: meta.created,
    id: meta.id,
    model: meta.model,
    object: 'chat.completion',
    prompt_filter_results: [{ prompt_index: 0, content_filter_results: promptFilterResults() }],
    system_fingerprint: meta.systemFingerprint,
    usage,
  };
}
