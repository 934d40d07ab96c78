/** A message gets a time label above it when more than this passed since the one before. */
export const TIME_GAP_MS = 5 * 60_000;

/** Whether message `i` starts a new group in time: the first with a time, or after a gap. */
export function startsTimeGroup(messages: ReadonlyArray<{ at?: number }>, i: number): boolean {
  const { at } = messages[i];
  const before = messages[i - 1]?.at;
  return !!at && (!before || at - before > TIME_GAP_MS);
}

/**
 * A group's label: the time alone today, with the day before that, with the year before this
 * year; in `locale`'s own way of writing them (12 or 24 hours, the order of day and month).
 */
export function timeLabel(at: number, locale: string, now = Date.now()): string {
  const d = new Date(at);
  const n = new Date(now);
  const year = d.getFullYear() !== n.getFullYear();
  return d.toLocaleString(locale, {
    hour: 'numeric', minute: '2-digit',
    ...(year || d.toDateString() !== n.toDateString() ? { month: 'short', day: 'numeric', year: year ? 'numeric' : undefined } : {}),
  });
}

/** The exact time, on hover. */
export const exactTime = (at: number, locale: string): string => new Date(at).toLocaleString(locale, { dateStyle: 'long', timeStyle: 'medium' });
