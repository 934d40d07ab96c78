/** A message gets a time label above it when more than this passed since the one before. */
export const TIME_GAP_MS = 5 * 60_000;

/** Whether message `i` starts a new group in time: the first with a time, or after a gap. */
export function startsTimeGroup(messages: ReadonlyArray<{ at?: number }>, i: number): boolean {
  const { at } = messages[i];
  const before = messages[i - 1]?.at;
  return !!at && (!before || at - before > TIME_GAP_MS);
}

/** Formatters are costly to make and the list re-renders with every delta: one per locale and shape. */
const formats = new Map<string, Intl.DateTimeFormat>();
function format(at: number, locale: string, options: Intl.DateTimeFormatOptions): string {
  const key = locale + JSON.stringify(options);
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f.format(at);
}

/**
 * A group's label: the time alone today, with the day before that, with the year before this
 * year; in `locale`'s own way of writing them (12 or 24 hours, the order of day and month).
 */
export function timeLabel(at: number, locale: string, now = Date.now()): string {
  const d = new Date(at);
  const n = new Date(now);
  const year = d.getFullYear() !== n.getFullYear();
  return format(at, locale, {
    hour: 'numeric', minute: '2-digit',
    ...(year || d.toDateString() !== n.toDateString() ? { month: 'short', day: 'numeric', year: year ? 'numeric' : undefined } : {}),
  });
}

/** The exact time, on hover. */
export const exactTime = (at: number, locale: string): string => format(at, locale, { dateStyle: 'long', timeStyle: 'medium' });
