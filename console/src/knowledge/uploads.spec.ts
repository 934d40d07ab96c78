import { allSettled, queueUploads, settle } from './uploads';

describe('uploads', () => {
  const limits = { maxFileBytes: 100 };

  it('queues the acceptable files and refuses the others at once', () => {
    const queued = queueUploads([{ name: 'a.md', size: 10 }, { name: 'b.exe', size: 10 }, { name: 'c.pdf', size: 101 }], limits);
    expect(queued.map((u) => [u.name, u.state, 'problem' in u ? u.problem : null])).toEqual([
      ['a.md', 'waiting', null],
      ['b.exe', 'refused', 'type'],
      ['c.pdf', 'refused', 'tooBig'],
    ]);
    expect(new Set(queued.map((u) => u.key)).size).toBe(3);
    expect(allSettled(queued)).toBe(false);
  });

  it('settles one upload at a time', () => {
    const [a, b] = queueUploads([{ name: 'a.md', size: 1 }, { name: 'b.md', size: 1 }], limits);
    let list = settle([a, b], { ...a, state: 'done', title: 'a' });
    expect(list.map((u) => u.state)).toEqual(['done', 'waiting']);
    list = settle(list, { ...b, state: 'failed', error: new Error('409') });
    expect(allSettled(list)).toBe(true);
  });
});
