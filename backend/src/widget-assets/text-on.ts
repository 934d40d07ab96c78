/**
 * Black or white, whichever contrasts more (WCAG) with a `#rrggbb` background: the launcher's icon
 * colour, chosen as the chat chooses it (widget/src/chat/theme.ts `readableOn`), so the loader
 * draws the bubble right without any colour code of its own. White for anything else.
 */
export function textOn(color: string): '#000' | '#fff' {
  if (!/^#[\da-f]{6}$/i.test(color)) return '#fff';
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(color.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with black (l + 0.05) / 0.05 against contrast with white 1.05 / (l + 0.05).
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000' : '#fff';
}
