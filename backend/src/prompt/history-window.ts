import type { LlmMessage } from '../llm/llm.client';

/**
 * The role first, then as many of the most recent turns as fit `budget` tokens; the oldest are
 * dropped first. The newest turn (the visitor's question) is always sent.
 */
export function historyWindow(systemPrompt: string, turns: LlmMessage[], budget: number, count: (m: LlmMessage) => number): LlmMessage[] {
  const kept: LlmMessage[] = [];
  let used = 0;
  for (let i = turns.length - 1; i >= 0; i--) {
    const cost = count(turns[i]);
    if (kept.length > 0 && used + cost > budget) break;
    kept.unshift(turns[i]);
    used += cost;
  }
  return systemPrompt ? [{ role: 'system', content: systemPrompt }, ...kept] : kept;
}
