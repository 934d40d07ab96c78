import { contrastRatio, parseColor, readableOn } from './theme';

describe('text colour on the bot colour', () => {
  it('parses #rrggbb, the form the API keeps', () => {
    expect(parseColor('#0F766E')).toEqual([15, 118, 110]);
    expect(parseColor('#ffeb3b')).toEqual([255, 235, 59]);
    expect(parseColor('#fc0')).toBeUndefined();
    expect(parseColor('teal')).toBeUndefined();
  });

  it('picks dark text on light colours and light text on dark ones', () => {
    expect(readableOn([255, 235, 59])).toBe('#000');
    expect(readableOn([255, 255, 255])).toBe('#000');
    expect(readableOn([30, 58, 138])).toBe('#fff');
    expect(readableOn([37, 99, 235])).toBe('#fff');
  });

  it('reaches 4.5:1 on every colour of a 4096-colour sweep', () => {
    let worst = 21;
    for (let r = 0; r < 256; r += 17) for (let g = 0; g < 256; g += 17) for (let b = 0; b < 256; b += 17) {
      const bg: [number, number, number] = [r, g, b];
      const fg = parseColor(readableOn(bg) === '#000' ? '#000000' : '#ffffff')!;
      worst = Math.min(worst, contrastRatio(bg, fg));
    }
    expect(worst).toBeGreaterThanOrEqual(4.5);
  });
});
