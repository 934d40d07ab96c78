/**
 * The panel's styles, in the shadow root. Theme through the custom properties on :host. Every
 * text colour reads at 4.5:1 on every background of its scheme (theme.spec.ts checks): links
 * take the bot's colour as theme.ts darkens or lightens it; text on the bot's colour is black
 * or white, on the bot's colour alone (no tint, no opacity).
 */
export const styles = `
:host {
  --cc-bg: #ffffff;
  --cc-fg: #111827;
  --cc-muted: #4b5563;
  --cc-border: #e5e7eb;
  --cc-surface: #f3f4f6;
  --cc-danger: #b91c1c;
  --cc-link: var(--cc-ink-l, #1d4ed8);
  --cc-radius: 16px;
  --cc-shadow: 0 12px 40px rgb(0 0 0 / 0.18);
}
@media (prefers-color-scheme: dark) {
  :host {
    --cc-bg: #111827;
    --cc-fg: #f3f4f6;
    --cc-muted: #b0b7c3;
    --cc-border: #374151;
    --cc-surface: #1f2937;
    --cc-danger: #fca5a5;
    --cc-link: var(--cc-ink-d, #93c5fd);
  }
}
.cc-panel {
  position: fixed;
  z-index: calc(var(--cc-z) + 1);
  bottom: calc(88px + var(--cc-offset));
  right: 20px;
  width: 380px;
  max-width: calc(100vw - 40px);
  height: 600px;
  max-height: calc(100vh - 108px - var(--cc-offset));
  display: flex;
  flex-direction: column;
  box-sizing: border-box;
  background: var(--cc-bg);
  color: var(--cc-fg);
  border: 1px solid var(--cc-border);
  border-radius: var(--cc-radius);
  box-shadow: var(--cc-shadow);
  overflow: hidden;
  font: 14px/1.5 var(--cc-font);
  animation: cc-in 0.18s ease-out;
}
.cc-panel[hidden] { display: none; }
:host([data-position="left"]) .cc-panel { right: auto; left: 20px; }
@keyframes cc-in { from { opacity: 0; transform: translateY(12px); } }
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; scroll-behavior: auto !important; }
}
@media (max-width: 639.98px) {
  .cc-panel, :host([data-position="left"]) .cc-panel {
    top: var(--cc-vvt, 0); right: 0; bottom: auto; left: 0; width: 100%; max-width: none;
    height: var(--cc-vvh, 100%); max-height: none; border: 0; border-radius: 0;
  }
  .cc-panel .cc-input { font-size: 16px; }
}
*, *::before, *::after { box-sizing: border-box; }
button { font: inherit; color: inherit; cursor: pointer; }
button:disabled { cursor: default; opacity: 0.5; }
button:focus-visible, textarea:focus-visible, input:focus-visible { outline: 2px solid var(--cc-accent); outline-offset: 2px; }
.cc-header {
  display: flex; align-items: center; gap: 4px; padding: 12px 8px 12px 16px;
  background: var(--cc-accent); color: var(--cc-on-accent);
}
.cc-title { flex: 1; min-width: 0; display: flex; align-items: center; gap: 8px; }
.cc-name { font-weight: 600; font-size: 15px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.cc-title .cc-badge {
  flex: none; padding: 1px 8px; border-radius: 999px; font-size: 11px; font-weight: 600;
  border: 1px solid currentColor; text-transform: uppercase;
}
.cc-icon-button {
  flex: none; display: grid; place-items: center; width: 34px; height: 34px; padding: 0;
  border: 0; border-radius: 8px; background: transparent;
}
.cc-icon-button:hover:not(:disabled) { background: rgb(255 255 255 / 0.18); }
.cc-notice { margin: 0; padding: 6px 16px; font-size: 13px; color: var(--cc-muted); background: var(--cc-surface); }
.cc-messages {
  flex: 1; overflow-y: auto; overscroll-behavior: contain; padding: 16px;
  display: flex; flex-direction: column; gap: 10px;
}
.cc-message { display: flex; flex-direction: column; max-width: 85%; }
.cc-user { align-self: flex-end; align-items: flex-end; }
.cc-assistant, .cc-agent { align-self: flex-start; align-items: flex-start; }
.cc-bubble { padding: 9px 13px; border-radius: 14px; overflow-wrap: anywhere; }
.cc-user .cc-bubble { background: var(--cc-accent); color: var(--cc-on-accent); border-bottom-right-radius: 4px; }
.cc-assistant .cc-bubble { background: var(--cc-surface); border-bottom-left-radius: 4px; }
.cc-agent .cc-bubble { border: 1px solid var(--cc-accent); border-bottom-left-radius: 4px; }
.cc-author { font-size: 12px; font-weight: 600; }
.cc-by { display: flex; align-items: center; gap: 6px; margin: 0 4px 4px; }
.cc-avatar {
  display: grid; place-items: center; width: 22px; height: 22px; border-radius: 50%; font-size: 12px; line-height: 1;
  background: var(--cc-accent); color: var(--cc-on-accent); text-transform: uppercase;
}
.cc-agent .cc-avatar { background: var(--cc-fg); color: var(--cc-bg); }
.cc-time { margin: 6px 0 0; align-self: center; font-size: 12px; color: var(--cc-muted); }
.cc-new { width: auto; gap: 4px; grid-auto-flow: column; padding: 0 8px; font-size: 13px; font-weight: 600; }
.cc-user .cc-body, .cc-greeting .cc-body { white-space: pre-wrap; }
.cc-streaming .cc-body::after {
  content: ""; display: inline-block; width: 2px; height: 1em; margin-left: 2px;
  vertical-align: text-bottom; background: currentColor; animation: cc-blink 1s steps(2) infinite;
}
@keyframes cc-blink { 50% { opacity: 0; } }
.cc-typing { display: inline-flex; gap: 4px; padding: 4px 0; }
.cc-typing i { width: 6px; height: 6px; border-radius: 50%; background: var(--cc-muted); animation: cc-dot 1.2s infinite; }
.cc-typing i:nth-child(2) { animation-delay: 0.15s; }
.cc-typing i:nth-child(3) { animation-delay: 0.3s; }
@keyframes cc-dot { 0%, 60%, 100% { opacity: 0.3; } 30% { opacity: 1; } }
.cc-note { margin: 4px 4px 0; font-size: 12px; color: var(--cc-muted); }
.cc-note-failed, .cc-note-filtered { color: var(--cc-danger); }
.cc-chips { display: flex; flex-wrap: wrap; gap: 8px; }
.cc-chip {
  padding: 6px 12px; border-radius: 999px; border: 1px solid var(--cc-accent);
  background: transparent; color: var(--cc-fg); font-size: 13px; text-align: left;
}
.cc-chip:hover:not(:disabled) { background: var(--cc-surface); }
.cc-error { margin: 0; align-self: center; font-size: 13px; color: var(--cc-danger); text-align: center; }
.cc-handoff { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; padding: 0 12px; font-size: 13px; }
.cc-status { margin: 6px 0 0; color: var(--cc-muted); }
.cc-status:empty { display: none; }
.cc-handoff > .cc-link { font-size: 13px; margin-top: 6px; }
.cc-leave { display: grid; gap: 6px; width: 100%; margin-top: 6px; }
.cc-leave p { margin: 0; }
.cc-leave label { display: grid; gap: 2px; }
.cc-leave [aria-invalid="true"] { border-color: var(--cc-danger); }
.cc-leave div { display: flex; justify-content: flex-end; gap: 8px; }
.cc-composer { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 8px; padding: 10px 12px; border-top: 1px solid var(--cc-border); }
.cc-input {
  flex: 1; resize: none; max-height: 140px; padding: 8px 12px; border: 1px solid var(--cc-border);
  border-radius: 12px; background: var(--cc-bg); color: var(--cc-fg); font: inherit;
}
.cc-count { order: 1; width: 100%; font-size: 12px; color: var(--cc-muted); text-align: end; }
.cc-count[data-over] { color: var(--cc-danger); }
.cc-input::placeholder { color: var(--cc-muted); }
.cc-send {
  flex: none; display: grid; place-items: center; width: 38px; height: 38px; padding: 0;
  border: 0; border-radius: 50%; background: var(--cc-accent); color: var(--cc-on-accent);
}
.cc-stop { background: var(--cc-fg); color: var(--cc-bg); }
.cc-meta { display: flex; align-items: center; flex-wrap: wrap; gap: 4px 8px; margin: 4px 4px 0; }
.cc-meta .cc-note { margin: 0; }
.cc-link { padding: 2px 4px; border: 0; background: none; color: var(--cc-link); font-size: 12px; text-decoration: underline; }
.cc-rate {
  display: grid; place-items: center; width: 28px; height: 28px; padding: 0; border: 0; border-radius: 6px;
  background: none; color: var(--cc-muted);
}
.cc-rate:hover, .cc-rate[aria-pressed="true"] { background: var(--cc-surface); color: var(--cc-fg); }
.cc-cite {
  padding: 0 1px; border: 0; border-radius: 3px; background: none; color: var(--cc-link);
  font-size: 0.75em; font-weight: 600; line-height: 1;
}
.cc-cite:hover { text-decoration: underline; }
.cc-src { margin-top: 8px; padding-top: 6px; border-top: 1px solid var(--cc-border); font-size: 12px; }
.cc-src p { margin: 0; font-weight: 600; }
.cc-src ol { margin: 2px 0 0; padding: 0; list-style: none; }
.cc-src li { padding: 1px 4px; border-radius: 4px; }
.cc-src li:focus { outline: 2px solid var(--cc-link); background: var(--cc-bg); }
.cc-src .cc-cited { font-weight: 600; }
.cc-src a { color: var(--cc-link); }
.cc-sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;
