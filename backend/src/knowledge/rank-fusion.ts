import type { Candidate } from './knowledge-chunks.repository';

/** Reciprocal rank fusion's constant: how much lower ranks still count (60, as in Cormack et al.). */
const K = 60;

export interface Ranked extends Candidate {
  /** Fused score in (0, 1]: 1 is first in every list fused. */
  score: number;
}

export interface FusionOptions {
  /** Lists fused (1 when only lexical candidates exist), for the score's scale. */
  lists: number;
  /** A candidate that shares words with the question is dropped when its similarity is known and below this. */
  minSimilarity: number;
  /** A candidate found only by its embedding (no word in common) needs at least this similarity. */
  minVectorOnly: number;
}

/**
 * Reciprocal rank fusion of the lexical and the vector lists (either may be empty): each chunk
 * scores the sum of 1/(K + rank) over the lists it is in, scaled so that first everywhere is 1.
 * In lexical mode the "vector list" is the lexical candidates ordered by their similarity.
 */
export function fuse(lexical: Candidate[], vector: Candidate[], options: FusionOptions): Ranked[] {
  const byId = new Map<string, { candidate: Candidate; sum: number }>();
  const add = (list: Candidate[]) =>
    list.forEach((candidate, i) => {
      const entry = byId.get(candidate.id) ?? { candidate, sum: 0 };
      entry.candidate = { ...entry.candidate, ...definedOf(candidate) };
      entry.sum += 1 / (K + i + 1);
      byId.set(candidate.id, entry);
    });
  add(lexical);
  add(vector);
  const best = options.lists / (K + 1);
  return [...byId.values()]
    .filter(({ candidate: c }) => (c.rank !== undefined ? c.similarity === undefined || c.similarity >= options.minSimilarity : (c.similarity ?? 0) >= options.minVectorOnly))
    .map(({ candidate, sum }) => ({ ...candidate, score: sum / best }))
    .sort((a, b) => b.score - a.score || (b.similarity ?? 0) - (a.similarity ?? 0) || a.id.localeCompare(b.id));
}

/**
 * The passages given: at most `count`, within `tokenBudget` (a passage that does not fit is
 * skipped), and — where similarities are known — none far less similar to the question than the
 * best one (`relativeSimilarity` of it): a passage that matched on a common word is not given
 * beside one that answers.
 */
export function selectPassages(ranked: Ranked[], options: { count: number; tokenBudget: number; relativeSimilarity: number }): Ranked[] {
  const best = Math.max(...ranked.map((r) => r.similarity ?? -Infinity));
  const floor = Number.isFinite(best) ? best * options.relativeSimilarity : -Infinity;
  const chosen: Ranked[] = [];
  let tokens = 0;
  for (const r of ranked) {
    if (chosen.length >= options.count) break;
    if (r.similarity !== undefined && r.similarity < floor) continue;
    if (tokens + r.tokens > options.tokenBudget) continue;
    chosen.push(r);
    tokens += r.tokens;
  }
  return chosen;
}

function definedOf(c: Candidate): Partial<Candidate> {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined));
}
