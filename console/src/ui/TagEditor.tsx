import { useState } from 'preact/hooks';
import { useT } from '../i18n';
import { addTags, MAX_TAGS } from './tags';

interface Props {
  tags: string[];
  disabled?: boolean;
  label: string;
  onChange(tags: string[]): void;
}

/** Tags as chips, each with its own remove button; Enter or a comma adds what was typed. */
export function TagEditor({ tags, disabled, label, onChange }: Props) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const full = tags.length >= MAX_TAGS;

  function commit() {
    const next = addTags(tags, typed);
    setTyped('');
    if (next.length !== tags.length) onChange(next);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.isComposing || e.keyCode === 229) return; // picking a Chinese candidate
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Backspace' && typed === '' && tags.length) {
      onChange(tags.slice(0, -1));
    }
  }

  return (
    <div class="tag-editor">
      {tags.length > 0 && (
        <ul class="chips" aria-label={label}>
          {tags.map((tag) => (
            <li class="chip" key={tag}>
              <span>{tag}</span>
              <button type="button" class="chip-remove" disabled={disabled} aria-label={t.common.removeTag(tag)}
                title={t.common.removeTag(tag)} onClick={() => onChange(tags.filter((other) => other !== tag))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="inline-form">
        <input type="text" value={typed} disabled={disabled || full} maxLength={200} aria-label={t.common.addTag} placeholder={t.common.addTagPlaceholder}
          onInput={(e) => setTyped(e.currentTarget.value)} onKeyDown={onKeyDown} />
        <button type="button" class="button small" disabled={disabled || full || !typed.trim()} onClick={commit}>{t.common.add}</button>
      </div>
      {full && <p class="field-hint">{t.common.tagLimit(MAX_TAGS)}</p>}
    </div>
  );
}
