/**
 * The simulator's embedding model: deterministic vectors in which texts that
 * share words or characters lie close, so retrieval can be tested without a
 * real model. Feature hashing: each text becomes weighted features, each
 * feature adds ±weight to one of `dims` buckets (the sign from the hash, so
 * unrelated texts score near 0 rather than all positive), and the vector is
 * L2-normalised, so a dot product is the cosine similarity.
 *
 * Features: lower-cased words (letters and digits) with their character
 * trigrams (spelling variants and inflections still overlap); CJK text has no
 * spaces between words, so each CJK character (unigram) and each pair of
 * neighbours (bigram) is a feature instead.
 */

const WORD_WEIGHT = 1;
const TRIGRAM_WEIGHT = 0.5;
const CJK_UNIGRAM_WEIGHT = 1;
const CJK_BIGRAM_WEIGHT = 1;

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/u;
const TERMS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[\p{L}\p{N}]+/gu;

/** The weighted features of a text (repeated features add up). */
export function embeddingFeatures(text: string): Map<string, number> {
  const features = new Map<string, number>();
  const add = (feature: string, weight: number) => features.set(feature, (features.get(feature) ?? 0) + weight);
  for (const [term] of text.normalize('NFKC').toLowerCase().matchAll(TERMS)) {
    const chars = Array.from(term);
    if (CJK_RUN.test(term)) {
      chars.forEach((c, i) => {
        add(`u:${c}`, CJK_UNIGRAM_WEIGHT);
        if (i > 0) add(`b:${chars[i - 1]}${c}`, CJK_BIGRAM_WEIGHT);
      });
      continue;
    }
    add(`w:${term}`, WORD_WEIGHT);
    const padded = ['^', ...chars, '$'];
    for (let i = 0; i + 3 <= padded.length; i++) add(`t:${padded.slice(i, i + 3).join('')}`, TRIGRAM_WEIGHT);
  }
  return features;
}

/**
 * A unit vector of `dims` float32 values (already rounded to float32, so the
 * float and base64 encodings of a response carry the same numbers). A text
 * without letters or digits is hashed whole, so it still gets a unit vector.
 */
export function simulatedEmbedding(text: string, dims = 256): number[] {
  const size = Math.max(1, Math.floor(dims));
  const vector = new Float64Array(size);
  const features = embeddingFeatures(text);
  if (features.size === 0) features.set(`raw:${text}`, 1);
  for (const [feature, weight] of features) {
    const h = hash32(feature);
    vector[h % size] += (mix32(h) & 1 ? 1 : -1) * weight;
  }
  let norm = Math.hypot(...vector);
  // Features that cancelled out exactly: fall back to one bucket, still a unit vector.
  if (norm === 0) {
    vector[hash32(text) % size] = 1;
    norm = 1;
  }
  return Array.from(vector, (v) => Math.fround(v / norm));
}

/** Cosine similarity of two vectors (for unit vectors, their dot product). */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** A vector as OpenAI's `encoding_format: "base64"` sends it: little-endian float32s, base64. */
export function embeddingToBase64(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((v, i) => bytes.writeFloatLE(v, i * 4));
  return bytes.toString('base64');
}

/** FNV-1a over the UTF-16 code units, finished with murmur3's mixer for well-spread low bits. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h);
}

function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
