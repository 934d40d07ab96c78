/**
 * Terms for PostgreSQL's 'simple' text search, which does not segment Chinese: Latin and digit
 * words as they are, runs of CJK characters as character bigrams. The caller builds the
 * tsvector / tsquery from these; each term is letters and digits only, at most 32 characters.
 */

const MAX_TERM = 32;
/** Runs of letters, digits and marks; split further into CJK and other runs. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const RUNS = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3005\u30fc\uff70]+)|([^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3005\u30fc\uff70]+)/gu;

const STOP_WORDS = new Set(
  'a about an and any are as at be but by can could do does did for from get had has have how i if in into is it its many me much my no not of on or our please so than that the their them then there these they this to too us was we were what when where which who whom why will with would you your'.split(
    ' ',
  ),
);

/** Terms of a text for the index, in order, duplicates kept (frequency matters). */
export function lexicalTerms(text: string): string[] {
  return terms(text, false);
}

/** Terms of a question: unique, without stop words. */
export function queryTerms(text: string): string[] {
  return [...new Set(terms(text, true))];
}

/** Bigrams of Chinese question words and fillers ("什么", "请问"), left out of questions like English stop words. */
const CJK_STOP_BIGRAMS = new Set(['什么', '么时', '时候', '怎么', '么样', '如何', '请问', '一下', '你们', '我们', '可以', '是否', '是不', '不是', '哪里', '为什', '么办']);

function terms(text: string, query: boolean): string[] {
  const out: string[] = [];
  for (const [word] of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
    for (const [, cjk, other] of word.matchAll(RUNS)) {
      if (cjk) {
        const from = out.length;
        bigrams([...cjk], out);
        if (query) out.splice(from, out.length - from, ...out.slice(from).filter((t) => !CJK_STOP_BIGRAMS.has(t)));
      }
      else {
        const latin = other.replace(/\p{M}/gu, '');
        if (!latin) continue;
        // One letter says nothing ("a", "s" of "it's"); one digit may ("5 days").
        if (latin.length === 1 && !/\p{N}/u.test(latin)) continue;
        if (query && STOP_WORDS.has(latin)) continue;
        out.push([...latin].slice(0, MAX_TERM).join(''));
      }
    }
  }
  return out;
}

function bigrams(chars: string[], out: string[]): void {
  const run = chars.filter((c) => !/\p{M}/u.test(c));
  if (run.length === 1) out.push(run[0]);
  for (let i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1]);
}

