import { useState } from 'preact/hooks';
import { ApiError, fieldErrors } from '../api/errors';
import { generatePassword, MIN_PASSWORD_LENGTH } from '../auth/password';
import { useI18n } from '../i18n';
import { formatDateTime, formatNumber } from '../i18n/format';
import { Field } from '../ui/Field';
import { PageHeader } from '../ui/PageHeader';
import { Empty, ErrorNote, Loading } from '../ui/States';
import { useAsync } from '../ui/use-async';
import { createTenant, listTenants } from './api';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The installation's tenants (admin only): each a company with its own bots, people and chats. */
export function TenantsPage() {
  const { t, locale } = useI18n();
  const { state, reload } = useAsync((signal) => listTenants(signal), []);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<string | null>(null);
  const server = error instanceof ApiError && error.status === 400 ? fieldErrors(error.message) : {};
  const problems = {
    name: tried && !name.trim() ? t.form.required : server.name,
    email: tried && !EMAIL.test(email.trim()) ? t.form.email : server.owner,
    password: tried && password.length < MIN_PASSWORD_LENGTH ? t.auth.tooShort(MIN_PASSWORD_LENGTH) : undefined,
  };

  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    setCreated(null);
    if (!name.trim() || !EMAIL.test(email.trim()) || password.length < MIN_PASSWORD_LENGTH) return;
    setBusy(true);
    setError(null);
    try {
      await createTenant({ name: name.trim(), owner: { email: email.trim(), password } });
      setCreated(name.trim());
      setName('');
      setEmail('');
      setPassword('');
      setTried(false);
      reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title={t.tenants.title} subtitle={t.tenants.subtitle} />
      <div class="stack">
        <form class="card stack" onSubmit={submit} noValidate>
          <h2>{t.tenants.create}</h2>
          <div class="grid-3">
            <Field label={t.tenants.name} error={problems.name}>
              <input type="text" value={name} maxLength={100} onInput={(e) => setName(e.currentTarget.value)} />
            </Field>
            <Field label={t.tenants.ownerEmail} error={problems.email}>
              <input type="email" autocomplete="off" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
            </Field>
            <Field label={t.members.firstPassword} hint={t.members.firstPasswordHint} error={problems.password}
              after={<button type="button" class="button small" onClick={() => setPassword(generatePassword())}>{t.members.generate}</button>}>
              <input type="text" autocomplete="off" class="mono" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
            </Field>
          </div>
          {error !== null && !(server.name || server.owner) && <ErrorNote error={error} compact />}
          {created && <p class="success" role="status">✓ {t.tenants.created(created)}</p>}
          <div class="actions start">
            <button type="submit" class="button primary" disabled={busy}>{busy ? t.common.creating : t.tenants.createButton}</button>
          </div>
        </form>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorNote error={state.error} onRetry={reload} />}
        {state.status === 'ready' && state.data.length === 0 && <Empty>{t.tenants.none}</Empty>}
        {state.status === 'ready' && state.data.length > 0 && (
          <div class="table-wrap card flush">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t.tenants.name}</th>
                  <th scope="col" class="num">{t.tenants.members}</th>
                  <th scope="col" class="num">{t.tenants.bots}</th>
                  <th scope="col">{t.tenants.createdAt}</th>
                </tr>
              </thead>
              <tbody>
                {state.data.map((tenant) => (
                  <tr key={tenant.id}>
                    <th scope="row">{tenant.name}</th>
                    <td class="num">{formatNumber(tenant.members, locale)}</td>
                    <td class="num">{formatNumber(tenant.bots, locale)}</td>
                    <td>{formatDateTime(tenant.createdAt, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}
