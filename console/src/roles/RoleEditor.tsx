import { useT } from '../i18n';

interface Props {
  draft: string;
  note: string;
  readOnly: boolean;
  changed: boolean;
  activeVersion: number | null;
  nextVersion: number;
  published: number | null;
  onDraft(value: string): void;
  onNote(value: string): void;
  onRevert(): void;
  onPublish(): void;
}

const MAX_PROMPT = 20_000;

/** The system prompt in a roomy monospace box; publishing makes it the next version, live at once. */
export function RoleEditor(p: Props) {
  const t = useT();
  const lines = p.draft ? p.draft.split('\n').length : 0;
  return (
    <section class="card role-editor">
      <div class="section-head">
        <h2>{t.roles.systemPrompt}</h2>
        <span class="muted small">
          {p.activeVersion === null ? t.roles.noneActive : p.changed ? t.roles.draftOf(p.activeVersion) : t.roles.showingActive(p.activeVersion)}
        </span>
      </div>
      <label class="visually-hidden" for="role-editor">{t.roles.systemPrompt}</label>
      <textarea id="role-editor" class="prompt-editor mono" value={p.draft} readOnly={p.readOnly} spellcheck={false}
        maxLength={MAX_PROMPT} rows={18} onInput={(e) => p.onDraft(e.currentTarget.value)} />
      <p class="muted small editor-count">{t.roles.counts(p.draft.length, lines, MAX_PROMPT)}</p>
      {p.readOnly ? (
        <p class="notice">{t.common.readOnly}</p>
      ) : (
        <>
          <label class="field">
            <span class="field-label">{t.roles.note}</span>
            <input type="text" value={p.note} maxLength={500} placeholder={t.roles.notePlaceholder} onInput={(e) => p.onNote(e.currentTarget.value)} />
          </label>
          <div class="actions start">
            <button type="button" class="button primary" disabled={!p.changed || !p.draft.trim()} onClick={p.onPublish}>
              {t.roles.publishAs(p.nextVersion)}
            </button>
            <button type="button" class="button ghost" disabled={!p.changed || p.activeVersion === null} onClick={p.onRevert}>
              {t.roles.revert}
            </button>
            {p.published !== null && !p.changed && <span class="success small" role="status">✓ {t.roles.publishedAs(p.published)}</span>}
          </div>
        </>
      )}
    </section>
  );
}
