/** Dark or light text, whichever reads better on a `#rgb` / `#rrggbb` background. */
export function readableOn(color: string): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
  if (!hex) return '#fff';
  const full = hex.length === 3 ? hex.replace(/./g, (c) => c + c) : hex;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const v = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.4 ? '#111827' : '#fff';
}

/** Sets the bot's colour on the host, so the launcher and the panel both follow it. */
export function applyAccent(host: HTMLElement, color: string | undefined): void {
  if (!color || typeof CSS === 'undefined' || !CSS.supports('color', color)) return;
  host.style.setProperty('--cc-accent', color);
  host.style.setProperty('--cc-on-accent', readableOn(color));
}
