/**
 * Token budgets per bot reset at midnight UTC (day) and on the 1st at midnight UTC (month): one
 * clock for every installation and every visitor, whatever their time zone.
 */

export interface BudgetPeriods {
  /** `YYYY-MM-DD` of today (UTC), the first day counted by the daily budget. */
  day: string;
  /** `YYYY-MM-DD` of the 1st of this month (UTC), the first day counted by the monthly budget. */
  monthStart: string;
  /** Milliseconds until the daily budget starts again. */
  msUntilNextDay: number;
  /** Milliseconds until the monthly budget starts again. */
  msUntilNextMonth: number;
}

export function budgetPeriods(now: Date): BudgetPeriods {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  const t = now.getTime();
  // Date.UTC rolls day 32 and month 12 over into the next month and year.
  return {
    day: isoDay(Date.UTC(y, m, d)),
    monthStart: isoDay(Date.UTC(y, m, 1)),
    msUntilNextDay: Date.UTC(y, m, d + 1) - t,
    msUntilNextMonth: Date.UTC(y, m + 1, 1) - t,
  };
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
