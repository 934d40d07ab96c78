/**
 * The launcher's styles and the theme's defaults. The host element lives in the page, so page
 * rules like `* { all: unset }` or `div { display: none !important }` reach it; `all: initial
 * !important` in the shadow tree wins over them and stops inherited fonts and colours.
 */
export const launcherStyles = `
:host {
  all: initial !important;
  --cc-accent: #2563eb;
  --cc-on-accent: #fff;
  --cc-font: system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
}
.cc-launcher {
  position: fixed;
  z-index: var(--cc-z);
  bottom: calc(20px + var(--cc-offset));
  right: 20px;
  width: 56px;
  height: 56px;
  padding: 0;
  display: grid;
  place-items: center;
  border: 0;
  border-radius: 50%;
  background: var(--cc-accent);
  color: var(--cc-on-accent);
  box-shadow: 0 6px 20px rgb(0 0 0 / 0.22);
  cursor: pointer;
  transition: transform 0.15s ease-out;
}
:host([data-position="left"]) .cc-launcher { right: auto; left: 20px; }
.cc-launcher:hover { transform: scale(1.06); }
.cc-launcher:focus-visible { outline: 3px solid var(--cc-accent); outline-offset: 3px; }
.cc-launcher svg {
  width: 26px; height: 26px; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round;
}
.cc-launcher .cc-icon-close, .cc-launcher[aria-expanded="true"] .cc-icon-chat { display: none; }
.cc-launcher[aria-expanded="true"] .cc-icon-close { display: block; }
@media (prefers-reduced-motion: reduce) { .cc-launcher { transition: none; } }
`;
