/**
 * Okapi BM25 over documents made of terms, in typed arrays: a segment per source (built once from
 * its chunks' terms, dropped whole when the source changes), scored together so document
 * frequencies and the average length cover every segment searched. A general search library
 * (MiniSearch was tried) took 40 s to index 10,000 chunks of ~200 terms here and ~12 ms to score a
 * question; this takes well under a second and a millisecond or two.
 */

const K1 = 1.2;
const B = 0.75;

export interface Segment {
  ids: string[];
  /** Terms per document. */
  lengths: Uint32Array;
  /** For each term, the documents holding it (ascending) and how often each holds it. */
  postings: Map<string, { docs: Uint32Array; tfs: Uint16Array }>;
}

/** A document's terms as [term, how often], from its terms in order. */
export function countTerms(terms: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return [...counts];
}

/** A segment of documents, each given as its distinct terms with their counts. */
export function buildSegment(documents: { id: string; counts: [string, number][] }[]): Segment {
  const lengths = new Uint32Array(documents.length);
  const building = new Map<string, { docs: number[]; tfs: number[] }>();
  documents.forEach((document, doc) => {
    let length = 0;
    for (const [term, tf] of document.counts) {
      let list = building.get(term);
      if (!list) building.set(term, (list = { docs: [], tfs: [] }));
      list.docs.push(doc);
      list.tfs.push(Math.min(tf, 0xffff));
      length += tf;
    }
    lengths[doc] = length;
  });
  const postings = new Map<string, { docs: Uint32Array; tfs: Uint16Array }>();
  for (const [term, list] of building) postings.set(term, { docs: Uint32Array.from(list.docs), tfs: Uint16Array.from(list.tfs) });
  return { ids: documents.map((d) => d.id), lengths, postings };
}

/** The `limit` best documents of the segments for the (distinct) terms, best first; ties by id. */
export function searchSegments(segments: Segment[], terms: string[], limit: number): { id: string; score: number }[] {
  const total = segments.reduce((n, s) => n + s.ids.length, 0);
  if (!total || !terms.length || limit < 1) return [];
  let lengthSum = 0;
  for (const s of segments) for (const l of s.lengths) lengthSum += l;
  const average = lengthSum / total || 1;
  const scores = new Float64Array(total);
  const offsets: number[] = [];
  segments.reduce((at, s) => (offsets.push(at), at + s.ids.length), 0);
  for (const term of new Set(terms)) {
    let df = 0;
    for (const s of segments) df += s.postings.get(term)?.docs.length ?? 0;
    if (!df) continue;
    const idf = Math.log(1 + (total - df + 0.5) / (df + 0.5));
    segments.forEach((s, i) => {
      const list = s.postings.get(term);
      if (!list) return;
      for (let p = 0; p < list.docs.length; p++) {
        const doc = list.docs[p];
        const tf = list.tfs[p];
        scores[offsets[i] + doc] += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * s.lengths[doc]) / average));
      }
    });
  }
  const idOf = (at: number) => {
    let i = segments.length - 1;
    while (offsets[i] > at) i--;
    return segments[i].ids[at - offsets[i]];
  };
  // The best `limit` by a simple bounded insertion: limit is small (tens), matches may be thousands.
  const best: { at: number; score: number; id: string }[] = [];
  for (let at = 0; at < total; at++) {
    const score = scores[at];
    if (score <= 0) continue;
    if (best.length === limit && score < best[best.length - 1].score) continue;
    const id = idOf(at);
    if (best.length === limit && score === best[best.length - 1].score && id > best[best.length - 1].id) continue;
    let i = best.length;
    while (i > 0 && (best[i - 1].score < score || (best[i - 1].score === score && best[i - 1].id > id))) i--;
    best.splice(i, 0, { at, score, id });
    if (best.length > limit) best.pop();
  }
  return best.map(({ id, score }) => ({ id, score }));
}
