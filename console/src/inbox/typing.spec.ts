import { createTypingSignal } from './typing';

describe('typing signal', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('says on once per throttle window, off when idle or sent', () => {
    const said: boolean[] = [];
    const typing = createTypingSignal((on) => said.push(on), { throttleMs: 3000, idleMs: 4000, now: () => Date.now() });
    typing.input();
    jest.advanceTimersByTime(1000);
    typing.input();
    jest.advanceTimersByTime(1000);
    typing.input();
    expect(said).toEqual([true]);
    jest.advanceTimersByTime(1500);
    typing.input(); // 3.5 s after the first on: said again so the visitor's indicator does not lapse
    expect(said).toEqual([true, true]);
    jest.advanceTimersByTime(4000);
    expect(said).toEqual([true, true, false]);
    typing.input();
    typing.stop();
    typing.stop();
    jest.advanceTimersByTime(10_000);
    expect(said).toEqual([true, true, false, true, false]);
  });
});
