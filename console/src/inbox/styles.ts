/** The inbox, a staff member's messages in any transcript, the rules tab, office hours and offline messages. */
export const handoffStyles = `
.nav-link { display: flex; align-items: center; gap: 8px; }
.nav-count {
  margin-left: auto; min-width: 20px; padding: 0 6px; border-radius: 10px;
  background: var(--danger); color: #fff; font-size: 12px; font-weight: 600; line-height: 20px; text-align: center;
}
.live-dot { display: inline-flex; align-items: center; gap: 6px; }
.live-dot::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: var(--muted); }
.live-dot.on::before, .presence .on .live-dot::before { background: var(--success); }
.live-dot.off::before { background: var(--danger); }
.inbox-alert { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; margin-bottom: 12px; }
.inbox-layout { display: grid; grid-template-columns: minmax(240px, 340px) minmax(0, 1fr); gap: 20px; align-items: start; }
.inbox-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.inbox-row {
  display: grid; gap: 6px; padding: 10px 14px; color: var(--fg); text-decoration: none;
  background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius);
}
.inbox-row:hover { border-color: var(--border-strong); color: var(--fg); }
.inbox-row.state-waiting { border-left: 3px solid var(--warning); }
.inbox-row[aria-current="page"] { border-color: var(--accent); background: var(--accent-soft); }
.presence h2 { margin: 0 0 8px; font-size: 14px; }
.presence ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; }
.presence .off { color: var(--muted); }
.inbox-conversation { display: grid; grid-template-columns: minmax(0, 1fr) 260px; gap: 16px; align-items: start; }
.inbox-thread { display: grid; gap: 10px; }
.inbox-messages { max-height: 60vh; overflow-y: auto; padding: 4px; }
.typing-note { min-height: 1.4em; margin: 0; }
.composer { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 8px; align-items: end; }
.inbox-visitor dl { display: grid; gap: 8px; margin: 0 0 12px; }
.inbox-visitor dt { font-size: 12px; color: var(--muted); }
.inbox-visitor dd { margin: 0; overflow-wrap: anywhere; }
.inbox-visitor h2 { margin: 0 0 10px; font-size: 14px; }
.message.from-agent { justify-self: start; border-color: var(--success); background: var(--surface-2); }
.rule-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px; }
.rule { display: grid; gap: 10px; }
.rule.invalid { border-color: var(--danger); }
.rule-grid { display: grid; gap: 12px; border: 0; margin: 0; padding: 0; min-width: 0; }
.rule-title { font-weight: 600; padding: 0; }
.hours-week { display: grid; gap: 6px; }
.hours-day { display: grid; grid-template-columns: 7em minmax(0, 1fr) auto; gap: 4px 10px; align-items: center; }
.hours-day .field-error { grid-column: 2 / -1; }
.hours-ranges { display: flex; flex-wrap: wrap; gap: 6px 14px; }
.hours-range { display: inline-flex; gap: 4px; align-items: center; }
.hours-range input { width: auto; }
.offline-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
.offline-item { display: grid; gap: 8px; }
.offline-item.handled { opacity: 0.6; }
@media (max-width: 1024px) {
  .inbox-layout, .inbox-conversation { grid-template-columns: minmax(0, 1fr); }
}
`;

/** Added once beside the console's own <style> (the CSP allows inline styles). */
export function injectHandoffStyles(): void {
  if (document.getElementById('handoff-styles')) return;
  const style = document.createElement('style');
  style.id = 'handoff-styles';
  style.textContent = handoffStyles;
  document.head.append(style);
}
