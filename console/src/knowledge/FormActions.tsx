import { useT } from '../i18n';
import { ErrorNote } from '../ui/States';

interface Props {
  busy: boolean;
  editing: boolean;
  error: unknown;
  disabled?: boolean;
  onCancel?(): void;
}

/** The add/edit forms' submit row: add, or save and cancel while editing; the server's refusal beneath. */
export function FormActions({ busy, editing, error, disabled, onCancel }: Props) {
  const t = useT();
  const k = t.knowledge;
  return (
    <>
      {error !== null && <ErrorNote error={error} compact />}
      <div class="actions start">
        <button type="submit" class="button primary" disabled={busy || disabled}>
          {busy ? (editing ? t.common.saving : k.adding) : editing ? k.saveEdit : k.submit}
        </button>
        {editing && onCancel && <button type="button" class="button ghost" disabled={busy} onClick={onCancel}>{k.cancelEdit}</button>}
      </div>
    </>
  );
}
