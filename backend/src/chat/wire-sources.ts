import type { StoredSource } from '../conversations/messages.repository';
import { type Passage, passageExcerpt } from '../prompt/passages';
import type { WireSource } from './widget.events';

/** The passages as stored with the answer: what the transcript and exports show, scores included. */
export function storedSources(passages: Passage[]): StoredSource[] {
  return passages.map((p) => ({ n: p.n, ...(p.chunkId ? { chunkId: p.chunkId } : {}), sourceId: p.sourceId, title: p.title, ...(p.url ? { url: p.url } : {}), excerpt: passageExcerpt(p.text), score: p.score }));
}

/** The passages as the visitor's widget gets them (`reply:sources`): no scores. */
export function wireSources(passages: Passage[]): WireSource[] {
  return storedSources(passages).map(toWireSource);
}

export function toWireSource(s: StoredSource): WireSource {
  return { n: s.n, sourceId: s.sourceId, title: s.title, ...(s.url ? { url: s.url } : {}), excerpt: s.excerpt };
}
