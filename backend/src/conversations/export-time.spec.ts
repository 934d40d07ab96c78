import { canonicalTimeZone, localTimeFormatter } from './export-time';

describe('export times', () => {
  it('accepts the zones Intl knows, spelt as Intl spells them, and refuses others', () => {
    expect(canonicalTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimeZone('asia/shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeUndefined();
    expect(canonicalTimeZone('')).toBeUndefined();
  });

  it('writes the local wall time with the offset of that instant', () => {
    const at = new Date('2026-12-03T10:05:09.999Z');
    expect(localTimeFormatter('Asia/Shanghai')(at)).toBe('2026-12-03 18:05:09 +08:00');
    expect(localTimeFormatter('UTC')(at)).toBe('2026-12-03 10:05:09 +00:00');
    expect(localTimeFormatter('Asia/Kolkata')(at)).toBe('2026-12-03 15:35:09 +05:30');
    expect(localTimeFormatter('America/St_Johns')(at)).toBe('2026-12-03 06:35:09 -03:30');
    // Midnight is 00, not 24; the day rolls over in the zone, not in UTC.
    expect(localTimeFormatter('Asia/Shanghai')(new Date('2026-12-03T16:00:00Z'))).toBe('2026-12-04 00:00:00 +08:00');
  });

  it('follows daylight saving time within one file', () => {
    const berlin = localTimeFormatter('Europe/Berlin');
    expect(berlin(new Date('2026-01-15T12:00:00Z'))).toBe('2026-01-15 13:00:00 +01:00');
    expect(berlin(new Date('2026-07-15T12:00:00Z'))).toBe('2026-07-15 14:00:00 +02:00');
    const newYork = localTimeFormatter('America/New_York');
    expect(newYork(new Date('2026-11-01T05:30:00Z'))).toBe('2026-11-01 01:30:00 -04:00');
    expect(newYork(new Date('2026-11-01T06:30:00Z'))).toBe('2026-11-01 01:30:00 -05:00');
  });
});
