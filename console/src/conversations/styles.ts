/** The conversation list, its filters, and the transcript. */
export const conversationStyles = `
.filter-bar { display: grid; gap: 14px; margin-bottom: 16px; padding: 14px 16px; }
.filter-search { display: flex; gap: 8px; }
.filter-search input { flex: 1 1 auto; }
.filter-grid { display: grid; gap: 10px 12px; grid-template-columns: repeat(auto-fill, minmax(132px, 1fr)); align-items: end; }
.filter-clear { display: flex; align-items: flex-end; }
.list-count { color: var(--muted); font-size: 13px; margin: 0 0 8px; }
.conversation-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.conversation-link {
  display: grid; gap: 6px; padding: 12px 16px;
  background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius);
  color: var(--fg); text-decoration: none; box-shadow: var(--shadow);
}
.conversation-link:hover { border-color: var(--border-strong); color: var(--fg); background: var(--surface); }
.conversation-link:hover .row-preview { color: var(--fg); }
.row-meta { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12.5px; color: var(--muted); }
.row-bot { font-weight: 600; color: var(--fg); }
.row-user { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 4px; color: var(--fg); overflow-wrap: anywhere; }
.row-preview {
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden;
  color: var(--fg); white-space: pre-wrap; overflow-wrap: anywhere;
}
.row-user.anonymous { color: var(--muted); }
.row-preview mark { background: #fde68a; color: #1f2937; border-radius: 2px; padding: 0 1px; }
.row-badges { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.row-badges:empty { display: none; }
.load-more { display: flex; justify-content: center; padding: 16px 0; }

.transcript-layout { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 20px; align-items: start; }
.message-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px; }
.message {
  display: grid; gap: 8px; padding: 12px 16px; max-width: 88%;
  border: 1px solid var(--border); border-radius: var(--radius); background: var(--surface);
}
.message.from-visitor { justify-self: end; background: var(--accent-soft); border-color: transparent; }
.message.from-bot { justify-self: start; }
.message.status-filtered { border-color: var(--warning); }
.message.status-failed { border-color: var(--danger); }
.message.status-stopped { border-style: dashed; }
.message-head { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; font-size: 12.5px; color: var(--muted); }
.message-role { font-weight: 600; color: var(--fg); }
.message-text { white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word; }
.message-status-note { font-size: 12.5px; padding: 6px 10px; border-radius: var(--radius-sm); background: var(--surface-2); color: var(--muted); }
.message-status-note.filtered { background: var(--warning-soft); color: var(--warning); }
.message-status-note.failed { background: var(--danger-soft); color: var(--danger); }
.message-status-note.truncated { background: var(--warning-soft); color: var(--warning); }
.message-error-detail { display: block; margin-top: 4px; overflow-wrap: anywhere; }
.message-error-detail code { white-space: pre-wrap; color: var(--fg); }
.feedback { display: flex; gap: 8px; align-items: baseline; font-size: 13px; }
.feedback-icon { display: inline-flex; align-self: center; }
.feedback.up .feedback-icon { color: var(--success); }
.feedback.down .feedback-icon { color: var(--danger); }
.feedback-comment { white-space: pre-wrap; overflow-wrap: anywhere; color: var(--fg); font-style: italic; }
.message-facts { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 0; padding-top: 8px; border-top: 1px solid var(--border); font-size: 12px; color: var(--muted); }
.message-facts div { display: flex; gap: 5px; }
.message-facts dd { margin: 0; color: var(--fg); font-variant-numeric: tabular-nums; }
.annotation-panel { position: sticky; top: 16px; display: grid; gap: 16px; }
.annotation-panel h2 { margin: 0; }
.save-status { min-height: 1.4em; color: var(--muted); }

@media (max-width: 1024px) {
  .transcript-layout { grid-template-columns: minmax(0, 1fr); }
  .annotation-panel { position: static; }
  .message { max-width: 100%; }
}
`;
