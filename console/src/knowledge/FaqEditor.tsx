import { useRef, useState } from 'preact/hooks';
import { useT } from '../i18n';
import { Field } from '../ui/Field';
import { FormActions } from './FormActions';
import { titleProblem } from './problems';
import { checkFaq, faqRow, MAX_TITLE, type FaqRow } from './source-forms';
import type { FaqBody, KnowledgeSource } from './types';
import { useSend } from './use-send';

interface Props {
  initial?: { title: string; rows: FaqRow[] };
  editing: boolean;
  disabled?: boolean;
  send(body: FaqBody): Promise<KnowledgeSource>;
  onDone(source: KnowledgeSource): void;
  onCancel?(): void;
}

/** Questions with their answers, one row each; blank rows are left out, half-filled ones refused. */
export function FaqEditor({ initial, editing, disabled, send, onDone, onCancel }: Props) {
  const t = useT();
  const k = t.knowledge;
  const [title, setTitle] = useState(initial?.title ?? '');
  const [rows, setRows] = useState<FaqRow[]>(() => initial?.rows ?? [faqRow()]);
  const [tried, setTried] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const { busy, error, run } = useSend();
  const checked = checkFaq(title, rows);
  const problems = tried && !checked.ok ? checked.problems : {};

  const edit = (key: number, change: Partial<FaqRow>) => setRows((current) => current.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const remove = (key: number) => setRows((current) => (current.length > 1 ? current.filter((r) => r.key !== key) : [faqRow()]));
  function add() {
    setRows((current) => [...current, faqRow()]);
    // The new row's question takes the focus once it is drawn.
    requestAnimationFrame(() => list.current?.querySelector<HTMLInputElement>('li:last-child input')?.focus());
  }

  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    if (!checked.ok) return;
    const result = await run(() => send(checked.body));
    if (!result.ok) return;
    setTried(false);
    if (!editing) {
      setTitle('');
      setRows([faqRow()]);
    }
    onDone(result.value);
  }

  return (
    <form class="knowledge-form" onSubmit={submit} noValidate>
      <fieldset disabled={busy || disabled}>
        <Field label={k.sourceTitle} error={titleProblem(t, problems.title)}>
          <input type="text" value={title} maxLength={MAX_TITLE} onInput={(e) => setTitle(e.currentTarget.value)} />
        </Field>
        <ol class="faq-rows" ref={list}>
          {rows.map((row, index) => {
            const p = problems.rows?.[index];
            return (
              <li key={row.key} class="faq-row">
                <fieldset class="faq-pair">
                  <legend class="faq-legend">{k.faqPair(index + 1)}</legend>
                  <Field label={k.faqQuestion} error={p?.question && k.missingQuestion}>
                    <input type="text" value={row.question} onInput={(e) => edit(row.key, { question: e.currentTarget.value })} />
                  </Field>
                  <Field label={k.faqAnswer} error={p?.answer && k.missingAnswer}>
                    <textarea rows={3} value={row.answer} onInput={(e) => edit(row.key, { answer: e.currentTarget.value })} />
                  </Field>
                  <div class="actions start">
                    <button type="button" class="button small danger-ghost" onClick={() => remove(row.key)}>{k.removeRow(index + 1)}</button>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <div class="actions start">
          <button type="button" class="button small" onClick={add}>+ {k.addRow}</button>
        </div>
        {problems.pairs && <p class="field-error" role="alert">{k.noPairs}</p>}
      </fieldset>
      <FormActions busy={busy} editing={editing} error={error} disabled={disabled} onCancel={onCancel} />
    </form>
  );
}
