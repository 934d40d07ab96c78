import { useState } from 'preact/hooks';
import { ApiError, fieldErrors } from '../api/errors';
import type { User } from '../api/types';
import { useT } from '../i18n';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { Field } from '../ui/Field';
import { ErrorNote } from '../ui/States';
import { signIn } from './api';

/** Email and password; a wrong pair and an unknown email get the same answer from the server. */
export function SignIn({ onSignedIn }: { onSignedIn(user: User): void }) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = error instanceof ApiError && error.status === 400 ? fieldErrors(error.message) : {};

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(email.trim(), password));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <main class="auth-screen">
      <div class="auth-corner"><LanguageSwitch /></div>
      <form class="card auth-card" onSubmit={submit} noValidate>
        <p class="brand"><span class="brand-mark" aria-hidden="true">◆</span> {t.app.name}</p>
        <h1>{t.auth.title}</h1>
        <p class="muted">{t.auth.subtitle}</p>
        <Field label={t.auth.email} error={fields.email}>
          <input type="email" autocomplete="username" required autofocus value={email}
            onInput={(e) => setEmail(e.currentTarget.value)} />
        </Field>
        <Field label={t.auth.password} error={fields.password}>
          <input type="password" autocomplete="current-password" required value={password}
            onInput={(e) => setPassword(e.currentTarget.value)} />
        </Field>
        {error !== null && !(error instanceof ApiError && error.status === 400 && (fields.email || fields.password) && !fields['']) && (
          <ErrorNote error={error} title={error instanceof ApiError && error.status === 401 ? t.auth.wrong : undefined} compact />
        )}
        <button type="submit" class="button primary block" disabled={busy || !email || !password}>
          {busy ? t.auth.submitting : t.auth.submit}
        </button>
      </form>
    </main>
  );
}
