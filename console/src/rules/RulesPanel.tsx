import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/errors';
import { useT } from '../i18n';
import type { RuleAction } from '../inbox/types';
import { Field } from '../ui/Field';
import { Empty, ErrorNote, Loading } from '../ui/States';
import { useAsync } from '../ui/use-async';
import { getRules, putRules } from './api';
import { moveRow, newRow, type RuleRow, rowsFromRules, rulesFromRows, serverProblems, validateRows } from './rules-form';

const ACTIONS: RuleAction[] = ['answer', 'handoff', 'alert'];

/** A bot's rules, checked before the model in order. Owners edit and save the list; agents read it. */
export function RulesPanel({ botId, canEdit }: { botId: string; canEdit: boolean }) {
  const t = useT();
  const { state, reload, setData } = useAsync((signal) => getRules(botId, signal), [botId]);
  const [rows, setRows] = useState<RuleRow[]>([]);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const stored = state.status === 'ready' ? state.data : null;

  useEffect(() => {
    if (stored) setRows(rowsFromRules(stored));
  }, [stored]);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNote error={state.error} onRetry={reload} />;

  const problems = validateRows(rows);
  const server = error instanceof ApiError && error.status === 400 ? serverProblems(error.message) : {};
  const dirty = JSON.stringify(rulesFromRows(rows)) !== JSON.stringify(rulesFromRows(rowsFromRules(state.data)));
  const edit = (next: RuleRow[]) => {
    setRows(next);
    setSaved(false);
  };
  const set = (i: number, change: Partial<RuleRow>) => edit(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));

  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    if (Object.keys(problems).length || !dirty) return;
    setBusy(true);
    setError(null);
    try {
      const rules = await putRules(botId, rulesFromRows(rows));
      setTried(false);
      setSaved(true);
      setData(() => rules);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="rules-panel stack" onSubmit={submit} noValidate>
      <p class="muted">{t.rules.intro}</p>
      {!canEdit && <p class="notice">{t.common.readOnly}</p>}
      {rows.length === 0 && <Empty>{t.rules.none}</Empty>}
      <fieldset disabled={!canEdit || busy} class="stack">
        <ol class="rule-list">
          {rows.map((row, i) => {
            const n = i + 1;
            const problem = tried ? problems[i] : undefined;
            return (
              <li key={row.key} class={`card rule${problem || server[i] ? ' invalid' : ''}`}>
                <fieldset class="rule-grid">
                  <legend class="rule-title">{t.rules.rule(n)}</legend>
                  <Field label={t.rules.matchBy}>
                    <select value={row.by} onChange={(e) => set(i, { by: e.currentTarget.value as RuleRow['by'] })}>
                      <option value="keywords">{t.rules.keywords}</option>
                      <option value="pattern">{t.rules.pattern}</option>
                    </select>
                  </Field>
                  {row.by === 'keywords' ? (
                    <Field label={t.rules.keywords} hint={t.rules.keywordsHint} error={problem === 'keywords' ? t.rules.needKeywords : undefined}>
                      <textarea rows={2} value={row.keywords} onInput={(e) => set(i, { keywords: e.currentTarget.value })} />
                    </Field>
                  ) : (
                    <Field label={t.rules.pattern} hint={t.rules.patternHint} error={problem === 'pattern' ? t.rules.needPattern : server[i]}>
                      <input type="text" class="mono" spellcheck={false} value={row.pattern} onInput={(e) => set(i, { pattern: e.currentTarget.value })} />
                    </Field>
                  )}
                  <Field label={t.rules.action}>
                    <select value={row.action} onChange={(e) => set(i, { action: e.currentTarget.value as RuleAction })}>
                      {ACTIONS.map((a) => <option key={a} value={a}>{t.rules.actions[a]}</option>)}
                    </select>
                  </Field>
                  {row.action !== 'alert' && (
                    <Field label={t.rules.answer} hint={row.action === 'handoff' ? t.rules.handoffAnswerHint : undefined}
                      error={problem === 'answer' ? t.rules.needAnswer : undefined}>
                      <textarea rows={2} value={row.answer} onInput={(e) => set(i, { answer: e.currentTarget.value })} />
                    </Field>
                  )}
                  {server[i] && row.by !== 'pattern' && <p class="field-error" role="alert">{server[i]}</p>}
                </fieldset>
                {canEdit && (
                  <div class="row-actions">
                    <button type="button" class="button small ghost" aria-label={t.rules.up(n)} disabled={i === 0} onClick={() => edit(moveRow(rows, i, -1))}>↑</button>
                    <button type="button" class="button small ghost" aria-label={t.rules.down(n)} disabled={i === rows.length - 1} onClick={() => edit(moveRow(rows, i, 1))}>↓</button>
                    <button type="button" class="button small danger-ghost" aria-label={t.rules.remove(n)} onClick={() => edit(rows.filter((_, j) => j !== i))}>{t.common.remove}</button>
                  </div>
                )}
              </li>
            );
          })}
        </ol>
        {canEdit && <button type="button" class="button start" onClick={() => edit([...rows, newRow()])}>{t.rules.add}</button>}
      </fieldset>
      {canEdit && (
        <div class="save-bar" role="region" aria-label={t.common.save}>
          {error !== null && <ErrorNote error={error} compact />}
          {tried && Object.keys(problems).length > 0 && <p class="field-error" role="alert">{t.form.fixProblems}</p>}
          <span class="muted small" aria-live="polite">{dirty ? t.common.unsaved : saved ? `✓ ${t.common.saved}` : ''}</span>
          <button type="button" class="button ghost" disabled={!dirty || busy} onClick={() => { setRows(rowsFromRules(state.data)); setTried(false); setError(null); }}>
            {t.common.reset}
          </button>
          <button type="submit" class="button primary" disabled={!dirty || busy}>{busy ? t.common.saving : t.common.save}</button>
        </div>
      )}
    </form>
  );
}
