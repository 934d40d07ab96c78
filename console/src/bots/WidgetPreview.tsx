import { useT } from '../i18n';
import { previewAccent, textOn } from './contrast';
import { injectPreviewStyles } from './preview-styles';

interface Props {
  name: string;
  color: string;
  position: 'right' | 'left';
  greeting: string;
  suggestions: string[];
}

/**
 * A static picture of the widget as the form stands: the launcher in the bot's colour and corner,
 * and the open panel with the greeting and the suggested questions. Drawn here, not by the widget
 * bundle, so it follows every keystroke without a save.
 */
export function WidgetPreview({ name, color, position, greeting, suggestions }: Props) {
  const t = useT();
  injectPreviewStyles();
  const accent = previewAccent(color);
  const on = textOn(accent);
  const accentStyle = { background: accent, color: on };
  return (
    <figure class="widget-preview" aria-label={t.bots.preview}>
      <figcaption>{t.bots.preview}</figcaption>
      <div class="wp-page" data-position={position} style={{ '--wp-accent': accent }}>
        <div class="wp-panel">
          <div class="wp-header" style={accentStyle}>{name.trim() || t.bots.preview}</div>
          <div class="wp-body">
            {greeting.trim() && <p class="wp-greeting">{greeting.trim()}</p>}
            {suggestions.length > 0 && (
              <ul class="wp-chips">
                {suggestions.map((s, i) => <li key={i} class="wp-chip">{s}</li>)}
              </ul>
            )}
          </div>
          <div class="wp-input">{t.bots.previewPlaceholder}</div>
        </div>
        <div class="wp-launcher" style={accentStyle} role="img" aria-label={t.bots.previewLauncher}>
          <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
            <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z" />
          </svg>
        </div>
      </div>
      <span class="field-hint">{t.bots.previewHint}</span>
    </figure>
  );
}
