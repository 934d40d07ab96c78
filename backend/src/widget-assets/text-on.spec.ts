import { textOn } from './text-on';

describe('the launcher icon colour', () => {
  it('is black on light colours and white on dark ones, as the chat picks it', () => {
    expect(textOn('#f97316')).toBe('#000'); // orange: 8.2:1 with black, 2.8:1 with white
    expect(textOn('#ffeb3b')).toBe('#000');
    expect(textOn('#0f766e')).toBe('#fff');
    expect(textOn('#2563EB')).toBe('#fff');
    expect(textOn('#777777')).toBe('#000'); // mid grey: black still reaches 4.58:1
    expect(textOn('red')).toBe('#fff');
  });
});
