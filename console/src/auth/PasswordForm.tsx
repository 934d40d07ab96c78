import { useState } from 'preact/hooks';
import { ApiError, fieldErrors } from '../api/errors';
import { useT } from '../i18n';
import { Field } from '../ui/Field';
import { ErrorNote } from '../ui/States';
import { changePassword } from './api';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './password';

/** Current password, new one twice. Used for the forced first change and from the account page. */
export function PasswordForm({ onChanged }: { onChanged(): void | Promise<void> }) {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  const problem = passwordProblem(current, next, repeat);
  const server = error instanceof ApiError && error.status === 400 ? fieldErrors(error.message) : {};
  const shown = tried ? problem : null;

  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    setDone(false);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      setTried(false);
      setDone(true);
      await onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="stack" onSubmit={submit} noValidate>
      <Field label={t.auth.current} error={shown === 'current' ? t.auth.currentMissing : server.current}>
        <input type="password" autocomplete="current-password" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
      </Field>
      <Field label={t.auth.next} hint={t.auth.nextHint(MIN_PASSWORD_LENGTH)}
        error={shown === 'tooShort' ? t.auth.tooShort(MIN_PASSWORD_LENGTH) : shown === 'same' ? t.auth.same : server.next}>
        <input type="password" autocomplete="new-password" value={next} onInput={(e) => setNext(e.currentTarget.value)} />
      </Field>
      <Field label={t.auth.repeat} error={shown === 'mismatch' ? t.auth.mismatch : undefined}>
        <input type="password" autocomplete="new-password" value={repeat} onInput={(e) => setRepeat(e.currentTarget.value)} />
      </Field>
      {error !== null && !(server.current || server.next) && (
        <ErrorNote error={error} title={error instanceof ApiError && error.status === 401 ? t.auth.currentWrong : undefined} compact />
      )}
      {done && <p class="success" role="status">{t.auth.changed}</p>}
      <div class="actions start">
        <button type="submit" class="button primary" disabled={busy}>{busy ? t.common.saving : t.auth.change}</button>
      </div>
    </form>
  );
}
