import { CJK_CHAR } from './text-normalize';

/** Ends a sentence wherever it stands (Chinese and full-width punctuation, the ellipsis). */
const CJK_END = new Set(['。', '！', '？', '；', '…', '｡', '．']);
/** Ends a sentence when followed by a space or the end (Latin). */
const LATIN_END = new Set(['.', '!', '?']);
/** Closing quotes and brackets that stay with the sentence they close. */
const CLOSER = new Set(['"', "'", '”', '’', '」', '』', '）', ')', ']', '】', '》', '〉']);

/**
 * A text's sentences, in order, each trimmed. Chinese 。！？；… and full-width punctuation end a
 * sentence anywhere; Latin . ! ? when a space (or the end) follows; a line break always does.
 * Joining them back with `joinSentences` gives the text again, up to whitespace.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const cut = (end: number) => {
    const sentence = text.slice(start, end).trim();
    if (sentence) out.push(sentence);
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      cut(i + 1);
    } else if (CJK_END.has(ch)) {
      let j = i + 1;
      while (j < text.length && (CJK_END.has(text[j]) || CLOSER.has(text[j]))) j++;
      cut(j);
      i = j - 1;
    } else if (LATIN_END.has(ch)) {
      let j = i + 1;
      while (j < text.length && (LATIN_END.has(text[j]) || CJK_END.has(text[j]) || CLOSER.has(text[j]))) j++;
      // "!" or "?" right before a CJK character ends the sentence too (mixed text often lacks the space).
      if (j >= text.length || /\s/.test(text[j]) || (ch !== '.' && CJK_CHAR.test(text[j]))) {
        cut(j);
        i = j - 1;
      }
    }
  }
  cut(text.length);
  return out;
}

/** What goes between two sentences: nothing between CJK ones, a space otherwise. */
export function sentenceJoiner(previous: string, next: string): string {
  const last = previous.slice(-1);
  const first = next[0] ?? '';
  const cjkLike = (c: string) => CJK_CHAR.test(c) || /[\u3000-\u303f\uff00-\uffef…]/.test(c);
  return cjkLike(last) && cjkLike(first) ? '' : ' ';
}

export function joinSentences(sentences: string[]): string {
  return sentences.reduce((text, s) => (text ? text + sentenceJoiner(text, s) + s : s), '');
}

/**
 * A text cut into pieces of at most `max` tokens, preferring a space near the end of each piece
 * (CJK text is cut between any two characters).
 */
export function splitByTokens(text: string, max: number, count: (text: string) => number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest && count(rest) > max) {
    let length = longestPrefix(rest, max, count);
    const space = rest.lastIndexOf(' ', length);
    if (space > length * 0.6) length = space;
    const piece = rest.slice(0, length).trim();
    pieces.push(piece);
    rest = rest.slice(length).trim();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** The most characters from the start that fit in `max` tokens (at least one character). */
function longestPrefix(text: string, max: number, count: (text: string) => number): number {
  // A window that surely overflows, grown from a guess, keeps the search off the whole text.
  let hi = Math.min(text.length, Math.max(16, max * 6));
  while (hi < text.length && count(text.slice(0, hi)) <= max) hi = Math.min(text.length, hi * 2);
  let lo = 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (count(text.slice(0, mid)) <= max) lo = mid;
    else hi = mid - 1;
  }
  // Never split a surrogate pair.
  if (lo < text.length && /[\ud800-\udbff]/.test(text[lo - 1])) lo = lo > 1 ? lo - 1 : lo + 1;
  return lo;
}
