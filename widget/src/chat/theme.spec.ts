import { readableOn } from './theme';

describe('readableOn', () => {
  it('puts white on dark colours and dark text on light ones', () => {
    expect(readableOn('#2563eb')).toBe('#fff');
    expect(readableOn('#000')).toBe('#fff');
    expect(readableOn('#fde047')).toBe('#111827');
    expect(readableOn('#FFF')).toBe('#111827');
  });

  it('defaults to white for colours it cannot read', () => {
    expect(readableOn('rebeccapurple')).toBe('#fff');
  });
});
