import type { UsageDay } from '../api/types';

export interface DayTotal {
  day: string;
  conversations: number;
  messages: number;
  promptTokens: number;
  completionTokens: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Longer ranges are not zero-filled day by day; only days with data are drawn. */
const MAX_FILLED_DAYS = 400;

/** YYYY-MM-DD of a date in the reader's time zone. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The usage page's filters from its query; the last 30 days unless told otherwise. */
export function usageFilters(search: string, today: Date = new Date()): { bot: string; from: string; to: string } {
  const params = new URLSearchParams(search);
  const day = (key: string) => {
    const value = params.get(key) ?? '';
    return DAY.test(value) ? value : '';
  };
  const to = day('to') || localDay(today);
  const from = day('from') || addDays(to, -29);
  return { bot: (params.get('bot') ?? '').slice(0, 200), from, to };
}

function emptyDay(day: string): DayTotal {
  return { day, conversations: 0, messages: 0, promptTokens: 0, completionTokens: 0 };
}

/** One total per day across bots, every day of the range present (zero when nothing happened). */
export function dailyTotals(rows: UsageDay[], from: string, to: string): DayTotal[] {
  const byDay = new Map<string, DayTotal>();
  if (DAY.test(from) && DAY.test(to) && from <= to) {
    for (let day = from, n = 0; day <= to && n < MAX_FILLED_DAYS; day = addDays(day, 1), n++) byDay.set(day, emptyDay(day));
  }
  for (const row of rows) {
    const total = byDay.get(row.day) ?? emptyDay(row.day);
    total.conversations += row.conversations;
    total.messages += row.messages;
    total.promptTokens += row.promptTokens;
    total.completionTokens += row.completionTokens;
    byDay.set(row.day, total);
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

export function grandTotal(rows: Array<Omit<DayTotal, 'day'>>): Omit<DayTotal, 'day'> {
  const total = { conversations: 0, messages: 0, promptTokens: 0, completionTokens: 0 };
  for (const row of rows) {
    total.conversations += row.conversations;
    total.messages += row.messages;
    total.promptTokens += row.promptTokens;
    total.completionTokens += row.completionTokens;
  }
  return total;
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value` (at least 1), so axis ticks are round. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

/** Round ticks from 0 to a `niceMax` value: whole steps for small counts, 4 or 5 steps otherwise. */
export function niceTicks(max: number): number[] {
  if (max <= 5) return Array.from({ length: Math.max(1, Math.round(max)) + 1 }, (_, i) => i);
  const lead = Math.round(max / 10 ** Math.floor(Math.log10(max)));
  const count = lead === 2 ? 4 : 5;
  return Array.from({ length: count + 1 }, (_, i) => (max * i) / count);
}

/** Which day labels fit under the bars: every k-th, at most `room` of them, the last always. */
export function labelEvery(days: number, room = 8): number {
  return Math.max(1, Math.ceil(days / room));
}
