/**
 * A small CommonMark parser for model replies (see markdown-spec.spec.ts for what it follows
 * and what it leaves out on purpose): a line scanner for blocks and CommonMark's delimiter
 * algorithm for inlines, plus GFM tables, strikethrough and bare URLs. It runs again on every
 * streamed delta, so it accepts any string and stays linear-ish: regexes are anchored or sticky,
 * a failed closer search is remembered, and nesting is capped. Raw HTML stays text (only `<br>`
 * becomes a line break) and entities are not decoded.
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

/** Link reference definitions by normalised label. */
export type Refs = Record<string, string>;

/** Deeper quotes, lists and emphasis stay literal text: bounds the recursion and the work. */
const MAX_DEPTH = 8;

/** A fence; an info string after backticks may not hold a backtick (that is inline code). */
const FENCE = /^( {0,3})(`{3,}(?=[^`]*$)|~{3,})/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const SETEXT = /^ {0,3}(?:=+|-+)[ \t]*$/;
const HR = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?/;
const ITEM = /^( {0,3})([-*+]|(\d{1,9})[.)])(?:([ \t]+)(.?)|$)/;
const SPACE = /\s/;
/** ASCII punctuation, the characters a backslash escapes. */
const ESCAPABLE = /[!-/:-@[-`{-~]/;
const ESCAPE = /\\([!-/:-@[-`{-~])/g;
/** `(url "title")` after a `]`: a `<url>`, or one without spaces and with balanced parentheses. */
const INLINE_LINK = /\([ \t\n]*(?:<((?:[^<>\n\\]|\\.)*)>|(?!<)((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*))(?:[ \t\n]+(?:"(?:[^"\\]|\\[^])*"|'(?:[^'\\]|\\[^])*'|\((?:[^()\\]|\\[^])*\)))?[ \t\n]*\)/y;
/** `[label]: url "title"` at the start of a paragraph. */
const DEFINITION = /^ {0,3}\[((?:[^\\[\]]|\\.){0,999})\]:\s*(?:<((?:[^<>\n\\]|\\.)*)>|(?!<)(\S+))(?:(?:[ \t]+\n?|\n)[ \t]*(?:"(?:[^"\\]|\\[^])*"|'(?:[^'\\]|\\[^])*'|\((?:[^()\\]|\\[^])*\)))?[ \t]*(?:\n|$)/;
/** `[label]` after a link text: a full reference. */
const LABEL = /\[((?:[^\\[\]]|\\.){0,999})\]/y;
/** `<scheme:…>` and `<address@host>`. */
const AUTOLINK = /<(?:([a-z][\w+.-]{1,31}:[^\s<>]*)|([\w.!#$%&'*+/=?^`{|}~-]+@[a-z\d][\w.-]*))>/iy;
const BR = /<br\s*\/?>/iy;
const SPECIAL = /[\\\n`<*_~[!\]h]/gi;
/**
 * A bare URL: an ASCII host, then a path up to whitespace, `<>"` or punctuation from U+2000 on
 * (`，` `。` `”`); CJK text in the path belongs to it (`/item/窦性心律不齐`).
 */
const BARE_URL = /https?:\/\/[\w-]+(?:\.[\w-]+)*(?::\d+)?(?:[/?#][^\s<>"\u2000-\u206f\u3000-\u303f\uff00-\uffef]*)?/iy;

const el = (type: Tag, children: Node[] = [], props?: Partial<Element>): Element => ({ type, children, ...props });

/** A link label compared as CommonMark does: case-folded, inner whitespace collapsed. */
const label = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase().toUpperCase();
const unescape = (text: string) => text.replace(ESCAPE, '$1');

/** Paragraphs, headings and cells whose inlines wait for every reference definition. */
let pending: [Element, string][] = [];
let refs: Refs = {};

export function parseMarkdown(text: string): Block[] {
  pending = [];
  refs = {};
  // Tabs in the indentation count to the next multiple of four.
  const out = blocks(text.split(/\r\n?|\n/).map((line) => line.replace(/^[ \t]*\t/, (ws) => ws.replace(/ {0,3}\t/g, '    '))));
  for (const [node, raw] of pending) node.children = inlines(raw, refs);
  return out;
}

const blank = (line: string) => !line.trim();
const indentOf = (line: string) => line.length - line.trimStart().length;

/**
 * Whether a line starts a block that ends a paragraph or a lazy continuation line: an ordered
 * item only from 1, and no empty item.
 */
const interrupts = (line: string, m = ITEM.exec(line)) => [FENCE, HEADING, QUOTE, HR].some((block) => block.test(line))
  || !!m && !!m[5] && (!m[3] || m[3] == '1');

/** A table row's cells, outer pipes dropped; `\|` is a pipe inside a cell. */
const cells = (line: string) => line.trim().replace(/^\||(?<!\\)\|$/g, '').split(/(?<!\\)\|/).map((cell) => cell.replace(/\\\|/g, '|').trim());

/** Whether `lines[i]` heads a table: a row, then a delimiter row (until it arrives, a paragraph). */
const tableAt = (lines: string[], i: number) => lines[i].includes('|') && /^[ |:-]*$/.test(lines[i + 1]) && /-/.test(lines[i + 1]) && /\|/.test(lines[i + 1]);

/** An element whose inlines are parsed once the whole reply's definitions are known. */
const later = (type: Tag, raw: string, props?: Partial<Element>) => {
  const node = el(type, [], props);
  pending.push([node, raw]);
  return node;
};

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
      const close = new RegExp(`^ {0,3}${m[2][0]}{${m[2].length},}[ \\t]*$`);
      const strip = new RegExp(`^ {0,${m[1].length}}`);
      const code: string[] = [];
      while (++i < lines.length && !close.test(lines[i])) code.push(lines[i].replace(strip, ''));
      i++;
      out.push(el('pre', [el('code', [code.join('\n')])]));
    } else if (indentOf(line) > 3) {
      // Indented code: up to a line indented less, trailing blank lines left out.
      const code: string[] = [];
      while (i < lines.length && (blank(lines[i]) || indentOf(lines[i]) > 3)) code.push(lines[i++].slice(4));
      while (!code[code.length - 1].trim()) code.pop();
      out.push(el('pre', [el('code', [code.join('\n')])]));
    } else if (HR.test(line)) {
      i++;
      out.push(el('hr'));
    } else if (HEADING.test(line)) {
      i++;
      // A bold paragraph: a chat bubble has no room for page-sized headings.
      out.push(el('p', [later('strong', line.trim().replace(/^#+/, '').replace(/(^|[ \t])#+[ \t]*$/, '').trim())]));
    } else if (QUOTE.test(line)) {
      // Paragraph text may go on without its `>` (a lazy line).
      const quoted: string[] = [];
      for (let last = ''; i < lines.length; i++) {
        const next = lines[i];
        if (QUOTE.test(next)) quoted.push((last = next.replace(QUOTE, '')));
        else if (!blank(last) && !FENCE.test(last) && !blank(next) && !interrupts(next)) quoted.push(next);
        else break;
      }
      out.push(el('blockquote', blocks(quoted, depth + 1)));
    } else if ((m = ITEM.exec(line))) {
      const ordered = m[3] != null;
      const marker = m[2].slice(-1);
      const list = el(ordered ? 'ol' : 'ul', [], { start: ordered ? +m[3] : undefined });
      out.push(list);
      while (i < lines.length && (m = ITEM.exec(lines[i])) && m[2].slice(-1) == marker && !HR.test(lines[i])) {
        // Lines indented to the item's text belong to it (a nested list too; under a number, a
        // bullet indented two spaces as well). Blank lines join it tentatively; a paragraph's
        // last line may go on unindented.
        const spaces = m[4] ? m[4].length : 0;
        const width = m[1].length + m[2].length + (!m[5] || spaces > 4 ? 1 : spaces);
        const item = [lines[i].slice(width)];
        for (let next; ++i < lines.length;) {
          const indent = indentOf((next = lines[i]));
          const last = item[item.length - 1];
          if (blank(next)) {
            if (item.length == 1 && !last) break;
            item.push('');
          } else if (indent >= width || (ordered && indent >= m[1].length + 2 && /^ *[-*+] /.test(next))) item.push(next.slice(Math.min(indent, width)));
          else if (last && !interrupts(next) && !ITEM.test(next)) item.push(next);
          else break;
        }
        while (blank(item[item.length - 1] ?? 'x')) item.pop();
        list.children.push(el('li', blocks(item, depth + 1)));
        while (blank(lines[i] ?? 'x')) i++;
      }
    } else if (tableAt(lines, i)) {
      const head = cells(line);
      const align = cells(lines[i + 1]).map((cell) => ([, 'left', 'right', 'center'] as const)[+(cell[0] == ':') + 2 * +cell.endsWith(':')]);
      const row = (line: string, cell: 'th' | 'td') => {
        const parts = cells(line);
        return el('tr', head.map((_, k) => later(cell, parts[k] || '', { align: align[k] })));
      };
      // Rows straight in the table: built with DOM calls, it needs no tbody. The div around
      // it scrolls sideways.
      const table = el('table', [row(line, 'th')]);
      out.push(el('div', [table]));
      for (i += 2; i < lines.length && lines[i].includes('|') && !interrupts(lines[i]); i++) table.children.push(row(lines[i], 'td'));
    } else {
      let text = line.trim();
      let heading = false;
      while (++i < lines.length && !blank(lines[i])) {
        if (SETEXT.test(lines[i])) {
          heading = true;
          i++;
          break;
        }
        if (interrupts(lines[i]) || tableAt(lines, i)) break;
        text += '\n' + lines[i].trim();
      }
      // Link reference definitions open a paragraph; the first of a label wins.
      for (let d; (d = DEFINITION.exec(text)) && label(d[1]);) {
        refs[label(d[1])] ??= unescape(d[2] ?? d[3]);
        text = text.slice(d[0].length);
      }
      if (text) out.push(heading ? el('p', [later('strong', text)]) : later('p', text));
      else if (heading) i--;
    }
  }
  return out;
}

/** Whether `c` is punctuation to emphasis: CJK punctuation and curly quotes count as letters. */
const punct = (c: string) => /[\p{P}\p{S}]/u.test(c) && !/[\u2018-\u201f\u2e80-\uffff]/.test(c);

interface Run {
  /** The text this token still shows: delimiters not used, or a bracket without a link. */
  t: string;
  /** Elements opened after the text, outermost first. */
  o: Element[];
  /** How many elements close before the text. */
  x: number;
  /** The image link this token closes: its label becomes plain text. */
  img?: Element;
}

/** A delimiter run: a token, and an entry of the delimiter list. */
interface Delim extends Run {
  c: string;
  /** Delimiters left, and the run's length as written. */
  n: number;
  len: number;
  open: boolean;
  close: boolean;
  prev?: Delim;
  next?: Delim;
}

/**
 * Inline Markdown in `s`: tokens first (text, code, breaks, autolinks, delimiter runs and
 * brackets), links matched at each `]`, emphasis by CommonMark's delimiter algorithm; then the
 * tokens are folded into a tree.
 */
export function inlines(s: string, links: Refs = {}): Node[] {
  const tokens: (Node | Run)[] = [];
  let last: Delim | undefined;
  const brackets: (Run & { image: boolean; at: number; bottom?: Delim; active: boolean; inner?: boolean })[] = [];
  const noCloser: Record<number, number> = {};
  const remove = (d: Delim) => {
    if (d.prev) d.prev.next = d.next;
    if (d.next) d.next.prev = d.prev;
    else last = d.prev;
  };

  /** Pairs the delimiters after `bottom` into emphasis, then drops them all. */
  const emphasis = (bottom?: Delim) => {
    const openersBottom: Record<string, Delim | undefined> = {};
    let closer = bottom ? bottom.next : first(last);
    while (closer) {
      if (!closer.close) {
        closer = closer.next;
        continue;
      }
      const key = closer.c + +closer.open + (closer.len % 3);
      let opener = closer.prev;
      for (; opener && opener != bottom && opener != openersBottom[key]; opener = opener.prev) {
        const odd = (closer.open || opener.close) && closer.len % 3 != 0 && (opener.len + closer.len) % 3 == 0;
        if (opener.c == closer.c && opener.open && !odd) break;
      }
      if (opener && opener != bottom && opener != openersBottom[key]) {
        const use = closer.c == '~' ? 2 : closer.n > 1 && opener.n > 1 ? 2 : 1;
        opener.t = closer.c.repeat((opener.n -= use));
        closer.t = closer.c.repeat((closer.n -= use));
        opener.o.unshift(el(closer.c == '~' ? 'del' : use == 2 ? 'strong' : 'em'));
        closer.x++;
        opener.next = closer;
        closer.prev = opener;
        if (!opener.n) remove(opener);
        if (!closer.n) {
          remove(closer);
          closer = closer.next;
        }
      } else {
        openersBottom[key] = closer.prev;
        if (!closer.open) remove(closer);
        closer = closer.next;
      }
    }
    if (bottom) {
      bottom.next = undefined;
      last = bottom;
    } else last = undefined;
  };

  for (let i = 0; i < s.length;) {
    const c = s[i];
    let j = i + 1;
    let m: RegExpExecArray | null;
    const sticky = (re: RegExp) => ((re.lastIndex = i), (m = re.exec(s)));
    if (c == '\\' && ESCAPABLE.test(s[j])) {
      tokens.push(s[j]);
      i = j + 1;
    } else if (c == '\\' && s[j] == '\n') {
      tokens.push(el('br'));
      i = j + 1;
    } else if (c == '\n') {
      // A line break, hard or soft (the block scanner trimmed the lines): in a chat bubble,
      // lines stay lines.
      tokens.push(el('br'));
      i = j;
    } else if (c == '`') {
      while (s[j] == c) j++;
      const n = j - i;
      let end = -1;
      if (!(noCloser[n] <= j)) {
        for (let k = j, e; (k = s.indexOf(c, k)) >= 0; k = e) {
          for (e = k; s[e] == c;) e++;
          if (e - k == n) {
            end = e;
            break;
          }
        }
        if (end < 0) noCloser[n] = j;
      }
      if (end < 0) {
        tokens.push(s.slice(i, j));
        i = j;
      } else {
        const code = s.slice(j, end - n).replace(/\n/g, ' ');
        tokens.push(el('code', [/^ .*[^ ].* $/s.test(code) ? code.slice(1, -1) : code]));
        i = end;
      }
    } else if (c == '<' && (sticky(AUTOLINK) || sticky(BR))) {
      const [whole, uri, mail] = m!;
      tokens.push(uri || mail ? el('a', [uri || mail], { url: uri || 'mailto:' + mail }) : el('br'));
      i += whole.length;
    } else if (c == '*' || c == '_' || c == '~') {
      while (s[j] == c) j++;
      const n = j - i;
      const before = s[i - 1] || ' ';
      const after = s[j] || ' ';
      const left = !SPACE.test(after) && (!punct(after) || SPACE.test(before) || punct(before));
      const right = !SPACE.test(before) && (!punct(before) || SPACE.test(after) || punct(after));
      const d: Delim = {
        t: s.slice(i, j), o: [], x: 0, c, n, len: n, prev: last,
        open: c == '_' ? left && (!right || punct(before)) : left,
        close: c == '_' ? right && (!left || punct(after)) : right,
      };
      // Only `~~` strikes through; runs nested past the cap stay text.
      tokens.push(d);
      if ((c != '~' || n == 2) && (d.open || d.close)) {
        if (last) last.next = d;
        last = d;
      }
      i = j;
    } else if (c == '[' || (c == '!' && s[j] == '[')) {
      if (c == '!') j++;
      // A label holds no bracket: a text holding one is no `[text]` reference.
      if (brackets.length) brackets[brackets.length - 1].inner = true;
      const b = { t: s.slice(i, j), o: [], x: 0, image: c == '!', at: j, bottom: last, active: true };
      tokens.push(b);
      brackets.push(b);
      i = j;
    } else if (c == ']' && brackets.length) {
      const open = brackets.pop()!;
      let url: string | undefined;
      if (open.active) {
        INLINE_LINK.lastIndex = j;
        if ((m = INLINE_LINK.exec(s))) {
          url = unescape(m![1] ?? m![2]);
          j = INLINE_LINK.lastIndex;
        } else {
          // `[text][label]`, `[text][]` or `[text]`.
          LABEL.lastIndex = j;
          const ref = LABEL.exec(s);
          const name = label(ref?.[1] || (open.inner ? '' : s.slice(open.at, i)));
          if (name && (url = links[name]) != null && ref) j = LABEL.lastIndex;
        }
      }
      if (url == null) {
        tokens.push(']');
        i++;
        continue;
      }
      // An image never loads: it becomes a link to the image, labelled with its text.
      open.t = '';
      open.o = [el('a', [], { url })];
      tokens.push({ t: '', o: [], x: 1, img: open.image ? open.o[0] : undefined });
      emphasis(open.bottom);
      // No link inside a link.
      if (!open.image) for (const b of brackets) b.active &&= b.image;
      i = j;
    } else if (!brackets.some((b) => b.active && !b.image) && (c == 'h' || c == 'H') && sticky(BARE_URL)) {
      let url = m![0];
      let extra = url.split(')').length - url.split('(').length;
      for (let t; (t = url.slice(-1)) && ('.,:;!?\'*_~'.includes(t) || (t == ')' && extra-- > 0));) url = url.slice(0, -1);
      tokens.push(el('a', [url], { url }));
      i += url.length;
    } else {
      // Plain text up to the next character that may start something.
      SPECIAL.lastIndex = j;
      const k = SPECIAL.exec(s)?.index ?? s.length;
      tokens.push(s.slice(i, k));
      i = k;
    }
  }
  emphasis();
  return fold(tokens);
}

/** The first delimiter of the list ending at `d`. */
function first(d?: Delim) {
  while (d?.prev) d = d.prev;
  return d;
}

const flat = (node: Node): string => (typeof node == 'string' ? node : node.children.map(flat).join(''));

/** Tokens into a tree: a run closes its elements, shows its text, then opens its own. */
function fold(tokens: (Node | Run)[]): Node[] {
  const root = el('p');
  const stack = [root];
  const add = (node: Node) => {
    const into = stack[stack.length - 1].children;
    if (typeof node == 'string' && typeof into[into.length - 1] == 'string') into[into.length - 1] += node;
    else if (node) into.push(node);
  };
  for (const token of tokens) {
    if (typeof token == 'string' || 'type' in token) {
      add(token);
      continue;
    }
    for (let k = 0; k < token.x && stack.length > 1; k++) stack.pop();
    if (token.img) token.img.children = [flat(token.img)];
    add(token.t);
    for (const node of token.o) {
      // Past the depth cap an element's contents go straight into its parent.
      if (stack.length > MAX_DEPTH) stack.push(stack[stack.length - 1]);
      else {
        add(node);
        stack.push(node);
      }
    }
  }
  return root.children;
}
