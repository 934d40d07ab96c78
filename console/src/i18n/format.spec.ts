import { formatCompact, formatDateTime, formatDuration, formatNumber } from './format';

describe('formatting', () => {
  it('durations', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(12_400)).toBe('12 s');
  });

  it('compact numbers for axes', () => {
    expect(formatCompact(0)).toBe('0');
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(1000)).toBe('1k');
    expect(formatCompact(1250)).toBe('1.3k');
    expect(formatCompact(35_000)).toBe('35k');
    expect(formatCompact(1_500_000)).toBe('1.5M');
  });

  it('numbers and dates, with a dash for nothing', () => {
    expect(formatNumber(12345, 'en')).toBe('12,345');
    expect(formatNumber(null, 'en')).toBe('—');
    expect(formatDateTime(null, 'zh-CN')).toBe('—');
    expect(formatDateTime('not a date', 'en')).toBe('—');
    expect(formatDateTime('2024-05-01T10:00:00Z', 'en')).toMatch(/2024/);
  });
});
