import { BreakerState, CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  let now: number;
  let changes: BreakerState[];
  let sut: CircuitBreaker;
  const fail = (reason = 'boom') => sut.tryAcquire()!.settle('failure', reason);

  beforeEach(() => {
    now = 1_000;
    changes = [];
    sut = new CircuitBreaker({ threshold: 3, cooldownMs: 500, now: () => now, onChange: (state) => changes.push(state) });
  });

  it('lets calls through while closed and opens after `threshold` consecutive failures', () => {
    fail();
    fail();
    expect(sut.state).toBe('closed');
    fail('503 busy');
    expect(sut.state).toBe('open');
    expect(sut.lastFailure).toBe('503 busy');
    expect(sut.tryAcquire()).toBeUndefined();
    expect(sut.retryInMs).toBe(500);
    expect(changes).toEqual(['open']);
  });

  it('counts only consecutive failures: a success starts the count again', () => {
    fail();
    fail();
    sut.tryAcquire()!.settle('success');
    fail();
    fail();
    expect(sut.state).toBe('closed');
  });

  it('neither counts nor resets on neutral verdicts (rate limits, misconfiguration, a visitor stop)', () => {
    fail();
    fail();
    sut.tryAcquire()!.settle('neutral');
    expect(sut.state).toBe('closed');
    fail();
    expect(sut.state).toBe('open');
  });

  it('lets exactly one probe through after the cool-down, and closes on its success', () => {
    for (let i = 0; i < 3; i++) fail();
    now += 499;
    expect(sut.tryAcquire()).toBeUndefined();
    now += 1;
    const probe = sut.tryAcquire();
    expect(probe).toBeDefined();
    expect(sut.state).toBe('half_open');
    expect(sut.tryAcquire()).toBeUndefined();
    probe!.settle('success');
    expect(sut.state).toBe('closed');
    expect(sut.tryAcquire()).toBeDefined();
    expect(changes).toEqual(['open', 'half_open', 'closed']);
  });

  it('opens again for a whole cool-down when the probe fails', () => {
    for (let i = 0; i < 3; i++) fail();
    now += 500;
    sut.tryAcquire()!.settle('failure', 'still down');
    expect(sut.state).toBe('open');
    expect(sut.retryInMs).toBe(500);
    expect(sut.lastFailure).toBe('still down');
    expect(changes).toEqual(['open', 'half_open', 'open']);
  });

  it('frees the probe slot when the probe ends neutral, so the next call probes', () => {
    for (let i = 0; i < 3; i++) fail();
    now += 500;
    sut.tryAcquire()!.settle('neutral');
    expect(sut.state).toBe('half_open');
    const next = sut.tryAcquire();
    expect(next).toBeDefined();
    next!.settle('success');
    expect(sut.state).toBe('closed');
  });

  it('settles a permit once; a second settle is ignored', () => {
    const permit = sut.tryAcquire()!;
    permit.settle('failure');
    permit.settle('failure');
    permit.settle('failure');
    fail();
    expect(sut.state).toBe('closed');
  });

  it('ignores a late failure of a call that started before the circuit opened, and closes on a late success', () => {
    const early = sut.tryAcquire()!;
    const late = sut.tryAcquire()!;
    for (let i = 0; i < 3; i++) fail();
    early.settle('failure');
    expect(sut.retryInMs).toBe(500);
    late.settle('success');
    expect(sut.state).toBe('closed');
  });
});
