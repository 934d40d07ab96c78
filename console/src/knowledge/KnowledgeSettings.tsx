import { useEffect, useState } from 'preact/hooks';
import type { BotView } from '../api/types';
import { updateBot } from '../bots/api';
import { useT } from '../i18n';
import { Field, Toggle } from '../ui/Field';
import { ErrorNote } from '../ui/States';
import { checkSettings, isDirty, PASSAGES, settingsForm, settingsPatch, TOKEN_BUDGET, type SettingsForm } from './settings-form';

interface Props {
  bot: BotView;
  readOnly: boolean;
  onSaved(bot: BotView): void;
}

/** Whether and how answers use the documents: part of the bot's settings (PATCH /api/bots/:id). */
export function KnowledgeSettings({ bot, readOnly, onSaved }: Props) {
  const t = useT();
  const k = t.knowledge;
  const [form, setForm] = useState<SettingsForm>(() => settingsForm(bot.settings));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => setForm(settingsForm(bot.settings)), [bot]);

  const problems = tried ? checkSettings(form) : {};
  const dirty = isDirty(bot.settings, form);
  const set = <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setSaved(false);
  };
  const range = (p?: { min: number; max: number }) => (p ? t.form.integerBetween(p.min, p.max) : undefined);

  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    if (Object.keys(checkSettings(form)).length) return;
    const patch = settingsPatch(bot.settings, form);
    if (!Object.keys(patch).length) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await updateBot(bot.id, { settings: patch });
      setTried(false);
      setSaved(true);
      onSaved(updated);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card knowledge-settings" onSubmit={submit} noValidate aria-labelledby="knowledge-settings-title">
      <h2 id="knowledge-settings-title">{k.settings}</h2>
      <fieldset disabled={readOnly || busy}>
        <div class="field">
          <Toggle label={form.enabled ? k.enabled : k.enabledOff} checked={form.enabled} onChange={(v) => set('enabled', v)} />
          <span class="field-hint">{k.enabledHint}</span>
        </div>
        <div class="grid-2">
          <Field label={k.passages} hint={k.passagesHint} error={range(problems.passages)}>
            <input type="number" inputMode="numeric" min={PASSAGES.min} max={PASSAGES.max} step={1} value={form.passages}
              onInput={(e) => set('passages', e.currentTarget.value)} />
          </Field>
          <Field label={k.tokenBudget} hint={k.tokenBudgetHint} error={range(problems.tokenBudget)}>
            <input type="number" inputMode="numeric" min={TOKEN_BUDGET.min} max={TOKEN_BUDGET.max} step={100} value={form.tokenBudget}
              onInput={(e) => set('tokenBudget', e.currentTarget.value)} />
          </Field>
        </div>
        <div class="field">
          <Toggle label={k.strict} checked={form.strict} onChange={(v) => set('strict', v)} />
          <span class="field-hint">{k.strictHint}</span>
        </div>
      </fieldset>
      {readOnly ? (
        <p class="notice">{t.common.readOnly}</p>
      ) : (
        <div class="actions start">
          <button type="submit" class="button primary" disabled={!dirty || busy}>{busy ? t.common.saving : t.common.save}</button>
          <button type="button" class="button ghost" disabled={!dirty || busy}
            onClick={() => { setForm(settingsForm(bot.settings)); setTried(false); setError(null); }}>
            {t.common.reset}
          </button>
          <span class="muted small" aria-live="polite">{dirty ? t.common.unsaved : saved ? `✓ ${t.common.saved}` : ''}</span>
        </div>
      )}
      {error !== null && <ErrorNote error={error} compact />}
    </form>
  );
}
