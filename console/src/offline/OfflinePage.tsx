import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { formatDateTime } from '../i18n/format';
import type { OfflineMessage } from '../inbox/types';
import { Link } from '../ui/Link';
import { PageHeader } from '../ui/PageHeader';
import { routePath } from '../ui/routes';
import { Empty, ErrorNote, Loading } from '../ui/States';
import { useAsync } from '../ui/use-async';
import { listOfflineMessages, markHandled } from './api';

/** What visitors left when nobody could answer, newest first; handled ones stay, greyed, with who and when. */
export function OfflinePage() {
  const { t } = useI18n();
  const { state, reload, setData } = useAsync((signal) => listOfflineMessages(signal), []);
  const header = <PageHeader title={t.offline.title} subtitle={t.offline.subtitle} />;
  if (state.status === 'loading') return <>{header}<Loading /></>;
  if (state.status === 'error') return <>{header}<ErrorNote error={state.error} onRetry={reload} /></>;
  const replace = (m: OfflineMessage) => setData((list) => list.map((x) => (x.id === m.id ? m : x)));
  return (
    <>
      {header}
      {state.data.length === 0 ? <Empty>{t.offline.none}</Empty> : (
        <ul class="offline-list">
          {state.data.map((m) => <Item key={m.id} m={m} onHandled={replace} />)}
        </ul>
      )}
    </>
  );
}

function Item({ m, onHandled }: { m: OfflineMessage; onHandled(m: OfflineMessage): void }) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const handled = m.handledAt !== null;

  async function mark() {
    setBusy(true);
    setError(null);
    try {
      onHandled(await markHandled(m.id));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li class={`card offline-item${handled ? ' handled' : ''}`}>
      <div class="row-meta">
        <span class="row-bot">{m.botName}</span>
        <a href={`mailto:${m.email}`}>{m.email}</a>
        <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, locale)}</time>
        {m.conversationId && <Link href={routePath({ name: 'conversation', id: m.conversationId })}>{t.offline.conversation}</Link>}
      </div>
      <p class="message-text">{m.text}</p>
      {handled ? (
        <p class="muted small">✓ {t.offline.handledBy(m.handledBy?.name ?? '—', formatDateTime(m.handledAt, locale))}</p>
      ) : (
        <div class="row-actions">
          <button type="button" class="button small" disabled={busy} onClick={() => void mark()}>{t.offline.markHandled}</button>
        </div>
      )}
      {error !== null && <ErrorNote error={error} compact />}
    </li>
  );
}
