import { ago, shortVisitorId, splitMatches } from './list-text';

describe('conversation list text', () => {
  const now = Date.parse('2024-05-10T12:00:00Z');

  it('says how long ago in minutes, hours or days, and gives up after a week', () => {
    expect(ago('2024-05-10T11:59:30Z', now)).toEqual({ unit: 'now' });
    expect(ago('2024-05-10T12:00:05Z', now)).toEqual({ unit: 'now' });
    expect(ago('2024-05-10T11:57:00Z', now)).toEqual({ unit: 'minutes', n: 3 });
    expect(ago('2024-05-10T09:30:00Z', now)).toEqual({ unit: 'hours', n: 2 });
    expect(ago('2024-05-07T12:00:00Z', now)).toEqual({ unit: 'days', n: 3 });
    expect(ago('2024-05-01T12:00:00Z', now)).toBeNull();
    expect(ago(null, now)).toBeNull();
    expect(ago('not a date', now)).toBeNull();
  });

  it('labels a visitor by the start of the id', () => {
    expect(shortVisitorId('3f9a2c1b-0000-4000-8000-000000000000')).toBe('3F9A2C');
  });

  it('splits at every match, ignoring case, with regex characters taken literally', () => {
    expect(splitMatches('Sleep, sleep: SLEEP', 'sleep')).toEqual([
      { text: 'Sleep', match: true }, { text: ', ', match: false }, { text: 'sleep', match: true },
      { text: ': ', match: false }, { text: 'SLEEP', match: true },
    ]);
    expect(splitMatches('我最近总是失眠，怎么办？', '失眠')).toEqual([
      { text: '我最近总是', match: false }, { text: '失眠', match: true }, { text: '，怎么办？', match: false },
    ]);
    expect(splitMatches('a (b) [c] .*', '(b) [c] .*')).toEqual([{ text: 'a ', match: false }, { text: '(b) [c] .*', match: true }]);
    expect(splitMatches('<mark>x</mark>', '')).toEqual([{ text: '<mark>x</mark>', match: false }]);
    expect(splitMatches('', 'x')).toEqual([]);
  });
});
