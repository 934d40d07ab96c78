import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n';
import { ErrorNote, Loading } from '../ui/States';
import { useAsync } from '../ui/use-async';
import { addSource, getSource, updateSource } from './api';
import { DropZone } from './DropZone';
import { FaqEditor } from './FaqEditor';
import { formFromContent } from './source-forms';
import { TextForm } from './TextForm';
import type { KnowledgeLimits, KnowledgeSource } from './types';
import { UrlForm } from './UrlForm';

type Kind = 'file' | 'text' | 'faq' | 'url';
const KINDS: Kind[] = ['file', 'text', 'faq', 'url'];

interface Props {
  botId: string;
  limits: KnowledgeLimits;
  /** The bot has as many sources as it may: nothing new can be added (editing still can). */
  full: boolean;
  /** A text or FAQ source to edit in the same forms, or null to add new ones. */
  editing: KnowledgeSource | null;
  onAdded(source: KnowledgeSource): void;
  onSaved(source: KnowledgeSource): void;
  onCancelEdit(): void;
}

/** Files, pasted text, an FAQ or a web page; or an existing text or FAQ source's content to change. */
export function AddSources({ botId, limits, full, editing, onAdded, onSaved, onCancelEdit }: Props) {
  const t = useT();
  const k = t.knowledge;
  const [kind, setKind] = useState<Kind>('file');
  const heading = useRef<HTMLHeadingElement>(null);
  const labels: Record<Kind, string> = { file: k.tabFile, text: k.tabText, faq: k.tabFaq, url: k.tabUrl };

  // Editing takes the reader to this section.
  useEffect(() => {
    if (!editing) return;
    heading.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    heading.current?.focus({ preventScroll: true });
  }, [editing?.id]);

  return (
    <section class="card knowledge-add" aria-labelledby="knowledge-add-title">
      <h2 id="knowledge-add-title" ref={heading} tabIndex={-1}>{editing ? k.editing(editing.title) : k.add}</h2>
      {editing ? (
        <EditSource key={editing.id} botId={botId} source={editing} onSaved={onSaved} onCancel={onCancelEdit} />
      ) : (
        <>
          {full && <p class="notice" role="status">{k.full(limits.maxSources)}</p>}
          <fieldset class="segmented">
            <legend class="field-label">{k.addKind}</legend>
            {KINDS.map((value) => (
              <label key={value} class={`segment${kind === value ? ' checked' : ''}`}>
                <input type="radio" name="knowledge-kind" value={value} checked={kind === value} onChange={() => setKind(value)} />
                <span>{labels[value]}</span>
              </label>
            ))}
          </fieldset>
          {kind === 'file' && <DropZone botId={botId} limits={limits} disabled={full} onAdded={onAdded} />}
          {kind === 'text' && <TextForm editing={false} disabled={full} send={(body) => addSource(botId, body)} onDone={onAdded} />}
          {kind === 'faq' && <FaqEditor editing={false} disabled={full} send={(body) => addSource(botId, body)} onDone={onAdded} />}
          {kind === 'url' && <UrlForm disabled={full} send={(body) => addSource(botId, body)} onDone={onAdded} />}
        </>
      )}
    </section>
  );
}

interface EditProps {
  botId: string;
  source: KnowledgeSource;
  onSaved(source: KnowledgeSource): void;
  onCancel(): void;
}

/** Loads the source's stored content into the text or FAQ form; saving PUTs it and indexes it again. */
function EditSource({ botId, source, onSaved, onCancel }: EditProps) {
  const t = useT();
  const k = t.knowledge;
  const { state, reload } = useAsync((signal) => getSource(botId, source.id, signal), [botId, source.id]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    return (
      <>
        <ErrorNote error={state.error} onRetry={reload} />
        <div class="actions start"><button type="button" class="button ghost" onClick={onCancel}>{k.cancelEdit}</button></div>
      </>
    );
  }
  const form = formFromContent(state.data.source.title, state.data.content);
  if (!form) {
    return (
      <>
        <p class="notice">{k.notEditable}</p>
        <div class="actions start"><button type="button" class="button ghost" onClick={onCancel}>{k.cancelEdit}</button></div>
      </>
    );
  }
  const send = (body: Parameters<typeof updateSource>[2]) => updateSource(botId, source.id, body);
  return (
    <>
      <p class="muted small">{k.editHint}</p>
      {form.kind === 'text' ? (
        <TextForm initial={form} editing send={send} onDone={onSaved} onCancel={onCancel} />
      ) : (
        <FaqEditor initial={form} editing send={send} onDone={onSaved} onCancel={onCancel} />
      )}
    </>
  );
}
