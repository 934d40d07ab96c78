/** The widget preview in the bot settings: a mock page with the chat open, light like most sites. */
export const previewStyles = `
.appearance-layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(240px, 300px); gap: 20px; align-items: start; }
@media (max-width: 860px) { .appearance-layout { grid-template-columns: minmax(0, 1fr); } }
.widget-preview { margin: 0; display: grid; gap: 6px; }
.widget-preview figcaption { font-weight: 600; font-size: 13px; }
.wp-page {
  position: relative; height: 400px; overflow: hidden; border: 1px solid var(--border); border-radius: var(--radius);
  background: repeating-linear-gradient(180deg, #f4f6f8 0 18px, #eef1f4 18px 36px); color: #1f2933;
  font-size: 13px; line-height: 1.45;
}
.wp-panel {
  position: absolute; bottom: 72px; width: calc(100% - 24px); max-width: 260px; display: flex; flex-direction: column;
  background: #ffffff; border-radius: 12px; box-shadow: 0 6px 24px rgba(15, 23, 42, 0.18); overflow: hidden;
}
.wp-page[data-position="right"] .wp-panel, .wp-page[data-position="right"] .wp-launcher { right: 12px; }
.wp-page[data-position="left"] .wp-panel, .wp-page[data-position="left"] .wp-launcher { left: 12px; }
.wp-header { padding: 10px 12px; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.wp-body { display: grid; gap: 8px; padding: 10px 12px; max-height: 220px; overflow: hidden; align-content: start; }
.wp-greeting { justify-self: start; max-width: 90%; padding: 8px 10px; border-radius: 10px 10px 10px 2px; background: #f1f3f5; white-space: pre-wrap; overflow-wrap: anywhere; }
.wp-chips { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; margin: 0; padding: 0; }
.wp-chip { padding: 3px 10px; border: 1px solid var(--wp-accent); border-radius: 999px; background: #ffffff; color: #1f2933; font-size: 12px; overflow-wrap: anywhere; }
.wp-input { margin: 4px 12px 12px; padding: 7px 10px; border: 1px solid #d5dae0; border-radius: 8px; color: #6b7682; }
.wp-launcher {
  position: absolute; bottom: 12px; width: 48px; height: 48px; border-radius: 50%; display: grid; place-items: center;
  box-shadow: 0 4px 14px rgba(15, 23, 42, 0.25);
}
.wp-launcher svg { width: 24px; height: 24px; }
`;

export function injectPreviewStyles(): void {
  if (document.getElementById('bot-preview-styles')) return;
  const style = document.createElement('style');
  style.id = 'bot-preview-styles';
  style.textContent = previewStyles;
  document.head.append(style);
}
