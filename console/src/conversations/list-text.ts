/**
 * Pure helpers of the conversation list: how long ago, a short label for an anonymous visitor,
 * and where a search matched. No Preact here, so tests can load it.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago, in the unit a reader takes in at a glance; beyond a week, null (show the date). */
export type Ago = { unit: 'now' } | { unit: 'minutes' | 'hours' | 'days'; n: number } | null;

export function ago(iso: string | null | undefined, now: number): Ago {
  if (!iso) return null;
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return null;
  // A clock a little ahead of the reader's still reads "just now".
  const elapsed = Math.max(0, now - at);
  if (elapsed < MINUTE) return { unit: 'now' };
  if (elapsed < HOUR) return { unit: 'minutes', n: Math.floor(elapsed / MINUTE) };
  if (elapsed < DAY) return { unit: 'hours', n: Math.floor(elapsed / HOUR) };
  if (elapsed < 7 * DAY) return { unit: 'days', n: Math.floor(elapsed / DAY) };
  return null;
}

/** The first six characters of the visitor's id, to tell anonymous visitors apart in the list. */
export function shortVisitorId(visitorId: string): string {
  return visitorId.replace(/[^0-9a-z]/gi, '').slice(0, 6).toUpperCase();
}

export interface Piece {
  text: string;
  match: boolean;
}

/**
 * `text` cut where `query` occurs, case-insensitively as the server's search (ILIKE) matches. The
 * pieces are plain text: they are rendered as text nodes, the matches inside <mark>.
 */
export function splitMatches(text: string, query: string): Piece[] {
  const q = query.trim();
  if (!q || !text) return text ? [{ text, match: false }] : [];
  const pattern = new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
  const pieces: Piece[] = [];
  let last = 0;
  for (const found of text.matchAll(pattern)) {
    const at = found.index ?? 0;
    if (at > last) pieces.push({ text: text.slice(last, at), match: false });
    pieces.push({ text: found[0], match: true });
    last = at + found[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last), match: false });
  return pieces;
}
