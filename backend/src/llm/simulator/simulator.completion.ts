/**
 * The non-streaming `chat.completion` body, as Azure returns it.
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
