/** Small text helpers shared by the parsers. */

/** Han, kana, hangul (and the marks that live among them): scripts written without spaces between words. */
export const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3005\u30fc\uff70]/u;

/** Whitespace collapsed to single spaces, trimmed. */
export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Lines of one paragraph joined: a space between words, nothing between two CJK characters
 * (a line break inside Chinese text is not a space), a hyphenated line end joined.
 */
export function joinLines(lines: string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = collapseSpace(raw);
    if (!line) continue;
    if (!out) out = line;
    else if (/[a-z]-$/i.test(out) && /^[a-z]/.test(line)) out = out.slice(0, -1) + line;
    else if (CJK_CHAR.test(out.slice(-1)) || /[\u3000-\u303f\uff00-\uffef]$/.test(out)) out += CJK_CHAR.test(line[0]) || /^[\u3000-\u303f\uff00-\uffef]/.test(line) ? line : ' ' + line;
    else out += ' ' + line;
  }
  return out;
}

/** Bytes as an owner reads them: "840 bytes", "12 KB", "12.3 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = value >= 100 ? Math.round(value).toString() : value.toFixed(1).replace(/\.0$/, '');
  return `${shown} ${units[unit]}`;
}
