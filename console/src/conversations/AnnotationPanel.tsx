import { useRef, useState } from 'preact/hooks';
import type { Annotations, ConversationDetail } from '../api/types';
import { useT } from '../i18n';
import { Toggle } from '../ui/Field';
import { ErrorNote } from '../ui/States';
import { TagEditor } from '../ui/TagEditor';
import { annotate } from './api';

type SaveState = { status: 'idle' | 'saving' | 'saved' } | { status: 'error'; error: unknown };

interface Props {
  conversation: ConversationDetail;
  onSaved(changes: Annotations): void;
}

/**
 * Tags and "reviewed" save as soon as they change; the note has its own Save button. Saves go
 * one after another, so the last change is the one the server keeps.
 */
export function AnnotationPanel({ conversation, onSaved }: Props) {
  const t = useT();
  const [quick, setQuick] = useState<SaveState>({ status: 'idle' });
  const [note, setNote] = useState(conversation.note ?? '');
  const [noteState, setNoteState] = useState<SaveState>({ status: 'idle' });
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const savedNote = conversation.note ?? '';
  const dirty = note !== savedNote;

  function save(changes: Annotations, setState: (s: SaveState) => void) {
    setState({ status: 'saving' });
    const run = queue.current.then(() => annotate(conversation.id, changes));
    queue.current = run.catch(() => {});
    return run.then(
      () => {
        onSaved(changes);
        setState({ status: 'saved' });
      },
      (error) => setState({ status: 'error', error }),
    );
  }

  return (
    <aside class="annotation-panel card" aria-label={t.transcript.annotations}>
      <h2>{t.transcript.annotations}</h2>
      <section class="stack-sm">
        <h3 class="field-label">{t.transcript.tags}</h3>
        <TagEditor tags={conversation.tags} label={t.transcript.tags} onChange={(tags) => void save({ tags }, setQuick)} />
      </section>
      <Toggle label={t.transcript.reviewed} checked={conversation.reviewed} onChange={(reviewed) => void save({ reviewed }, setQuick)} />
      <SaveStatus state={quick} />
      <section class="stack-sm">
        <label class="field">
          <span class="field-label">{t.transcript.note}</span>
          <textarea rows={5} value={note} placeholder={t.transcript.notePlaceholder} maxLength={5000}
            onInput={(e) => { setNote(e.currentTarget.value); setNoteState({ status: 'idle' }); }} />
        </label>
        <div class="actions start">
          <button type="button" class="button primary" disabled={!dirty || noteState.status === 'saving'}
            onClick={() => void save({ note }, setNoteState)}>
            {noteState.status === 'saving' ? t.common.saving : t.transcript.saveNote}
          </button>
          {dirty && noteState.status !== 'saving' && <span class="muted small">{t.common.unsaved}</span>}
          {!dirty && noteState.status === 'saved' && <span class="success small" role="status">✓ {t.common.saved}</span>}
        </div>
        {noteState.status === 'error' && <ErrorNote error={noteState.error} compact />}
      </section>
    </aside>
  );
}

function SaveStatus({ state }: { state: SaveState }) {
  const t = useT();
  if (state.status === 'error') return <ErrorNote error={state.error} compact />;
  return (
    <p class="save-status small" role="status" aria-live="polite">
      {state.status === 'saving' ? t.common.saving : state.status === 'saved' ? `✓ ${t.common.saved}` : ''}
    </p>
  );
}
