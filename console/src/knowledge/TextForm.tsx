import { useState } from 'preact/hooks';
import { useT } from '../i18n';
import { Field } from '../ui/Field';
import { FormActions } from './FormActions';
import { titleProblem } from './problems';
import { checkText, MAX_TITLE } from './source-forms';
import type { KnowledgeSource, TextBody } from './types';
import { useSend } from './use-send';

interface Props {
  initial?: { title: string; text: string };
  editing: boolean;
  disabled?: boolean;
  send(body: TextBody): Promise<KnowledgeSource>;
  onDone(source: KnowledgeSource): void;
  onCancel?(): void;
}

/** Pasted text with its title; new, or an existing text source's content to change. */
export function TextForm({ initial, editing, disabled, send, onDone, onCancel }: Props) {
  const t = useT();
  const k = t.knowledge;
  const [title, setTitle] = useState(initial?.title ?? '');
  const [text, setText] = useState(initial?.text ?? '');
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useSend();
  const checked = checkText(title, text);
  const problems = tried && !checked.ok ? checked.problems : {};

  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    if (!checked.ok) return;
    const result = await run(() => send(checked.body));
    if (!result.ok) return;
    setTried(false);
    if (!editing) {
      setTitle('');
      setText('');
    }
    onDone(result.value);
  }

  return (
    <form class="knowledge-form" onSubmit={submit} noValidate>
      <fieldset disabled={busy || disabled}>
        <Field label={k.sourceTitle} error={titleProblem(t, problems.title)}>
          <input type="text" value={title} maxLength={MAX_TITLE} onInput={(e) => setTitle(e.currentTarget.value)} />
        </Field>
        <Field label={k.text} hint={k.textHint} error={problems.text && t.form.required}>
          <textarea rows={12} class="knowledge-text" value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </Field>
      </fieldset>
      <FormActions busy={busy} editing={editing} error={error} disabled={disabled} onCancel={onCancel} />
    </form>
  );
}
