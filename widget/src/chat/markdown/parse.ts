/**
 * A small Markdown parser for model replies: a line scanner for blocks and a character scanner
 * for inlines. It runs again on every streamed delta, so it accepts any string and stays
 * linear-ish: every regex is anchored or sticky and can only backtrack over a short tail, a
 * failed closer search is remembered, and nesting is capped. Nothing is decoded: entities and
 * raw HTML stay text.
 *
 * The tree is element-shaped (a node's type is the tag it renders as) so the renderer stays a
 * few lines; only the tags of `Tag` are ever produced, none comes from the text.
 */

export type Node = string | Element;

/** A top-level node of `parseMarkdown`'s result. */
export type Block = Element;

export type Tag =
  | 'p' | 'ul' | 'ol' | 'li' | 'blockquote' | 'pre' | 'hr' | 'div'
  | 'table' | 'tr' | 'th' | 'td' | 'br' | 'code' | 'em' | 'strong' | 'del' | 'a'
  /** A citation of source `n`; only `cite` (./cite.ts) makes them, never the parser. */
  | 'sup';

export interface Element {
  type: Tag;
  /** Text is a plain string, always rendered as a text node. */
  children: Node[];
  /** `ol`: the first number. */
  start?: number;
  /** `th`, `td`: from the delimiter row. */
  align?: 'left' | 'right' | 'center';
  /** `a`: as written, unchecked (the renderer decides whether it may be a link). */
  url?: string;
  /** `sup`: the number of the cited source. */
  n?: number;
}

/** Deeper quotes, lists and emphasis stay literal text: bounds the recursion and the work. */
const MAX_DEPTH = 8;

/** A fence; an info string after backticks may not hold a backtick (that is inline code). */
const FENCE = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,})/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const HR = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?/;
const ITEM = /^( {0,3})(?:[-*+]|(\d{1,9})[.)])(?:[ \t]+|$)/;
const SPACE = /\s/;
/** ASCII word characters: `_` inside `snake_case` is no emphasis. */
const WORD = /\w/;
/** `(url)` after a `]`, one level of parentheses inside. Brackets end a URL. */
const DESTINATION = /\( *((?:[^\s()[\]]|\([^\s()[\]]*\))*) *\)/y;
/**
 * A bare URL. It ends at whitespace, `<>"` and anything from U+2000 on (punctuation like `，`,
 * `。`, `”`, and CJK text written right after it), and its last character is no sentence
 * punctuation: not `.,:;!?'*_~(`, nor `)` unless that closes a `(` after the last `/`
 * (`wiki/Foo_(bar)`). Backtracking only walks back over the tail.
 */
const AUTOLINK = /https?:\/\/[^\s<>"\u2000-\uffff]*(?:[^\s<>"\u2000-\uffff.,:;!?'*_~()]|(?<=\([^\s()/]*)\))/iy;

const el = (type: Tag, children: Node[] = [], props?: Partial<Element>): Element => ({ type, children, ...props });

export function parseMarkdown(text: string): Block[] {
  return blocks(text.split(/\r\n?|\n/));
}

const blank = (line: string) => !line.trim();

/** Whether a line starts a block that ends a paragraph or a list item's lazy continuation. */
const interrupts = (line: string) => [FENCE, HEADING, QUOTE, HR, ITEM].some((block) => block.test(line));

/** A table row's cells, outer pipes dropped. */
const cells = (line: string) => line.trim().replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim());

/** Whether `lines[i]` heads a table: a row, then a delimiter row (until it arrives, a paragraph). */
const tableAt = (lines: string[], i: number) => lines[i].includes('|') && /^[ |:-]*$/.test(lines[i + 1]) && /-/.test(lines[i + 1]) && /\|/.test(lines[i + 1]);

function blocks(lines: string[], depth = 0): Element[] {
  if (depth > MAX_DEPTH) return [el('p', [lines.join('\n')])];
  const out: Element[] = [];
  for (let i = 0; i < lines.length;) {
    const line = lines[i];
    let m: RegExpExecArray | null;
    if (blank(line)) {
      i++;
    } else if ((m = FENCE.exec(line))) {
      // The info string is ignored. Unclosed (still streaming), everything that has arrived is code.
      const close = new RegExp(`^ {0,3}${m[1][0]}{${m[1].length},}[ \\t]*$`);
      const code: string[] = [];
      while (++i < lines.length && !close.test(lines[i])) code.push(lines[i]);
      i++;
      out.push(el('pre', [el('code', [code.join('\n')])]));
    } else if (HR.test(line)) {
      i++;
      out.push(el('hr'));
    } else if ((m = HEADING.exec(line))) {
      i++;
      // A bold paragraph: a chat bubble has no room for page-sized headings.
      out.push(el('p', [el('strong', inlines(line.slice(m[0].length).trim()))]));
    } else if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i])) quoted.push(lines[i++].replace(QUOTE, ''));
      out.push(el('blockquote', blocks(quoted, depth + 1)));
    } else if ((m = ITEM.exec(line))) {
      const ordered = m[2] != null;
      const list = el(ordered ? 'ol' : 'ul', [], { start: ordered ? +m[2] : undefined });
      out.push(list);
      while (i < lines.length && (m = ITEM.exec(lines[i])) && (m[2] != null) == ordered) {
        // Lines indented past the marker belong to the item (a nested list too). Blank lines
        // join it tentatively: the next line must then be indented to stay in the item.
        const width = m[0].length;
        const nested = m[1].length + 2;
        const item = [lines[i].slice(width)];
        for (let next; ++i < lines.length;) {
          const indent = (next = lines[i]).length - next.trimStart().length;
          if (blank(next)) item.push('');
          else if (indent >= nested) item.push(next.slice(Math.min(indent, width)));
          else if (item[item.length - 1] && !interrupts(next)) item.push(next);
          else break;
        }
        list.children.push(el('li', blocks(item, depth + 1)));
      }
    } else if (tableAt(lines, i)) {
      const head = cells(line);
      const align = cells(lines[i + 1]).map((cell) => ([, 'left', 'right', 'center'] as const)[+(cell[0] == ':') + 2 * +cell.endsWith(':')]);
      const row = (line: string, cell: 'th' | 'td') => {
        const parts = cells(line);
        return el('tr', head.map((_, k) => el(cell, inlines(parts[k] || ''), { align: align[k] })));
      };
      // Rows straight in the table: built with DOM calls, it needs no tbody. The div around
      // it scrolls sideways.
      const table = el('table', [row(line, 'th')]);
      out.push(el('div', [table]));
      for (i += 2; i < lines.length && lines[i].includes('|'); i++) table.children.push(row(lines[i], 'td'));
    } else {
      const text = [line.trim()];
      while (++i < lines.length && !blank(lines[i]) && !interrupts(lines[i]) && !tableAt(lines, i)) text.push(lines[i].trim());
      out.push(el('p', inlines(text.join('\n'))));
    }
  }
  return out;
}

/**
 * Inline Markdown in `s`. A link's text holds no `]`, so no link or image either; `inLink`
 * keeps bare URLs in it from becoming links too.
 */
export function inlines(s: string, depth = 0, inLink = false): Node[] {
  if (depth > MAX_DEPTH) return [s];
  const out: Node[] = [];
  let text = '';
  let bracket = -1;
  const push = (node: Node) => {
    out.push(text, node);
    text = '';
  };

  /**
   * The end of the run closing an `n`-long run of `c` that ended at `from`, or -1. Backticks
   * close on a run of exactly `n`; emphasis on a run of `n` or of 3 (`*a **b***`) after a
   * non-space, and for `_` not inside a word. A failed search is remembered: a later one from
   * further on cannot succeed either.
   */
  const noCloser: Record<string, number> = {};
  const closer = (c: string, n: number, from: number) => {
    if (noCloser[c + n] <= from) return -1;
    for (let k = from, e; (k = s.indexOf(c, k)) >= 0; k = e) {
      for (e = k; s[e] == c;) e++;
      if (c == '`' ? e - k == n
        : (e - k == n || e - k == 3) && !SPACE.test(s[k - 1]) && !(c == '_' && WORD.test(s.charAt(e)))) return e;
    }
    noCloser[c + n] = from;
    return -1;
  };

  for (let i = 0; i < s.length;) {
    const c = s[i];
    let j = i + 1;
    let end: number;
    let m: RegExpExecArray | null;
    if ('`*_~'.includes(c)) while (s[j] == c) j++;
    const n = j - i;
    // The next `]` (link text does not nest), looked up once per `]` however many `[` precede
    // it. None left: -1 >>> 0 is past the end, where the sticky DESTINATION cannot match.
    if (bracket < j) bracket = s.indexOf(']', j) >>> 0;

    if (c == '\\' && /[!-/:-@[-`{-~]/.test(s[j])) {
      text += s[j];
      i = j + 1;
    } else if (c == '\n') {
      push(el('br'));
      i = j;
    } else if ((c == '`' || (s[j] && !SPACE.test(s[j]) && (c == '~' ? n == 2 : (c == '*' || (c == '_' && !WORD.test(s.charAt(i - 1)))) && n < 4)))
      && (end = closer(c, n, j)) > 0) {
      // An unclosed opener (`**bold` mid-stream) never gets here: it stays text.
      const inner = s.slice(j, end - n);
      if (c == '`') {
        push(el('code', [inner]));
      } else {
        const children = inlines(inner, depth + 1, inLink);
        push(el(c == '~' ? 'del' : n == 1 ? 'em' : 'strong', n == 3 ? [el('em', children)] : children));
      }
      i = end;
    } else if ((c == '[' || (c == '!' && s[j] == '[')) && ((DESTINATION.lastIndex = bracket + 1), (m = DESTINATION.exec(s)))) {
      // Images never load: they become a link to the image, labelled with the alt text.
      const url = m[1];
      const label = s.slice(c == '!' ? j + 1 : j, bracket);
      // The end comes from the match: the recursive call below reuses the sticky regexes.
      i = bracket + 1 + m[0].length;
      push(el('a', c == '!' ? [label] : inlines(label, depth + 1, true), { url }));
    } else if (!inLink && ((AUTOLINK.lastIndex = i), (m = AUTOLINK.exec(s)))) {
      push(el('a', [m[0]], { url: m[0] }));
      i += m[0].length;
    } else {
      // Plain text, or a delimiter run that opens nothing (kept whole: `a__b__` is one word).
      text += s.slice(i, j);
      i = j;
    }
  }
  out.push(text);
  return out.filter((node) => node);
}
