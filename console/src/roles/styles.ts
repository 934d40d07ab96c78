/** The role editor, the preview chat and the diff. */
export const roleStyles = `
.role-panel { display: grid; gap: 16px; }
.role-top { display: grid; grid-template-columns: minmax(0, 1.4fr) minmax(300px, 1fr); gap: 16px; align-items: stretch; }
.role-top.single { grid-template-columns: minmax(0, 1fr); }
.role-editor { display: grid; gap: 10px; align-content: start; }
.role-editor .section-head { margin: 0; }
.prompt-editor {
  min-height: 380px; padding: 12px 14px;
  font-family: var(--mono); font-size: 13.5px; line-height: 1.6; tab-size: 2;
}
.editor-count { text-align: right; }
.preview { display: flex; flex-direction: column; gap: 10px; min-height: 460px; }
.preview .section-head { margin: 0; }
.preview-turns {
  list-style: none; margin: 0; padding: 10px; flex: 1 1 auto; min-height: 220px; max-height: 520px; overflow-y: auto;
  display: flex; flex-direction: column; gap: 8px;
  background: var(--surface-2); border-radius: var(--radius-sm);
}
.preview-empty { margin: auto; }
.preview-turn { max-width: 90%; padding: 8px 12px; border-radius: 12px; background: var(--surface); border: 1px solid var(--border); display: grid; gap: 6px; }
.preview-turn.user { align-self: flex-end; background: var(--accent); border-color: var(--accent); color: var(--accent-fg); }
.preview-turn.streaming .message-text::after { content: "▍"; color: var(--accent); animation: blink 1s steps(1) infinite; }
@keyframes blink { 50% { opacity: 0; } }
.preview-composer { display: flex; gap: 8px; align-items: flex-end; }
.preview-composer textarea { flex: 1 1 auto; }
.diff-stats { margin-bottom: 8px; font-size: 13px; color: var(--muted); }
.diff-stats .added { color: var(--success); font-weight: 600; }
.diff-stats .removed { color: var(--danger); font-weight: 600; }
.diff { border: 1px solid var(--border); border-radius: var(--radius-sm); overflow: auto; max-height: 560px; font-family: var(--mono); font-size: 13px; }
.diff-line { display: grid; grid-template-columns: 3.2em 3.2em 1.6em minmax(0, 1fr); }
.diff-line.add { background: var(--add-bg); }
.diff-line.del { background: var(--del-bg); }
.diff-no { padding: 1px 6px; text-align: right; color: var(--muted); user-select: none; border-right: 1px solid var(--border); font-size: 12px; }
.diff-sign { padding: 1px 0; text-align: center; user-select: none; }
.diff-line.add .diff-sign { color: var(--success); }
.diff-line.del .diff-sign { color: var(--danger); }
.diff-text { padding: 1px 8px; white-space: pre-wrap; overflow-wrap: anywhere; }
.diff-word { text-decoration: none; border-radius: 2px; }
.diff-line.del .diff-word { background: var(--del-word-bg, rgba(220, 38, 38, 0.25)); text-decoration: line-through; text-decoration-color: var(--danger); }
.diff-line.add .diff-word { background: var(--add-word-bg, rgba(22, 163, 74, 0.25)); }

@media (max-width: 1100px) {
  .role-top { grid-template-columns: minmax(0, 1fr); }
  .preview { min-height: 0; }
}
`;
