export type DiffKind = 'same' | 'add' | 'del';

export interface DiffLine {
  kind: DiffKind;
  text: string;
  /** 1-based line number in the old text (same and del). */
  oldLine?: number;
  /** 1-based line number in the new text (same and add). */
  newLine?: number;
}

/** Beyond this many cells the LCS table is not built: the changed middle shows as removed then added. */
const MAX_CELLS = 4_000_000;

function split(text: string): string[] {
  return text === '' ? [] : text.split(/\r\n|\r|\n/);
}

/**
 * A line diff of two texts by longest common subsequence: equal lines kept, the rest removed
 * from `before` or added from `after`, removals first. Common head and tail are matched first,
 * so the table covers only the part that changed.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = split(before);
  const b = split(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;

  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ kind: 'same', text: a[i], oldLine: i + 1, newLine: i + 1 });

  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const n = midA.length;
  const m = midB.length;
  const del = (i: number) => out.push({ kind: 'del', text: midA[i], oldLine: head + i + 1 });
  const add = (j: number) => out.push({ kind: 'add', text: midB[j], newLine: head + j + 1 });

  if (n * m > MAX_CELLS) {
    for (let i = 0; i < n; i++) del(i);
    for (let j = 0; j < m; j++) add(j);
  } else {
    // lcs[i * (m + 1) + j]: length of the LCS of midA[i..] and midB[j..].
    const lcs = new Uint32Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * (m + 1) + j] = midA[i] === midB[j]
          ? lcs[(i + 1) * (m + 1) + j + 1] + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        out.push({ kind: 'same', text: midA[i], oldLine: head + i + 1, newLine: head + j + 1 });
        i++;
        j++;
      } else if (lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) {
        del(i++);
      } else {
        add(j++);
      }
    }
    while (i < n) del(i++);
    while (j < m) add(j++);
  }

  for (let k = tail; k > 0; k--) {
    out.push({ kind: 'same', text: a[a.length - k], oldLine: a.length - k + 1, newLine: b.length - k + 1 });
  }
  return out;
}

export function diffStats(lines: DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of lines) {
    if (line.kind === 'add') added++;
    else if (line.kind === 'del') removed++;
  }
  return { added, removed };
}

/** A piece of a changed line: kept, or only on this side (removed from the old line, added to the new). */
export interface DiffSegment {
  changed: boolean;
  text: string;
}

/** Han, kana, Hangul, CJK punctuation and full-width forms: one token per character, as these scripts write no spaces. */
const CJK = '[\\u2e80-\\u2fdf\\u3000-\\u30ff\\u3100-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uffef\\u{20000}-\\u{3134f}]';
const TOKEN = new RegExp(`${CJK}|(?:(?!${CJK})[\\p{L}\\p{M}\\p{N}_'’-])+|\\s+|[^]`, 'gu');

/** Words, spaces and punctuation; every CJK character on its own. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Beyond this many token pairs, a changed line is shown whole rather than word by word. */
const MAX_WORD_CELLS = 250_000;

/**
 * What changed inside a line that was replaced: the old line's and the new line's segments, the
 * changed ones marked. Compared by words, and by characters for Chinese, Japanese and Korean.
 * Null when the two have too little in common for a word diff to help (it would mark everything).
 */
export function diffWords(before: string, after: string): { del: DiffSegment[]; add: DiffSegment[] } | null {
  const a = tokenize(before);
  const b = tokenize(after);
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_WORD_CELLS) return null;
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = a[i] === b[j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
    }
  }
  const del: DiffSegment[] = [];
  const add: DiffSegment[] = [];
  const push = (side: DiffSegment[], changed: boolean, text: string) => {
    const last = side[side.length - 1];
    if (last && last.changed === changed) last.text += text;
    else side.push({ changed, text });
  };
  let kept = 0;
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      if (a[i].trim()) kept += a[i].length;
      push(del, false, a[i++]);
      push(add, false, b[j++]);
    } else if (lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) {
      push(del, true, a[i++]);
    } else {
      push(add, true, b[j++]);
    }
  }
  while (i < n) push(del, true, a[i++]);
  while (j < m) push(add, true, b[j++]);
  // Little in common (a rewritten line): marking every word would say nothing more than the line's colour.
  const shorter = Math.min(before.replace(/\s/g, '').length, after.replace(/\s/g, '').length);
  if (kept === 0 || kept < shorter * 0.3) return null;
  return { del, add };
}

/** A line of the diff with, for a replaced line, its changed words or characters. */
export interface DiffRow extends DiffLine {
  segments?: DiffSegment[];
}

/**
 * The line diff, with each run of removed lines paired with the run of added lines after it,
 * line by line, and the words (or CJK characters) that changed within each pair marked.
 */
export function diffRows(before: string, after: string): DiffRow[] {
  const lines: DiffRow[] = diffLines(before, after).map((line) => ({ ...line }));
  for (let k = 0; k < lines.length; ) {
    if (lines[k].kind !== 'del') {
      k++;
      continue;
    }
    const delStart = k;
    while (k < lines.length && lines[k].kind === 'del') k++;
    const addStart = k;
    while (k < lines.length && lines[k].kind === 'add') k++;
    const pairs = Math.min(addStart - delStart, k - addStart);
    for (let p = 0; p < pairs; p++) {
      const removed = lines[delStart + p];
      const added = lines[addStart + p];
      const words = diffWords(removed.text, added.text);
      if (words) {
        removed.segments = words.del;
        added.segments = words.add;
      }
    }
  }
  return lines;
}
