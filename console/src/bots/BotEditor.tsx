import { useEffect, useState } from 'preact/hooks';
import { ApiError, fieldErrors } from '../api/errors';
import type { BotView } from '../api/types';
import { useT } from '../i18n';
import { Field, Toggle } from '../ui/Field';
import { ConfirmDialog } from '../ui/Dialog';
import { ErrorNote } from '../ui/States';
import { useUnsavedGuard } from '../ui/unsaved';
import { updateBot } from './api';
import { type BotForm, formFromBot, isEmptyPatch, isFormDirty, patchFromForm, suggestionLines, validateForm } from './bot-form';
import { HandoffSettings } from '../inbox/HandoffSettings';
import { hasHoursProblems, validateHours } from '../inbox/office-hours';
import { IdentitySettings } from './IdentitySettings';
import { problemText } from './problems';
import { WidgetPreview } from './WidgetPreview';

interface Props {
  bot: BotView;
  readOnly: boolean;
  onSaved(bot: BotView): void;
}

/** Every setting of a bot. Owners edit and save what changed; agents see the same, read-only. */
export function BotEditor({ bot, readOnly, onSaved }: Props) {
  const t = useT();
  const [initial, setInitial] = useState<BotForm>(() => formFromBot(bot));
  const [form, setForm] = useState<BotForm>(initial);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    const loaded = formFromBot(bot);
    setInitial(loaded);
    setForm(loaded);
  }, [bot]);

  const problems = validateForm(form);
  const hoursProblems = validateHours(form.hours);
  const invalid = Object.keys(problems).length > 0 || hasHoursProblems(hoursProblems);
  const shown = tried ? problems : {};
  const server = error instanceof ApiError && error.status === 400 ? fieldErrors(error.message) : {};
  const patch = patchFromForm(bot, form);
  const dirty = !isEmptyPatch(patch);
  const leaving = useUnsavedGuard(!readOnly && isFormDirty(initial, form));
  const set = <K extends keyof BotForm>(key: K, value: BotForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setSaved(false);
  };
  const text = (key: keyof BotForm) => problemText(t, shown[key]);
  const llmError = (name: string) => (server.llm?.includes(`llm.${name}`) ? server.llm : undefined);
  const settingsError = (name: string) => server.settings?.includes(`settings.${name}`) ? server.settings : undefined;

  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    if (invalid || !dirty) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await updateBot(bot.id, patch);
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
    <form class="bot-editor" onSubmit={submit} noValidate>
      {readOnly && <p class="notice">{t.common.readOnly}</p>}
      <fieldset disabled={readOnly || busy}>
        <section class="card">
          <h2>{t.bots.general}</h2>
          <div class="grid-2">
            <Field label={t.bots.name} error={text('name') ?? server.name}>
              <input type="text" value={form.name} maxLength={100} onInput={(e) => set('name', e.currentTarget.value)} />
            </Field>
            <div class="field">
              <span class="field-label">{t.bots.status}</span>
              <Toggle label={form.enabled ? t.bots.enabled : t.bots.disabled} checked={form.enabled} onChange={(v) => set('enabled', v)} />
              <span class="field-hint">{t.bots.enabledHint}</span>
            </div>
          </div>
          <Field label={t.bots.origins} hint={t.bots.originsHint} error={text('origins') ?? server.allowedOrigins}>
            <textarea rows={4} class="mono" value={form.origins} spellcheck={false} placeholder="https://www.example.com"
              onInput={(e) => set('origins', e.currentTarget.value)} />
          </Field>
        </section>

        <section class="card">
          <h2>{t.bots.appearance}</h2>
          <div class="appearance-layout">
          <div>
          <Field label={t.bots.greeting} hint={t.bots.greetingHint} error={text('greeting') ?? settingsError('greeting')}>
            <textarea rows={2} value={form.greeting} onInput={(e) => set('greeting', e.currentTarget.value)} />
          </Field>
          <Field label={t.bots.suggestions} hint={t.bots.suggestionsHint} error={text('suggestions') ?? settingsError('suggestions')}>
            <textarea rows={3} value={form.suggestions} onInput={(e) => set('suggestions', e.currentTarget.value)} />
          </Field>
          <div class="grid-3">
            <Field label={t.bots.locale}>
              <select value={form.locale} onChange={(e) => set('locale', e.currentTarget.value as BotForm['locale'])}>
                <option value="zh-CN" lang="zh-CN">简体中文</option>
                <option value="en" lang="en">English</option>
              </select>
            </Field>
            <Field label={t.bots.color} error={text('color') ?? settingsError('color')} before={
              <input type="color" class="color-picker" aria-label={t.bots.colorPicker} value={/^#[0-9a-f]{6}$/i.test(form.color) ? form.color : '#000000'}
                onInput={(e) => set('color', e.currentTarget.value)} />
            }>
              <input type="text" class="mono" value={form.color} maxLength={7} onInput={(e) => set('color', e.currentTarget.value)} />
            </Field>
            <Field label={t.bots.position}>
              <select value={form.position} onChange={(e) => set('position', e.currentTarget.value as BotForm['position'])}>
                <option value="right">{t.bots.right}</option>
                <option value="left">{t.bots.left}</option>
              </select>
            </Field>
          </div>
          </div>
          <WidgetPreview name={form.name} color={form.color} position={form.position} greeting={form.greeting}
            suggestions={suggestionLines(form.suggestions)} />
          </div>
        </section>

        <section class="card">
          <h2>{t.bots.model}</h2>
          <div class="grid-2">
            <Field label={t.bots.temperature} hint={t.bots.temperatureHint} error={text('temperature') ?? settingsError('temperature')}>
              <input type="number" inputMode="decimal" min={0} max={2} step={0.1} value={form.temperature}
                onInput={(e) => set('temperature', e.currentTarget.value)} />
            </Field>
            <Field label={t.bots.maxTokens} hint={t.bots.maxTokensHint} error={text('maxTokens') ?? settingsError('maxTokens')}>
              <input type="number" inputMode="numeric" min={1} max={16000} step={1} value={form.maxTokens} onInput={(e) => set('maxTokens', e.currentTarget.value)} />
            </Field>
            <Field label={t.bots.historyTokenBudget} hint={t.bots.historyHint} error={text('historyTokenBudget') ?? settingsError('historyTokenBudget')}>
              <input type="number" inputMode="numeric" min={100} max={100000} step={100} value={form.historyTokenBudget}
                onInput={(e) => set('historyTokenBudget', e.currentTarget.value)} />
            </Field>
            <Field label={t.bots.maxMessageLength} hint={t.bots.maxMessageLengthHint} error={text('maxMessageLength') ?? settingsError('maxMessageLength')}>
              <input type="number" inputMode="numeric" min={1} max={20000} step={1} value={form.maxMessageLength}
                onInput={(e) => set('maxMessageLength', e.currentTarget.value)} />
            </Field>
          </div>
        </section>

        <section class="card">
          <h2>{t.bots.llm}</h2>
          <p class="muted small">{t.bots.llmHint}</p>
          <div class="grid-2">
            <Field label={t.bots.provider} error={text('llmProvider') ?? llmError('provider')}>
              <select value={form.llmProvider} onChange={(e) => set('llmProvider', e.currentTarget.value as BotForm['llmProvider'])}>
                <option value="">{t.bots.providerInstallation}</option>
                <option value="azure">{t.bots.providerAzure}</option>
                <option value="openai">{t.bots.providerOpenai}</option>
              </select>
            </Field>
            <Field label={form.llmProvider === 'azure' ? t.bots.deployment : t.bots.modelName} hint={t.bots.modelHint}
              error={text('model') ?? llmError('model')}>
              <input type="text" class="mono" value={form.model} placeholder={form.llmProvider === 'openai' ? 'deepseek-chat' : 'gpt-4o'}
                onInput={(e) => set('model', e.currentTarget.value)} />
            </Field>
          </div>
          {form.llmProvider !== '' && (
            <Field label={form.llmProvider === 'azure' ? t.bots.endpoint : t.bots.baseUrl} hint={form.llmProvider === 'openai' ? t.bots.baseUrlHint : undefined}
              error={text('llmEndpoint') ?? llmError('endpoint')}>
              <input type="url" class="mono" value={form.llmEndpoint}
                placeholder={form.llmProvider === 'azure' ? 'https://my-resource.openai.azure.com/' : 'https://api.deepseek.com/v1'}
                onInput={(e) => set('llmEndpoint', e.currentTarget.value)} />
            </Field>
          )}
          {(form.llmProvider !== '' || bot.llm.apiKeySet) && (
            <div class="field">
              <span class="field-label">{t.bots.apiKey}</span>
              <p class="key-state">
                {form.clearKey ? (
                  <span class="badge warning">{t.bots.keyWillClear}</span>
                ) : bot.llm.apiKeySet ? (
                  <span class="badge success">{t.bots.keySet}</span>
                ) : (
                  <span class="badge neutral">{t.bots.keyNotSet}</span>
                )}
                {bot.llm.apiKeySet && !readOnly && (
                  <button type="button" class="button small ghost" onClick={() => set('clearKey', !form.clearKey)}>
                    {form.clearKey ? t.common.undo : t.bots.clearKey}
                  </button>
                )}
              </p>
              {!form.clearKey && !readOnly && (
                <label class="field">
                  <span class="field-label subtle">{bot.llm.apiKeySet ? t.bots.replaceKey : t.bots.newKey}</span>
                  <input type="password" autocomplete="off" value={form.llmKey} placeholder={t.bots.keyPlaceholder}
                    onInput={(e) => set('llmKey', e.currentTarget.value)} />
                </label>
              )}
            </div>
          )}
        </section>

        <IdentitySettings bot={bot} readOnly={readOnly} required={form.requireIdentity}
          onRequiredChange={(v) => set('requireIdentity', v)} refused={!!settingsError('requireIdentity')} />

        <HandoffSettings enabled={form.handoffEnabled} hours={form.hours} onEnabled={(v) => set('handoffEnabled', v)} onHours={(h) => set('hours', h)}
          problems={tried ? hoursProblems : {}} serverError={settingsError('officeHours') ?? settingsError('handoffEnabled')} />
      </fieldset>

      {!readOnly && (
        <div class="save-bar" role="region" aria-label={t.common.save}>
          {error !== null && <ErrorNote error={error} compact />}
          {tried && invalid && <p class="field-error" role="alert">{t.form.fixProblems}</p>}
          <span class="muted small" aria-live="polite">{dirty ? t.common.unsaved : saved ? `✓ ${t.common.saved}` : ''}</span>
          <button type="button" class="button ghost" disabled={!dirty || busy}
            onClick={() => { setForm(formFromBot(bot)); setTried(false); setError(null); }}>
            {t.common.reset}
          </button>
          <button type="submit" class="button primary" disabled={!dirty || busy}>{busy ? t.common.saving : t.common.save}</button>
        </div>
      )}
      {leaving.asking && (
        <ConfirmDialog title={t.bots.leaveTitle} message={t.bots.leaveMessage} confirmLabel={t.bots.leaveConfirm} danger
          onConfirm={leaving.leave} onClose={leaving.stay} />
      )}
    </form>
  );
}
