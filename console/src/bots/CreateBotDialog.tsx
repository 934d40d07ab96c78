import { useState } from 'preact/hooks';
import { ApiError, fieldErrors } from '../api/errors';
import type { BotView } from '../api/types';
import { useI18n } from '../i18n';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { ErrorNote } from '../ui/States';
import { createBot } from './api';
import { newBotBody } from './new-bot';
import { parseOrigins } from './origins';

/**
 * A new bot: a name, where it may run, and its first role (an example to start from). It starts
 * with a greeting and suggested questions in the console's language; the rest can wait.
 */
export function CreateBotDialog({ onClose, onCreated }: { onClose(): void; onCreated(bot: BotView): void }) {
  const { t, locale } = useI18n();
  const [name, setName] = useState('');
  const [origins, setOrigins] = useState('');
  /** null until edited: the example role, in the console's language as it is now. */
  const [prompt, setPrompt] = useState<string | null>(null);
  const role = prompt ?? t.bots.exampleRole;
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const parsed = parseOrigins(origins);
  const server = error instanceof ApiError && error.status === 400 ? fieldErrors(error.message) : {};
  const nameProblem = tried && !name.trim() ? t.form.required : server.name;
  const originProblem = tried && parsed.errors.length
    ? parsed.errors.map((l) => t.bots.badOrigin(l.line, l.text)).join(' ')
    : server.allowedOrigins;

  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    if (!name.trim() || parsed.errors.length) return;
    setBusy(true);
    setError(null);
    try {
      onCreated(await createBot(newBotBody(t, locale, { name, origins, role })));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Dialog title={t.bots.createTitle} onClose={onClose} wide>
      <form class="stack" onSubmit={submit} noValidate>
        <Field label={t.bots.name} error={nameProblem}>
          <input type="text" value={name} maxLength={100} autofocus onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field label={t.bots.origins} hint={t.bots.originsHint} error={originProblem}>
          <textarea rows={3} class="mono" value={origins} spellcheck={false} placeholder="https://www.example.com"
            onInput={(e) => setOrigins(e.currentTarget.value)} />
        </Field>
        <Field label={t.bots.firstRole} hint={t.bots.firstRoleHint} error={server.systemPrompt}>
          <textarea rows={6} class="mono" value={role} onInput={(e) => setPrompt(e.currentTarget.value)} />
        </Field>
        <p class="muted small">{t.bots.newBotStarts}</p>
        {error !== null && !(server.name || server.allowedOrigins || server.systemPrompt) && <ErrorNote error={error} compact />}
        <div class="actions">
          <button type="button" class="button" onClick={onClose}>{t.common.cancel}</button>
          <button type="submit" class="button primary" disabled={busy}>{busy ? t.common.creating : t.bots.create}</button>
        </div>
      </form>
    </Dialog>
  );
}
