import { exactTime, startsTimeGroup, TIME_GAP_MS, timeLabel } from './time';

describe('message times', () => {
  const at = (minutes: number) => Date.parse('2026-03-02T10:00:00Z') + minutes * 60_000;

  it('starts a group at the first message with a time and after a gap of more than five minutes', () => {
    const messages = [{ at: at(0) }, { at: at(1) }, { at: at(6) }, { at: at(11) + 1 }, {}, { at: at(12) }];
    expect(messages.map((_, i) => startsTimeGroup(messages, i))).toEqual([true, false, false, true, false, true]);
    expect(TIME_GAP_MS).toBe(300_000);
    expect(startsTimeGroup([{}, { at: at(0) }], 0)).toBe(false);
  });

  it('writes the time alone today, the day before that, and the year before this year, in the locale', () => {
    const now = new Date(2026, 2, 2, 18, 30).getTime();
    const today = new Date(2026, 2, 2, 14, 5).getTime();
    const earlier = new Date(2026, 1, 27, 9, 7).getTime();
    const lastYear = new Date(2025, 11, 31, 23, 59).getTime();
    expect(timeLabel(today, 'en-US', now)).toBe('2:05 PM');
    expect(timeLabel(today, 'en-GB', now)).toBe('14:05');
    expect(timeLabel(today, 'zh-CN', now)).toBe('14:05');
    expect(timeLabel(earlier, 'en-US', now)).toBe('Feb 27, 9:07 AM');
    expect(timeLabel(earlier, 'zh-CN', now)).toBe('2月27日 9:07');
    expect(timeLabel(lastYear, 'en-US', now)).toBe('Dec 31, 2025, 11:59 PM');
    expect(timeLabel(lastYear, 'zh-CN', now)).toContain('2025');
  });

  it('gives the exact time with seconds for the hover', () => {
    const t = new Date(2026, 2, 2, 14, 5, 9).getTime();
    expect(exactTime(t, 'en-US')).toBe('March 2, 2026 at 2:05:09 PM');
    expect(exactTime(t, 'zh-CN')).toBe('2026年3月2日 14:05:09');
  });
});
