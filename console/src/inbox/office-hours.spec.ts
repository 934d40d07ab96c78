import { hoursFormFrom, hoursFromForm, isZone, sameHours, validateHours, zoneOptions } from './office-hours';

describe('office hours form', () => {
  it('starts an unset schedule as "any time someone is online", with a working week ready', () => {
    const form = hoursFormFrom(null, 'Europe/London');
    expect(form.mode).toBe('online');
    expect(form.timezone).toBe('Europe/London');
    expect(form.days[1]).toEqual([{ from: '09:00', to: '18:00' }]);
    expect(form.days[0]).toEqual([]);
    expect(hoursFromForm(form)).toBeNull();
    expect(validateHours(form)).toEqual({});
  });

  it('round-trips settings, split days included, in day and time order', () => {
    const hours = {
      timezone: 'Asia/Shanghai',
      weekly: [{ day: 6, from: '10:00', to: '16:00' }, { day: 1, from: '14:00', to: '18:00' }, { day: 1, from: '09:00', to: '12:00' }],
    };
    const form = hoursFormFrom(hours, 'UTC');
    expect(form.mode).toBe('hours');
    expect(form.days[1]).toHaveLength(2);
    expect(hoursFromForm(form)).toEqual({
      timezone: 'Asia/Shanghai',
      weekly: [{ day: 1, from: '09:00', to: '12:00' }, { day: 1, from: '14:00', to: '18:00' }, { day: 6, from: '10:00', to: '16:00' }],
    });
    expect(sameHours(hours, hoursFromForm(form))).toBe(true);
    expect(sameHours(hours, null)).toBe(false);
    expect(sameHours(null, undefined)).toBe(true);
  });

  it('finds bad zones, times, reversed ranges and an empty week', () => {
    const form = hoursFormFrom(null, 'UTC');
    form.mode = 'hours';
    expect(validateHours(form)).toEqual({});
    form.timezone = 'Mars/Olympus';
    form.days[1] = [{ from: '9:00', to: '18:00' }];
    form.days[2] = [{ from: '18:00', to: '09:00' }];
    expect(validateHours(form)).toEqual({ timezone: 'timezone', days: { 1: 'time', 2: 'order' } });
    expect(validateHours({ mode: 'hours', timezone: 'UTC', days: [[], [], [], [], [], [], []] })).toEqual({ none: true });
  });

  it('offers the browser zone and the current one with the usual ones', () => {
    const zones = zoneOptions('America/Sao_Paulo', 'Asia/Kolkata');
    expect(zones.slice(0, 2)).toEqual(['Asia/Kolkata', 'America/Sao_Paulo']);
    for (const z of ['Asia/Shanghai', 'Europe/London', 'America/New_York', 'UTC']) expect(zones).toContain(z);
    expect(new Set(zoneOptions('UTC', 'UTC')).size).toBe(zoneOptions('UTC', 'UTC').length);
    expect(isZone('Asia/Shanghai')).toBe(true);
    expect(isZone('')).toBe(false);
  });
});
