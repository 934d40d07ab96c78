import { useState } from 'preact/hooks';
import type { Member } from '../api/types';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { formatDateTime } from '../i18n/format';
import { ConfirmDialog } from '../ui/Dialog';
import { PageHeader } from '../ui/PageHeader';
import { Empty, ErrorNote, Loading } from '../ui/States';
import { useAsync } from '../ui/use-async';
import { AddMemberForm } from './AddMemberForm';
import { listMembers, removeMember } from './api';

export function MembersPage() {
  const { t, locale } = useI18n();
  const me = useSession().user;
  const { state, reload, setData } = useAsync((signal) => listMembers(signal), []);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<string | null>(null);

  async function remove() {
    if (!removing) return;
    setBusy(true);
    setError(null);
    try {
      await removeMember(removing.id);
      setData((members) => members.filter((m) => m.id !== removing.id));
      setRemoving(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title={t.members.title} subtitle={t.members.subtitle} />
      <div class="stack">
        <AddMemberForm onAdded={(email) => { setAdded(email); reload(); }} />
        {added && <p class="success" role="status">✓ {t.members.added(added)}</p>}
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorNote error={state.error} onRetry={reload} />}
        {state.status === 'ready' && state.data.length === 0 && <Empty>{t.members.none}</Empty>}
        {state.status === 'ready' && state.data.length > 0 && (
          <div class="table-wrap card flush">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t.auth.email}</th>
                  <th scope="col">{t.members.role}</th>
                  <th scope="col">{t.members.since}</th>
                  <th scope="col"><span class="visually-hidden">{t.common.actions}</span></th>
                </tr>
              </thead>
              <tbody>
                {state.data.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      {m.email}
                      {m.id === me.id && <span class="badge outline">{t.members.you}</span>}
                      {m.mustChangePassword && <span class="badge warning" title={t.members.pendingHint}>{t.members.pending}</span>}
                    </th>
                    <td>{t.userRole[m.role]}</td>
                    <td>{formatDateTime(m.createdAt, locale)}</td>
                    <td class="row-actions">
                      {m.id !== me.id && (
                        <button type="button" class="button small danger-ghost" aria-label={t.members.removeLabel(m.email)}
                          onClick={() => { setError(null); setRemoving(m); }}>
                          {t.common.remove}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {removing && (
        <ConfirmDialog danger title={t.members.removeTitle} message={<p>{t.members.removeMessage(removing.email)}</p>}
          confirmLabel={t.common.remove} busy={busy} error={error !== null && <ErrorNote error={error} compact />}
          onConfirm={() => void remove()} onClose={() => !busy && setRemoving(null)} />
      )}
    </>
  );
}
