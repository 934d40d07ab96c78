import { contrastRatio, DEFAULT_ACCENT, ON_DARK, ON_LIGHT, parseHex, previewAccent, textOn } from './contrast';

describe('text on the bot colour', () => {
  it('measures WCAG contrast', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('oops', '#ffffff')).toBeNaN();
    expect(parseHex('#abc')).toEqual([0xaa, 0xbb, 0xcc]);
  });

  it('puts white on dark colours and black on light ones', () => {
    expect(textOn('#0f766e')).toBe(ON_DARK);
    expect(textOn('#1d4ed8')).toBe(ON_DARK);
    expect(textOn('#000000')).toBe(ON_DARK);
    expect(textOn('#ffffff')).toBe(ON_LIGHT);
    expect(textOn('#facc15')).toBe(ON_LIGHT); // yellow: white would be 1.5:1
    expect(textOn('#22d3ee')).toBe(ON_LIGHT);
    expect(textOn('#777777')).toBe(ON_LIGHT); // white is 4.48:1, just short
  });

  it('always reaches 4.5:1, across the whole colour cube', () => {
    let worst = 21;
    for (let r = 0; r <= 255; r += 15) {
      for (let g = 0; g <= 255; g += 15) {
        for (let b = 0; b <= 255; b += 15) {
          const color = `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
          worst = Math.min(worst, contrastRatio(color, textOn(color)));
        }
      }
    }
    expect(worst).toBeGreaterThanOrEqual(4.5);
  });

  it('previews the default colour until the typed one is valid', () => {
    expect(previewAccent('#1D4ED8 ')).toBe('#1d4ed8');
    expect(previewAccent('#1d4')).toBe(DEFAULT_ACCENT);
    expect(previewAccent('')).toBe(DEFAULT_ACCENT);
  });
});
