/** The conversation sheet's styles, added to the shadow root with its lazy chunk. */
export const sheetStyles = `
.cc-veil { position: absolute; inset: 0; z-index: 1; display: flex; align-items: flex-end; background: rgb(0 0 0 / 0.4); }
.cc-sheet {
  width: 100%; max-height: 85%; overflow-y: auto; padding: 16px; display: grid; gap: 10px;
  background: var(--cc-bg); color: var(--cc-fg); border-radius: 16px 16px 0 0; box-shadow: var(--cc-shadow);
}
.cc-sheet h2 { margin: 0; font-size: 15px; }
.cc-sheet p { margin: 0; }
.cc-sheet ul { margin: 0; padding: 0; list-style: none; display: grid; gap: 6px; }
.cc-sheet li button {
  width: 100%; display: grid; gap: 2px; padding: 8px 10px; text-align: start;
  border: 1px solid var(--cc-border); border-radius: 10px; background: var(--cc-bg);
}
.cc-sheet li button:hover { background: var(--cc-surface); }
.cc-sheet li button[aria-current] { border-color: var(--cc-accent); }
.cc-sheet-q { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.cc-sheet-meta { font-size: 12px; color: var(--cc-muted); }
.cc-sheet-actions { display: flex; justify-content: flex-end; align-items: center; gap: 8px; }
`;
