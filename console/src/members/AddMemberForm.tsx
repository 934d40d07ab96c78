import { useState } from 'preact/hooks';
import { ApiError, fieldErrors } from '../api/errors';
import type { TenantRole } from '../api/types';
import { generatePassword, MIN_PASSWORD_LENGTH } from '../auth/password';
import { useT } from '../i18n';
import { Field } from '../ui/Field';
import { ErrorNote } from '../ui/States';
import { addMember } from './api';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A new member with a first password the owner hands over; the member must change it at first sign-in. */
export function AddMemberForm({ onAdded }: { onAdded(email: string): void }) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<TenantRole>('agent');
  const [password, setPassword] = useState('');
  const [show, setShow] = useState(false);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const server = error instanceof ApiError && error.status === 400 ? fieldErrors(error.message) : {};
  const emailProblem = tried && !EMAIL.test(email.trim()) ? t.form.email : server.email;
  const passwordProblem = tried && password.length < MIN_PASSWORD_LENGTH ? t.auth.tooShort(MIN_PASSWORD_LENGTH) : server.password;

  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    if (!EMAIL.test(email.trim()) || password.length < MIN_PASSWORD_LENGTH) return;
    setBusy(true);
    setError(null);
    try {
      await addMember({ email: email.trim(), role, password });
      onAdded(email.trim());
      setEmail('');
      setPassword('');
      setShow(false);
      setTried(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card stack" onSubmit={submit} noValidate>
      <h2>{t.members.add}</h2>
      <div class="grid-3">
        <Field label={t.auth.email} error={emailProblem}>
          <input type="email" autocomplete="off" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </Field>
        <Field label={t.members.role} hint={role === 'owner' ? t.members.ownerHint : t.members.agentHint}>
          <select value={role} onChange={(e) => setRole(e.currentTarget.value as TenantRole)}>
            <option value="agent">{t.userRole.agent}</option>
            <option value="owner">{t.userRole.owner}</option>
          </select>
        </Field>
        <Field label={t.members.firstPassword} hint={t.members.firstPasswordHint} error={passwordProblem} after={
          <>
            <button type="button" class="button small ghost" aria-pressed={show} onClick={() => setShow(!show)}>
              {show ? t.members.hide : t.members.show}
            </button>
            <button type="button" class="button small" onClick={() => { setPassword(generatePassword()); setShow(true); }}>
              {t.members.generate}
            </button>
          </>
        }>
          {show ? (
            <input type="text" autocomplete="off" class="mono" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
          ) : (
            <input type="password" autocomplete="new-password" class="mono" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
          )}
        </Field>
      </div>
      {error !== null && !(server.email || server.password) && <ErrorNote error={error} compact />}
      <div class="actions start">
        <button type="submit" class="button primary" disabled={busy}>{busy ? t.common.creating : t.members.addButton}</button>
      </div>
    </form>
  );
}
