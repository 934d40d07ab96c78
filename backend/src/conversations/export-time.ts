/**
 * Times in a staff member's own zone for the CSV export: `2026-12-03 18:05:09 +08:00`. The offset
 * is written on every cell because it changes with daylight saving time within one file.
 */

/** The IANA zone as Intl spells it (`asia/shanghai` → `Asia/Shanghai`), or undefined when Intl has no such zone. */
export function canonicalTimeZone(zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A formatter for one zone; make one per export and call it for every message. */
export function localTimeFormatter(timeZone: string): (at: Date) => string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (at) => {
    const p: Record<string, number> = {};
    for (const { type, value } of parts.formatToParts(at)) if (type !== 'literal') p[type] = Number(value);
    // The wall clock read as if it were UTC, minus the instant (whole seconds), is the zone's offset.
    const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    const offset = Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)} ${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  };
}
