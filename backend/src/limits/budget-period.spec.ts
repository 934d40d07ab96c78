import { budgetPeriods } from './budget-period';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('budgetPeriods', () => {
  it('counts today and this month in UTC and says how long until each resets', () => {
    const p = budgetPeriods(new Date('2025-03-14T18:30:00Z'));
    expect(p).toEqual({ day: '2025-03-14', monthStart: '2025-03-01', msUntilNextDay: 5.5 * HOUR, msUntilNextMonth: 17 * DAY + 5.5 * HOUR });
  });

  it('uses UTC, not the local time zone, right before midnight UTC', () => {
    const p = budgetPeriods(new Date('2025-03-14T23:59:59.999Z'));
    expect(p.day).toBe('2025-03-14');
    expect(p.msUntilNextDay).toBe(1);
  });

  it('starts a new day exactly at midnight UTC with a whole day ahead', () => {
    const p = budgetPeriods(new Date('2025-03-15T00:00:00Z'));
    expect(p.day).toBe('2025-03-15');
    expect(p.msUntilNextDay).toBe(DAY);
  });

  it('rolls the month over into the next year on 31 December', () => {
    const p = budgetPeriods(new Date('2025-12-31T12:00:00Z'));
    expect(p.monthStart).toBe('2025-12-01');
    expect(p.msUntilNextDay).toBe(12 * HOUR);
    expect(p.msUntilNextMonth).toBe(12 * HOUR);
  });

  it.each([
    ['2024-02-28T00:00:00Z', 2 * DAY], // leap year: 29 February comes first
    ['2025-02-28T00:00:00Z', DAY],
    ['2025-04-30T06:00:00Z', 18 * HOUR],
    ['2025-01-01T00:00:00Z', 31 * DAY],
  ])('from %s the month resets in %d ms', (at, ms) => {
    expect(budgetPeriods(new Date(at)).msUntilNextMonth).toBe(ms);
  });
});
