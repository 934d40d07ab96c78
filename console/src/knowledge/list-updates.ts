import type { KnowledgeList, KnowledgeSource } from './types';

/**
 * A source the server just answered (added, re-indexed, edited) put into the list at once, so
 * its status shows and polling starts without waiting for the next list.
 */
export function upsertSource(list: KnowledgeList, source: KnowledgeSource): KnowledgeList {
  const at = list.sources.findIndex((s) => s.id === source.id);
  const sources = at < 0 ? [source, ...list.sources] : list.sources.map((s, i) => (i === at ? source : s));
  return { ...list, sources };
}

export function withoutSource(list: KnowledgeList, sourceId: string): KnowledgeList {
  return { ...list, sources: list.sources.filter((s) => s.id !== sourceId) };
}
