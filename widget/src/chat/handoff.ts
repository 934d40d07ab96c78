import type { OfficeHours } from '../../../backend/src/chat/widget.events';

/** The longest message a visitor may leave when nobody can answer. */
export const MAX_OFFLINE_TEXT = 2000;

/**
 * What is wrong with a message to leave, as a key of the strings; undefined when it can be sent.
 * Its length needs no check: the textarea's `maxLength` is MAX_OFFLINE_TEXT (the server checks too).
 */
export function leaveProblem(email: string, text: string): 'badEmail' | 'noText' | undefined {
  return !validEmail(email) ? 'badEmail' : !text ? 'noText' : undefined;
}

/** Good enough to catch typos (one `@`, a dot in the domain, no spaces); the server checks again. */
export const validEmail = (email: string): boolean => email.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email);

/**
 * The weekly slots, compactly: days Monday first, consecutive days with the same hours joined,
 * e.g. `Mon–Fri 09:00–18:00, Sat 09:00–12:00 (Asia/Shanghai)`; several slots of a day joined by
 * `/`. Day names in `locale` (`周一` in Chinese). Empty when there are no slots.
 */
export function formatHours({ timezone, weekly }: OfficeHours, locale: string): string {
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  // 2024-01-07 was a Sunday: day 0.
  const days = [0, 1, 2, 3, 4, 5, 6].map((day) => weekday.format(Date.UTC(2024, 0, 7 + day)));
  const hours: string[] = [];
  for (const { day, from, to } of [...weekly].sort((a, b) => a.from.localeCompare(b.from))) {
    const i = (day + 6) % 7;
    if (days[day]) hours[i] = (hours[i] ? hours[i] + '/' : '') + `${from}–${to}`;
  }
  const groups: string[] = [];
  for (let i = 0; i < 7; i++) {
    if (!hours[i]) continue;
    let j = i;
    while (j < 6 && hours[j + 1] === hours[i]) j++;
    const name = (k: number) => days[(k + 1) % 7];
    groups.push(`${name(i)}${j > i ? `–${name(j)}` : ''} ${hours[i]}`);
    i = j;
  }
  return groups.length ? `${groups.join(', ')} (${timezone})` : '';
}
