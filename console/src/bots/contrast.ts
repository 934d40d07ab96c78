/**
 * Text that reads on the bot's colour, chosen as the widget chooses it (widget/src/chat/theme.ts):
 * black or white, whichever contrasts more. One of the two always reaches WCAG's 4.5:1 (a mid
 * grey, the worst case, still gives 4.58:1 with black), so the preview never shows unreadable text.
 */

type Rgb = [number, number, number];

export const ON_DARK = '#ffffff';
export const ON_LIGHT = '#000000';
/** The widget's colour when none (or no valid one) is set (backend DEFAULT_BOT_SETTINGS). */
export const DEFAULT_ACCENT = '#0f766e';

/** `#rgb` or `#rrggbb` as 0–255 channels; undefined for anything else. */
export function parseHex(color: string): Rgb | undefined {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
  if (!hex) return undefined;
  const full = hex.length === 3 ? hex.replace(/./g, (c) => c + c) : hex;
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as Rgb;
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
function luminance([r, g, b]: Rgb): number {
  const linear = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio of two colours, 1 to 21; NaN if either is not a hex colour. */
export function contrastRatio(a: string, b: string): number {
  const x = parseHex(a);
  const y = parseHex(b);
  if (!x || !y) return Number.NaN;
  const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
  return (hi + 0.05) / (lo + 0.05);
}

/** White or black text for `background`, whichever contrasts more (white for a colour that is not hex). */
export function textOn(background: string): typeof ON_DARK | typeof ON_LIGHT {
  if (!parseHex(background)) return ON_DARK;
  return contrastRatio(background, ON_LIGHT) > contrastRatio(background, ON_DARK) ? ON_LIGHT : ON_DARK;
}

/** The colour the preview shows: the typed one when it is valid, else the default. */
export function previewAccent(color: string): string {
  const text = color.trim();
  return /^#[0-9a-f]{6}$/i.test(text) ? text.toLowerCase() : DEFAULT_ACCENT;
}
