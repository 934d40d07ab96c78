export type Rgb = [number, number, number];

/** `#rrggbb` (how the API keeps a bot's colour) as 0–255 channels; undefined for anything else. */
export function parseColor(color: string): Rgb | undefined {
  if (/^#[\da-f]{6}$/i.test(color)) return [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) as Rgb;
}

/** WCAG relative luminance. */
function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio, 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Black or white text, whichever contrasts more with the background. One of the two always
 * reaches 4.5:1 (the worst background, a mid grey, still gives 4.58:1 with black).
 */
export function readableOn(rgb: Rgb): string {
  return contrastRatio(rgb, [0, 0, 0]) >= contrastRatio(rgb, [255, 255, 255]) ? '#000' : '#fff';
}

/**
 * The darkest background text sits on in the light scheme (code, `--cc-border`) and the
 * lightest in the dark one (styles.ts): a colour reading on these reads on every background.
 */
export const INK_ON: Rgb[] = [[229, 231, 235], [55, 65, 81]];

/**
 * The bot's colour as text: mixed toward black (light scheme) or white (dark scheme) a tenth at
 * a time until it reaches 4.5:1 on `INK_ON[dark]`. Links follow the bot's colour and stay readable.
 */
export function inkFrom(rgb: Rgb, dark: number): Rgb {
  let c = rgb;
  for (let t = 0.1; contrastRatio(c, INK_ON[dark]) < 4.5; t += 0.1) c = rgb.map((v) => Math.round(v + (dark * 255 - v) * t)) as Rgb;
  return c;
}

/**
 * Sets the bot's colour (`#rrggbb`, as the API keeps it) on the host, so the launcher and the
 * panel both follow it, with the text colour that reads on it and the link colours of each
 * scheme (`--cc-ink-l`, `--cc-ink-d`).
 */
export function applyAccent(host: HTMLElement, color: string | undefined): void {
  const rgb = color && parseColor(color);
  if (!rgb) return;
  const set = (name: string, value: string) => host.style.setProperty(`--cc-${name}`, value);
  set('accent', color!);
  set('on-accent', readableOn(rgb));
  set('ink-l', `rgb(${inkFrom(rgb, 0)})`);
  set('ink-d', `rgb(${inkFrom(rgb, 1)})`);
}
