import { useState } from 'preact/hooks';
import { permissions, useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { formatDateTime } from '../i18n/format';
import { Link } from '../ui/Link';
import { PageHeader } from '../ui/PageHeader';
import { navigate } from '../ui/router';
import { routePath } from '../ui/routes';
import { Empty, ErrorNote, Loading } from '../ui/States';
import { useAsync } from '../ui/use-async';
import { listBots } from './api';
import { CreateBotDialog } from './CreateBotDialog';

export function BotsPage() {
  const { t, locale } = useI18n();
  const can = permissions(useSession().user);
  const { state, reload } = useAsync((signal) => listBots(signal), []);
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader title={t.bots.title} subtitle={can.editBots ? undefined : t.common.readOnly}
        actions={can.editBots && <button type="button" class="button primary" onClick={() => setCreating(true)}>+ {t.bots.create}</button>} />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorNote error={state.error} onRetry={reload} />}
      {state.status === 'ready' && state.data.length === 0 && <Empty>{t.bots.none}</Empty>}
      {state.status === 'ready' && state.data.length > 0 && (
        <div class="table-wrap card flush">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t.bots.name}</th>
                <th scope="col">{t.bots.status}</th>
                <th scope="col">{t.bots.origins}</th>
                <th scope="col">{t.bots.role}</th>
                <th scope="col">{t.bots.updated}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.map((bot) => (
                <tr key={bot.id}>
                  <th scope="row">
                    <span class="swatch" style={{ background: bot.settings.color }} aria-hidden="true" />
                    <Link href={routePath({ name: 'bot', id: bot.id, tab: 'settings' })}>{bot.name}</Link>
                  </th>
                  <td>
                    <span class={`badge ${bot.enabled ? 'success' : 'neutral'}`}>{bot.enabled ? t.bots.enabled : t.bots.disabled}</span>
                  </td>
                  <td class="origins-cell">
                    {bot.allowedOrigins.length === 0 ? <span class="muted">{t.bots.noOrigins}</span> : bot.allowedOrigins.join(', ')}
                  </td>
                  <td>
                    {bot.activeRoleVersion === null ? (
                      <span class="muted">{t.bots.noRole}</span>
                    ) : (
                      <Link href={routePath({ name: 'bot', id: bot.id, tab: 'role' })} class="badge outline mono">
                        {t.transcript.roleVersion(bot.activeRoleVersion)}
                      </Link>
                    )}
                  </td>
                  <td>{formatDateTime(bot.updatedAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {creating && (
        <CreateBotDialog onClose={() => setCreating(false)}
          onCreated={(bot) => navigate(routePath({ name: 'bot', id: bot.id, tab: 'settings' }))} />
      )}
    </>
  );
}
