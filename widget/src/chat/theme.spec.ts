import { contrastRatio, parseColor, readableOn } from './theme';

describe('text colour on the bot colour', () => {
  it('parses hex and the rgb() form browsers compute', () => {
    expect(parseColor('#0F766E')).toEqual([15, 118, 110]);
    expect(parseColor('#fc0')).toEqual([255, 204, 0]);
    expect(parseColor('rgb(255, 235, 59)')).toEqual([255, 235, 59]);
    expect(parseColor('rgba(0 0 0 / 0.5)')).toEqual([0, 0, 0]);
    expect(parseColor('teal')).toBeUndefined();
  });

  it('picks dark text on light colours and light text on dark ones', () => {
    expect(readableOn('#ffeb3b')).toBe('#000');
    expect(readableOn('#ffffff')).toBe('#000');
    expect(readableOn('#1e3a8a')).toBe('#fff');
    expect(readableOn('rgb(37, 99, 235)')).toBe('#fff');
  });

  it('reaches 4.5:1 on every colour of a 4096-colour sweep', () => {
    let worst = 21;
    for (let r = 0; r < 256; r += 17) for (let g = 0; g < 256; g += 17) for (let b = 0; b < 256; b += 17) {
      const bg: [number, number, number] = [r, g, b];
      const fg = parseColor(readableOn(`rgb(${r}, ${g}, ${b})`))!;
      worst = Math.min(worst, contrastRatio(bg, fg));
    }
    expect(worst).toBeGreaterThanOrEqual(4.5);
  });
});
