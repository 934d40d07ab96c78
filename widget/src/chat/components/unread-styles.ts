/**
 * The unread badge and the reply's preview, placed on the launcher (launcher-styles.ts: 56px at
 * 20px from the corner, lifted by --cc-offset); on the left with `data-position="left"`.
 */
export const unreadStyles = `
.cc-badge, .cc-preview { position: fixed; z-index: var(--cc-z); }
.cc-badge {
  bottom: calc(62px + var(--cc-offset));
  right: 14px;
  min-width: 22px;
  height: 22px;
  padding: 0 6px;
  box-sizing: border-box;
  border-radius: 11px;
  background: #b91c1c;
  color: #fff;
  font: 700 12px/22px var(--cc-font);
  text-align: center;
  pointer-events: none;
}
.cc-preview { bottom: calc(88px + var(--cc-offset)); right: 20px; max-width: min(280px, calc(100vw - 40px)); }
.cc-preview button {
  all: unset;
  display: -webkit-box;
  -webkit-line-clamp: 2;
  -webkit-box-orient: vertical;
  overflow: hidden;
  padding: 10px 14px;
  border-radius: 12px;
  background: #fff;
  color: #111827;
  box-shadow: 0 6px 20px rgb(0 0 0 / 0.18);
  font: 14px/1.4 var(--cc-font);
  cursor: pointer;
}
.cc-preview button:focus-visible { outline: 3px solid var(--cc-accent); outline-offset: 2px; }
:host([data-position="left"]) .cc-badge { right: auto; left: 62px; }
:host([data-position="left"]) .cc-preview { right: auto; left: 20px; }
`;
