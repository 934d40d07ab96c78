import { RequestQueue } from './request-queue';

/** A promise the test settles by hand, to hold a request in flight. */
function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => ((open = resolve), (fail = reject)));
  return { promise, open, fail };
}

describe('RequestQueue', () => {
  it('starts a request only after the one before it has settled, and answers in arrival order', async () => {
    const queue = new RequestQueue(10);
    const log: string[] = [];
    const first = gate();
    const a = queue.run(async () => (log.push('a start'), await first.promise, log.push('a end'), 'a'));
    const b = queue.run(async () => (log.push('b start'), 'b'));
    await Promise.resolve();
    expect(log).toEqual(['a start']);
    first.open();
    await expect(Promise.all([a, b])).resolves.toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b start']);
  });

  it('goes on after a request that failed', async () => {
    const queue = new RequestQueue(10);
    const broken = gate();
    const a = queue.run(() => broken.promise);
    const b = queue.run(async () => 'b');
    broken.fail(new Error('database away'));
    await expect(a).rejects.toThrow('database away');
    await expect(b).resolves.toBe('b');
  });

  it('refuses past its limit and takes requests again once they have settled', async () => {
    const queue = new RequestQueue(2);
    const held = gate();
    const a = queue.run(() => held.promise);
    const b = queue.run(async () => 'b');
    expect(queue.run(async () => 'c')).toBeUndefined();
    held.open();
    await Promise.all([a, b]);
    await expect(queue.run(async () => 'd')).resolves.toBe('d');
  });
});
