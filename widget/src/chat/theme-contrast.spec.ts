import { styles } from './styles';
import { markdownStyles } from './markdown/markdown-styles';
import { contrastRatio, inkFrom, INK_ON, parseColor, readableOn, type Rgb } from './theme';

/**
 * Issue 16 item 9: every text the widget draws reads at 4.5:1 or more, whatever colour the
 * owner picks. The palettes are read from the stylesheet itself (light :host and the dark
 * scheme's), the bot's colour goes through theme.ts as the widget applies it.
 */
function palette(block: string): Record<string, string> {
  return Object.fromEntries(Array.from(block.matchAll(/--cc-([\w-]+):\s*([^;]+);/g), (m) => [m[1], m[2].trim()]));
}
const light = palette(/:host \{([^}]*)\}/.exec(styles)![1]);
const dark = palette(/prefers-color-scheme: dark\)\s*\{\s*:host \{([^}]*)\}/.exec(styles)![1]);

/** A palette's text colours and the backgrounds text sits on, for a bot colour. */
function pairs(p: Record<string, string>, scheme: 0 | 1, bot: Rgb): Array<[string, Rgb, string, Rgb]> {
  const rgb = (name: string) => parseColor(p[name])!;
  const texts: Array<[string, Rgb]> = [['fg', rgb('fg')], ['muted', rgb('muted')], ['danger', rgb('danger')], ['link', inkFrom(bot, scheme)]];
  // Text sits on the panel, the assistant's bubble and notices (surface), and code (border).
  const backs: Array<[string, Rgb]> = [['bg', rgb('bg')], ['surface', rgb('surface')], ['border', rgb('border')]];
  const out: Array<[string, Rgb, string, Rgb]> = [];
  for (const [tn, t] of texts) for (const [bn, b] of backs) out.push([tn, t, bn, b]);
  // The header, the visitor's bubble and the send button: black or white on the bot's colour.
  out.push(['on-accent', readableOn(bot) === '#000' ? [0, 0, 0] : [255, 255, 255], 'accent', bot]);
  return out;
}

const hex = (c: string): Rgb => parseColor(c)!;
const NAMED = ['#ffffff', '#ffd400', '#ffff00', '#ffeb3b', '#d1d5db', '#cccccc', '#e5e7eb', '#808080', '#777777', '#000000', '#111827',
  '#ff0000', '#00ff00', '#0000ff', '#00ffff', '#ff00ff', '#0f766e', '#2563eb', '#1e3a8a', '#f97316', '#22c55e', '#374151', '#1f2937'];
const SWEEP: Rgb[] = [];
for (let r = 0; r < 256; r += 51) for (let g = 0; g < 256; g += 51) for (let b = 0; b < 256; b += 51) SWEEP.push([r, g, b]);

describe('the widget theme reads at 4.5:1 for any bot colour', () => {
  it('reads both palettes from the stylesheet, links in the bot colour', () => {
    expect(light.bg).toBe('#ffffff');
    expect(dark.bg).toBe('#111827');
    expect(light.link).toMatch(/var\(--cc-ink-l/);
    expect(dark.link).toMatch(/var\(--cc-ink-d/);
    expect(markdownStyles).toMatch(/\.cc-md a \{ color: var\(--cc-link\); \}/);
    // The colours links are checked against are the stylesheet's extremes.
    expect(INK_ON[0]).toEqual(hex(light.border));
    expect(INK_ON[1]).toEqual(hex(dark.border));
  });

  it.each(NAMED)('every text on every background, light and dark scheme, with %s', (color) => {
    const bot = hex(color);
    const low: string[] = [];
    for (const [scheme, p] of [[0, light], [1, dark]] as const) {
      for (const [tn, t, bn, b] of pairs(p, scheme, bot)) {
        const ratio = contrastRatio(t, b);
        if (ratio < 4.5) low.push(`${scheme ? 'dark' : 'light'} ${tn} rgb(${t}) on ${bn} rgb(${b}): ${ratio.toFixed(2)}`);
      }
    }
    expect(low).toEqual([]);
  });

  it('keeps links near the bot colour: unchanged when it already reads, else the least mixing that reads', () => {
    expect(inkFrom(hex('#1e3a8a'), 0)).toEqual([30, 58, 138]);
    expect(inkFrom(hex('#ffd400'), 1)).toEqual([255, 212, 0]);
    const yellow = inkFrom(hex('#ffd400'), 0);
    expect(contrastRatio(yellow, INK_ON[0])).toBeGreaterThanOrEqual(4.5);
    // A tenth less black would not have read: it is no darker than it must be.
    const t = 1 - yellow[0] / 255;
    expect(t).toBeGreaterThan(0);
    const lighter = [255, 212, 0].map((v) => Math.round(v * (1 - (t - 0.1)))) as Rgb;
    expect(contrastRatio(lighter, INK_ON[0])).toBeLessThan(4.5);
    expect(yellow[0]).toBeGreaterThan(yellow[2]); // still a yellow-brown, not black
  });

  it('reaches 4.5:1 over a sweep of 216 colours in both schemes', () => {
    let worst = 21;
    for (const bot of SWEEP) {
      for (const [scheme, p] of [[0, light], [1, dark]] as const) {
        for (const [, t, , b] of pairs(p, scheme, bot)) worst = Math.min(worst, contrastRatio(t, b));
      }
    }
    expect(worst).toBeGreaterThanOrEqual(4.5);
  });
});
