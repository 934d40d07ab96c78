type Rgb = [number, number, number];

/** `#rgb`, `#rrggbb` or `rgb(a)(r, g, b…)` (what getComputedStyle gives) as 0–255 channels. */
export function parseColor(color: string): Rgb | undefined {
  const text = color.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(text)?.[1];
  if (hex) {
    const full = hex.length === 3 ? hex.replace(/./g, (c) => c + c) : hex;
    return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as Rgb;
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(text);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : undefined;
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
export function readableOn(color: string): string {
  const rgb = parseColor(color);
  if (!rgb) return '#fff';
  return contrastRatio(rgb, [0, 0, 0]) >= contrastRatio(rgb, [255, 255, 255]) ? '#000' : '#fff';
}

/**
 * Sets the bot's colour on the host, so the launcher and the panel both follow it, with the
 * text colour that reads on it. Named and functional colours are resolved by the browser.
 */
export function applyAccent(host: HTMLElement, color: string | undefined): void {
  if (!color || typeof CSS === 'undefined' || !CSS.supports('color', color)) return;
  const probe = document.createElement('i');
  probe.style.color = color;
  (host.shadowRoot ?? host).append(probe);
  const resolved = getComputedStyle(probe).color;
  probe.remove();
  host.style.setProperty('--cc-accent', color);
  host.style.setProperty('--cc-on-accent', readableOn(resolved || color));
}
