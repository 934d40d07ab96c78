import { withinOfficeHours } from './office-hours';

describe('office hours', () => {
  const shanghai = { timezone: 'Asia/Shanghai', weekly: [{ day: 1, from: '09:00', to: '18:00' }, { day: 6, from: '10:00', to: '12:00' }] };

  it("reads the time in the bot's time zone, not the server's", () => {
    // Monday 2026-12-07 01:30 UTC is 09:30 in Shanghai.
    expect(withinOfficeHours(shanghai, new Date('2026-12-07T01:30:00Z'))).toBe(true);
    // Monday 00:30 UTC is 08:30 in Shanghai: not yet.
    expect(withinOfficeHours(shanghai, new Date('2026-12-07T00:30:00Z'))).toBe(false);
    // 18:00 sharp is closed (to is exclusive).
    expect(withinOfficeHours(shanghai, new Date('2026-12-07T10:00:00Z'))).toBe(false);
    // Saturday 11:00 in Shanghai.
    expect(withinOfficeHours(shanghai, new Date('2026-12-12T03:00:00Z'))).toBe(true);
    // Sunday: no slot.
    expect(withinOfficeHours(shanghai, new Date('2026-12-13T03:00:00Z'))).toBe(false);
  });

  it('is always open without office hours', () => {
    expect(withinOfficeHours(null, new Date('2026-12-13T03:00:00Z'))).toBe(true);
  });
});
