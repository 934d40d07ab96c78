/**
 * Azure's content-filter annotations. Prompts are annotated in
 * `prompt_filter_results` (with jailbreak detection); completions per choice
 * in `content_filter_results` (severity categories only).
 */

export type SeverityCategory = 'hate' | 'sexual' | 'violence' | 'self_harm';
export type FilterCategory = SeverityCategory | 'jailbreak';

export interface SeverityResult {
  filtered: boolean;
  severity: 'safe' | 'low' | 'medium' | 'high';
}

export interface DetectionResult {
  filtered: boolean;
  detected: boolean;
}

export type CompletionFilterResults = Record<SeverityCategory, SeverityResult>;
export type PromptFilterResults = CompletionFilterResults & { jailbreak: DetectionResult };

const safe = (): SeverityResult => ({ filtered: false, severity: 'safe' });
const medium = (): SeverityResult => ({ filtered: true, severity: 'medium' });

/** Per-choice results; `flagged` is reported as filtered at medium severity. */
export function completionFilterResults(flagged?: SeverityCategory): CompletionFilterResults {
  return {
    hate: flagged === 'hate' ? medium() : safe(),
    self_harm: flagged === 'self_harm' ? medium() : safe(),
    sexual: flagged === 'sexual' ? medium() : safe(),
    violence: flagged === 'violence' ? medium() : safe(),
  };
}

/** Prompt results in Azure's key order; a flagged jailbreak is filtered and detected. */
export function promptFilterResults(flagged?: FilterCategory): PromptFilterResults {
  const severities = completionFilterResults(flagged === 'jailbreak' ? undefined : flagged);
  return {
    hate: severities.hate,
    jailbreak: { filtered: flagged === 'jailbreak', detected: flagged === 'jailbreak' },
    self_harm: severities.self_harm,
    sexual: severities.sexual,
    violence: severities.violence,
  };
}
