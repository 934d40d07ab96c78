import type { OfficeHours } from '../chat/widget.events';

/** Whether `at` falls within the office hours, read in their time zone; null hours: always. */
export function withinOfficeHours(hours: OfficeHours | null, at: Date = new Date()): boolean {
  if (!hours) return true;
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: hours.timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(part('weekday'));
  const now = `${part('hour')}:${part('minute')}`;
  return hours.weekly.some((slot) => slot.day === day && slot.from <= now && now < slot.to);
}
