import { useT } from '../i18n';
import type { SearchMode } from './types';

/** How passages are found here: hybrid, or keywords re-ranked when the database has no vectors. */
export function ModeNote({ mode }: { mode: SearchMode }) {
  const k = useT().knowledge;
  return (
    <p class={`knowledge-mode ${mode}`}>
      <strong>{mode === 'hybrid' ? k.modeHybrid : k.modeLexical}</strong>
      <span class="muted">{mode === 'hybrid' ? k.modeHybridHint : k.modeLexicalHint}</span>
    </p>
  );
}
