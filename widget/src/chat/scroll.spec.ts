import { isNearBottom } from './scroll';

describe('isNearBottom', () => {
  it('is true at the end and within the slack, false further up', () => {
    expect(isNearBottom({ scrollTop: 400, scrollHeight: 1000, clientHeight: 600 })).toBe(true);
    expect(isNearBottom({ scrollTop: 330, scrollHeight: 1000, clientHeight: 600 })).toBe(true);
    expect(isNearBottom({ scrollTop: 100, scrollHeight: 1000, clientHeight: 600 })).toBe(false);
  });
});
