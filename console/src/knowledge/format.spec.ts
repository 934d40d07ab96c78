import { formatBytes, formatProgress, formatScore, headingTrail, shouldPoll } from './format';

describe('knowledge formatting', () => {
  it('polls only while something is queued or indexing', () => {
    expect(shouldPoll([])).toBe(false);
    expect(shouldPoll([{ status: 'ready' }, { status: 'failed' }])).toBe(false);
    expect(shouldPoll([{ status: 'ready' }, { status: 'queued' }])).toBe(true);
    expect(shouldPoll([{ status: 'indexing' }])).toBe(true);
  });

  it('writes progress as done/total', () => {
    expect(formatProgress({ done: 12, total: 40 })).toBe('12/40');
    expect(formatProgress({ done: 50, total: 40 })).toBe('40/40');
    expect(formatProgress({ done: 0, total: 0 })).toBe('');
    expect(formatProgress(undefined)).toBe('');
  });

  it('writes sizes in B, KB and MB', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(850)).toBe('850 B');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(35 * 1024)).toBe('35 KB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatBytes(3.5 * 1024 * 1024)).toBe('3.5 MB');
    expect(formatBytes(-1)).toBe('—');
  });

  it('writes scores with three decimals', () => {
    expect(formatScore(0.87349)).toBe('0.873');
    expect(formatScore(1)).toBe('1.000');
    expect(formatScore(undefined)).toBe('—');
  });

  it('joins heading paths, skipping empty headings', () => {
    expect(headingTrail(['Guide', ' ', 'Sleep'])).toBe('Guide › Sleep');
    expect(headingTrail([])).toBe('');
  });
});
