import type { StoredSource } from '../conversations/messages.repository';
import type { Passage } from '../prompt/passages';
import type { WireSource } from './widget.events';

/** Characters of a passage shown with its source (the widget's list, the transcript). */
const EXCERPT_CHARS = 240;

/** The passages as stored with the answer: what the transcript and exports show, scores included. */
export function storedSources(passages: Passage[]): StoredSource[] {
  return passages.map((p) => ({ n: p.n, ...(p.chunkId ? { chunkId: p.chunkId } : {}), sourceId: p.sourceId, title: p.title, ...(p.url ? { url: p.url } : {}), excerpt: excerpt(p.text), score: p.score }));
}

/** The passages as the visitor's widget gets them (`reply:sources`): no scores. */
export function wireSources(passages: Passage[]): WireSource[] {
  return storedSources(passages).map(toWireSource);
}

export function toWireSource(s: StoredSource): WireSource {
  return { n: s.n, sourceId: s.sourceId, title: s.title, ...(s.url ? { url: s.url } : {}), excerpt: s.excerpt };
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT_CHARS ? flat : flat.slice(0, EXCERPT_CHARS - 1) + '…';
}
