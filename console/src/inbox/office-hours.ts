import type { OfficeHours } from './types';

/**
 * The bot's `settings.officeHours` as the editor holds it: per weekday (0 = Sunday) its opening
 * ranges, none meaning closed; or `online`: people answer any time someone is online (null).
 */
export interface HoursForm {
  mode: 'online' | 'hours';
  timezone: string;
  days: Array<Array<{ from: string; to: string }>>;
}

export type HoursProblem = 'timezone' | 'time' | 'order' | 'none';
export interface HoursProblems {
  timezone?: 'timezone';
  /** By weekday: the first problem of its ranges. */
  days?: Record<number, HoursProblem>;
  none?: true;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Offered first in the time zone list; the browser's own and the current one are added. */
export const COMMON_ZONES = [
  'Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo',
  'Europe/London', 'Europe/Paris', 'Europe/Berlin',
  'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Australia/Sydney', 'UTC',
];

/** The browser's IANA zone, or UTC. */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function zoneOptions(current: string, own: string): string[] {
  return [...new Set([own, current, ...COMMON_ZONES].filter(Boolean))];
}

export function isZone(zone: string): boolean {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Monday to Friday, nine to six: what a new schedule starts from. */
const workingWeek = () => [0, 1, 2, 3, 4, 5, 6].map((day) => (day > 0 && day < 6 ? [{ from: '09:00', to: '18:00' }] : []));

export function hoursFormFrom(hours: OfficeHours | null | undefined, own: string): HoursForm {
  if (!hours) return { mode: 'online', timezone: own, days: workingWeek() };
  const days: HoursForm['days'] = [[], [], [], [], [], [], []];
  for (const { day, from, to } of hours.weekly) if (days[day]) days[day].push({ from, to });
  return { mode: 'hours', timezone: hours.timezone, days };
}

/** The setting to send: null for `online`; ranges sorted by day and time. */
export function hoursFromForm(form: HoursForm): OfficeHours | null {
  if (form.mode === 'online') return null;
  const weekly = form.days.flatMap((ranges, day) => ranges.map(({ from, to }) => ({ day, from: from.trim(), to: to.trim() })));
  weekly.sort((a, b) => a.day - b.day || a.from.localeCompare(b.from));
  return { timezone: form.timezone.trim(), weekly };
}

export function validateHours(form: HoursForm): HoursProblems {
  if (form.mode === 'online') return {};
  const problems: HoursProblems = {};
  if (!isZone(form.timezone.trim())) problems.timezone = 'timezone';
  const days: Record<number, HoursProblem> = {};
  form.days.forEach((ranges, day) => {
    for (const { from, to } of ranges) {
      if (!TIME.test(from.trim()) || !TIME.test(to.trim())) days[day] ??= 'time';
      else if (from.trim() >= to.trim()) days[day] ??= 'order';
    }
  });
  if (Object.keys(days).length) problems.days = days;
  if (form.days.every((ranges) => ranges.length === 0)) problems.none = true;
  return problems;
}

export const hasHoursProblems = (p: HoursProblems) => Object.keys(p).length > 0;

/** Same schedule, whatever the order it was written in. */
export function sameHours(a: OfficeHours | null | undefined, b: OfficeHours | null | undefined): boolean {
  const norm = (h: OfficeHours | null | undefined) => (h ? hoursFromForm(hoursFormFrom(h, '')) : null);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}
