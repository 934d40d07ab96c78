import type { UsageDay } from '../api/types';
import { addDays, dailyTotals, grandTotal, labelEvery, localDay, niceMax, niceTicks, usageFilters } from './series';

const row = (day: string, botId: string, n: number): UsageDay => ({
  day, botId, botName: botId, conversations: n, messages: n * 2, promptTokens: n * 100, completionTokens: n * 50,
});

describe('usage series', () => {
  it('defaults to the last 30 days and keeps valid filters', () => {
    const today = new Date(2024, 4, 31, 15, 0);
    expect(localDay(today)).toBe('2024-05-31');
    expect(usageFilters('', today)).toEqual({ bot: '', from: '2024-05-02', to: '2024-05-31' });
    expect(usageFilters('?bot=b1&from=2024-01-01&to=2024-01-31', today)).toEqual({ bot: 'b1', from: '2024-01-01', to: '2024-01-31' });
    expect(usageFilters('?from=junk', today).from).toBe('2024-05-02');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('sums bots per day and fills the days without data', () => {
    const days = dailyTotals([row('2024-05-03', 'a', 1), row('2024-05-01', 'a', 2), row('2024-05-01', 'b', 3)], '2024-05-01', '2024-05-04');
    expect(days.map((d) => [d.day, d.conversations, d.promptTokens])).toEqual([
      ['2024-05-01', 5, 500],
      ['2024-05-02', 0, 0],
      ['2024-05-03', 1, 100],
      ['2024-05-04', 0, 0],
    ]);
    expect(grandTotal(days)).toEqual({ conversations: 6, messages: 12, promptTokens: 600, completionTokens: 300 });
  });

  it('keeps data outside a bad range rather than losing it', () => {
    expect(dailyTotals([row('2024-05-03', 'a', 1)], '2024-06-01', '2024-05-01').map((d) => d.day)).toEqual(['2024-05-03']);
  });

  it('rounds axes and spaces labels', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(10)).toBe(10);
    expect(niceMax(11)).toBe(20);
    expect(niceMax(420)).toBe(500);
    expect(niceMax(0.3)).toBe(0.5);
    expect(niceTicks(1)).toEqual([0, 1]);
    expect(niceTicks(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(niceTicks(10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(niceTicks(5000)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(labelEvery(7)).toBe(1);
    expect(labelEvery(30)).toBe(4);
  });
});
