/** Theme (custom properties), reset, and the shared controls. Minified at build time. */
export const baseStyles = `
:root {
  --bg: #f5f6f8;
  --surface: #ffffff;
  --surface-2: #f0f2f5;
  --fg: #1d2731;
  --muted: #5f6b78;
  --border: #dfe3e8;
  --border-strong: #c5ccd4;
  --accent: #0f766e;
  --accent-hover: #0b5f58;
  --accent-fg: #ffffff;
  --accent-soft: #e3f3f0;
  --danger: #b42318;
  --danger-soft: #fdeceb;
  --warning: #9a5b06;
  --warning-soft: #fdf1dc;
  --success: #067647;
  --success-soft: #e4f5ea;
  --info: #175cd3;
  --info-soft: #e8f0fd;
  --add-bg: #e6f6ea;
  --del-bg: #fdebea;
  --chart-1: #0f766e;
  --chart-2: #7cc4b8;
  --chart-3: #4f6bd8;
  --radius: 10px;
  --radius-sm: 6px;
  --shadow: 0 1px 2px rgb(16 24 40 / 0.06), 0 1px 3px rgb(16 24 40 / 0.05);
  --focus: 0 0 0 3px rgb(15 118 110 / 0.4);
  --font: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", Roboto, sans-serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "Noto Sans Mono CJK SC", monospace;
  color-scheme: light;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #11161c;
    --surface: #182029;
    --surface-2: #1f2933;
    --fg: #e6eaee;
    --muted: #9aa5b1;
    --border: #2b3742;
    --border-strong: #3c4a57;
    --accent: #2bb3a3;
    --accent-hover: #43c7b7;
    --accent-fg: #06201d;
    --accent-soft: #143b37;
    --danger: #f97066;
    --danger-soft: #3a1d1b;
    --warning: #f5b041;
    --warning-soft: #3a2c12;
    --success: #47cd89;
    --success-soft: #153325;
    --info: #84adff;
    --info-soft: #1a2a48;
    --add-bg: #17352a;
    --del-bg: #3d1f1f;
    --chart-1: #2bb3a3;
    --chart-2: #1f6f66;
    --chart-3: #7c93ee;
    --shadow: none;
    --focus: 0 0 0 3px rgb(43 179 163 / 0.5);
    color-scheme: dark;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--fg);
  font: 14px/1.55 var(--font);
}
h1, h2, h3 { margin: 0; line-height: 1.3; font-weight: 600; }
h1 { font-size: 22px; }
h2 { font-size: 16px; }
h3 { font-size: 14px; }
p { margin: 0; }
a { color: var(--accent); text-underline-offset: 2px; }
a:hover { color: var(--accent-hover); }
code, .mono { font-family: var(--mono); font-size: 0.92em; }
:focus-visible { outline: none; box-shadow: var(--focus); border-radius: var(--radius-sm); }
[tabindex="-1"]:focus { outline: none; box-shadow: none; }
.visually-hidden {
  position: absolute;
  width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
.muted { color: var(--muted); }
.small { font-size: 12.5px; }
.success { color: var(--success); }
.notice {
  padding: 10px 12px;
  border-radius: var(--radius-sm);
  background: var(--info-soft);
  color: var(--fg);
  border: 1px solid var(--border);
}

.button {
  display: inline-flex; align-items: center; justify-content: center; gap: 6px;
  min-height: 36px; padding: 7px 14px;
  border: 1px solid var(--border-strong); border-radius: var(--radius-sm);
  background: var(--surface); color: var(--fg);
  font: inherit; font-weight: 500; line-height: 1.2;
  text-decoration: none; white-space: nowrap; cursor: pointer;
}
.button:hover { background: var(--surface-2); color: var(--fg); }
.button:disabled { opacity: 0.55; cursor: not-allowed; }
.button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); }
.button.primary:hover:not(:disabled) { background: var(--accent-hover); border-color: var(--accent-hover); }
.button.danger { background: var(--danger); border-color: var(--danger); color: #fff; }
.button.ghost { background: transparent; border-color: transparent; }
.button.ghost:hover:not(:disabled) { background: var(--surface-2); }
.button.danger-ghost { background: transparent; border-color: transparent; color: var(--danger); }
.button.danger-ghost:hover { background: var(--danger-soft); color: var(--danger); }
.button.link { background: none; border: none; color: var(--accent); padding: 4px 0; min-height: 0; text-decoration: underline; }
.button.small { min-height: 30px; padding: 4px 10px; font-size: 13px; }
.button.block { width: 100%; }
.icon-button {
  display: inline-flex; align-items: center; justify-content: center;
  width: 32px; height: 32px; border: none; border-radius: var(--radius-sm);
  background: transparent; color: var(--muted); font-size: 20px; cursor: pointer;
}
.icon-button:hover { background: var(--surface-2); color: var(--fg); }
.actions { display: flex; gap: 8px; justify-content: flex-end; align-items: center; flex-wrap: wrap; }
.actions.start { justify-content: flex-start; }

input, select, textarea {
  width: 100%;
  padding: 7px 10px;
  border: 1px solid var(--border-strong); border-radius: var(--radius-sm);
  background: var(--surface); color: var(--fg);
  font: inherit;
}
input:not([type="checkbox"]):not([type="color"]), select { height: 36px; }
input[type="checkbox"], input[type="color"] { width: auto; }
.icon { flex: none; vertical-align: -2px; }
input:focus, select:focus, textarea:focus { outline: none; border-color: var(--accent); box-shadow: var(--focus); }
input:disabled, select:disabled, textarea:disabled, textarea[readonly] { background: var(--surface-2); color: var(--muted); }
textarea { resize: vertical; line-height: 1.5; }
fieldset { border: none; margin: 0; padding: 0; min-width: 0; display: grid; gap: 16px; }
.field { display: flex; flex-direction: column; gap: 5px; min-width: 0; }
.field-label { font-weight: 500; font-size: 13px; color: var(--fg); }
.field-label.subtle { font-weight: 400; color: var(--muted); }
.field-hint { font-size: 12.5px; color: var(--muted); }
.field-error { font-size: 12.5px; color: var(--danger); }
.field.invalid input, .field.invalid textarea, .field.invalid select { border-color: var(--danger); }
.field.compact { gap: 3px; }
.field.compact .field-label { font-size: 12px; color: var(--muted); }
.field.inline { flex-direction: row; align-items: center; gap: 6px; }
.stack { display: grid; gap: 16px; }
.stack-sm { display: grid; gap: 8px; }
.grid-2 { display: grid; gap: 16px; grid-template-columns: repeat(2, minmax(0, 1fr)); }
.grid-3 { display: grid; gap: 16px; grid-template-columns: repeat(3, minmax(0, 1fr)); }
.inline-form { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.inline-form input { flex: 1 1 160px; width: auto; }

.toggle { display: inline-flex; align-items: center; gap: 10px; cursor: pointer; user-select: none; }
.toggle input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.toggle-track {
  position: relative; flex: none; width: 38px; height: 22px; border-radius: 11px;
  background: var(--border-strong); transition: background 0.15s;
}
.toggle-thumb {
  position: absolute; top: 3px; left: 3px; width: 16px; height: 16px; border-radius: 50%;
  background: #fff; box-shadow: 0 1px 2px rgb(0 0 0 / 0.25); transition: transform 0.15s;
}
.toggle input:checked + .toggle-track { background: var(--accent); }
.toggle input:checked + .toggle-track .toggle-thumb { transform: translateX(16px); }
.toggle input:focus-visible + .toggle-track { box-shadow: var(--focus); }
.toggle input:disabled + .toggle-track { opacity: 0.5; }

.card {
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: var(--radius);
  box-shadow: var(--shadow);
  padding: 18px 20px;
}
.card > h2 { margin-bottom: 14px; }
.card.stack > h2 { margin-bottom: 0; }
.card.flush { padding: 0; }
.card.narrow { max-width: 480px; }
.section-head { display: flex; align-items: center; justify-content: space-between; gap: 12px; margin-bottom: 10px; }
.section-head.wrap { flex-wrap: wrap; }

.badge {
  display: inline-flex; align-items: center; gap: 4px;
  padding: 1px 8px; border-radius: 999px;
  font-size: 12px; font-weight: 500; line-height: 1.6; white-space: nowrap;
  background: var(--surface-2); color: var(--muted); border: 1px solid transparent;
  text-decoration: none;
}
.badge.success { background: var(--success-soft); color: var(--success); }
.badge.danger { background: var(--danger-soft); color: var(--danger); }
.badge.warning { background: var(--warning-soft); color: var(--warning); }
.badge.info { background: var(--info-soft); color: var(--info); }
.badge.outline { background: transparent; border-color: var(--border-strong); color: var(--muted); }
a.badge:hover { border-color: var(--accent); color: var(--accent); }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 8px; padding: 0; list-style: none; }
.chip {
  display: inline-flex; align-items: center; gap: 2px;
  padding: 2px 4px 2px 10px; border-radius: 999px;
  background: var(--accent-soft); color: var(--fg); font-size: 13px;
}
.chip.small { padding: 0 8px; font-size: 12px; }
.chip-remove {
  width: 22px; height: 22px; border: none; border-radius: 50%;
  background: transparent; color: var(--muted); font-size: 15px; line-height: 1; cursor: pointer;
}
.chip-remove:hover { background: var(--surface); color: var(--danger); }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 8px; vertical-align: 0; }

.table-wrap { overflow-x: auto; }
.table { width: 100%; border-collapse: collapse; }
.table th, .table td { padding: 10px 14px; text-align: left; vertical-align: middle; border-bottom: 1px solid var(--border); }
.table thead th { white-space: nowrap; font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: 0.03em; background: var(--surface-2); }
.table tbody th { font-weight: 500; }
.table tbody tr:last-child th, .table tbody tr:last-child td { border-bottom: none; }
.table tfoot th, .table tfoot td { font-weight: 600; border-top: 2px solid var(--border); border-bottom: none; }
.table .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.table .mono { white-space: nowrap; }
.table .badge { margin-left: 6px; }
.row-actions { text-align: right; white-space: nowrap; }
.active-row { background: var(--accent-soft); }
.origins-cell, .note-cell { color: var(--muted); max-width: 320px; overflow-wrap: anywhere; }

.state { display: flex; align-items: center; justify-content: center; gap: 10px; padding: 40px 16px; color: var(--muted); text-align: center; }
.state-empty { border: 1px dashed var(--border-strong); border-radius: var(--radius); background: var(--surface); }
.spinner {
  width: 18px; height: 18px; border-radius: 50%;
  border: 2px solid var(--border-strong); border-top-color: var(--accent);
  animation: spin 0.8s linear infinite;
}
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spinner { animation-duration: 3s; } }
.error-note {
  display: flex; align-items: center; justify-content: space-between; gap: 12px;
  padding: 12px 14px; border-radius: var(--radius-sm);
  background: var(--danger-soft); color: var(--danger); border: 1px solid var(--danger-soft);
}
.error-note > div { display: flex; flex-direction: column; gap: 2px; }
.error-detail { color: var(--fg); font-size: 13px; overflow-wrap: anywhere; }
.error-note.compact { padding: 8px 12px; }
.success[role="status"] { font-weight: 500; }

.dialog {
  width: min(460px, calc(100vw - 32px)); max-height: calc(100vh - 48px);
  padding: 0; border: 1px solid var(--border); border-radius: var(--radius);
  background: var(--surface); color: var(--fg); box-shadow: 0 20px 50px rgb(0 0 0 / 0.25);
}
.dialog.wide { width: min(680px, calc(100vw - 32px)); }
.dialog::backdrop { background: rgb(16 24 40 / 0.45); }
.dialog-header { display: flex; align-items: center; justify-content: space-between; gap: 12px; padding: 14px 16px 14px 20px; border-bottom: 1px solid var(--border); }
.dialog-body { padding: 18px 20px 20px; display: grid; gap: 16px; }
.confirm-message { display: grid; gap: 8px; }
`;
