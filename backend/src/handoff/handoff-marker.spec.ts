import { HandoffMarkerFilter } from './handoff-marker';

describe('the model handing over', () => {
  it('holds the marker back and says it was one', () => {
    const f = new HandoffMarkerFilter();
    expect(['[[', 'HAND', 'OFF', ']]'].map((d) => f.feed(d))).toEqual(['', '', '', '']);
    expect(f.end()).toEqual({ handoff: true, rest: '' });
  });

  it('lets an ordinary reply through as soon as it cannot be the marker, nothing lost', () => {
    const f = new HandoffMarkerFilter();
    expect(f.feed('[')).toBe('');
    expect(f.feed('1] is the source')).toBe('[1] is the source');
    expect(f.feed(' and more')).toBe(' and more');
    expect(f.end()).toEqual({ handoff: false, rest: '' });
  });

  it('gives back a reply that stopped while it still looked like the marker', () => {
    const f = new HandoffMarkerFilter();
    expect(f.feed('[[HAN')).toBe('');
    expect(f.end()).toEqual({ handoff: false, rest: '[[HAN' });
  });

  it('does not take a reply that merely mentions the marker for one', () => {
    const f = new HandoffMarkerFilter();
    expect(f.feed('[[HANDOFF]] is what I would say')).toBe('[[HANDOFF]] is what I would say');
    expect(f.end().handoff).toBe(false);
  });
});
