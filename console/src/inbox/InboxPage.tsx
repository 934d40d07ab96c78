import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { Link } from '../ui/Link';
import { PageHeader } from '../ui/PageHeader';
import { routePath } from '../ui/routes';
import { Empty, ErrorNote, Loading } from '../ui/States';
import { ConversationPanel } from './ConversationPanel';
import { minutesSince } from './inbox-state';
import { useInbox } from './live';
import { askNotifyPermission, notifyPermission, setSound, soundOn } from './notify';
import type { InboxConversation } from './types';

/** The live inbox: who waits and who is being answered, the staff online, and one conversation beside. */
export function InboxPage({ id }: { id?: string }) {
  const { t } = useI18n();
  const live = useInbox();
  const now = useNow(30_000);

  return (
    <>
      <PageHeader title={t.inbox.title} subtitle={<Connection />} actions={<Alerts />} />
      {live.alerts.map((a) => (
        <div key={a.key} class="notice inbox-alert" role="alert">
          <span>{t.inbox.alert(a.conversation.visitor.label, a.conversation.botName)} <q>{a.text}</q></span>
          <Link href={routePath({ name: 'inbox', id: a.conversation.id })}>{t.inbox.open}</Link>
          <button type="button" class="button small ghost" onClick={() => live.dismiss(a.key)}>{t.inbox.dismiss}</button>
        </div>
      ))}
      <div class="inbox-layout">
        <div class="stack">
          {live.status === 'loading' ? <Loading /> : live.status === 'error' ? <ErrorNote error={live.error} onRetry={live.reload} /> : (
            <section aria-label={t.inbox.title}>
              {live.conversations.length === 0 ? <Empty>{t.inbox.none}</Empty> : (
                <ul class="inbox-list">
                  {live.conversations.map((c) => <Row key={c.id} c={c} current={c.id === id} now={now} />)}
                </ul>
              )}
            </section>
          )}
          <Presence />
        </div>
        {id ? <ConversationPanel key={id} id={id} /> : <Empty>{t.inbox.pick}</Empty>}
      </div>
    </>
  );
}

/** Re-renders every `ms`, for "waiting 5 min". */
function useNow(ms: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

function Row({ c, current, now }: { c: InboxConversation; current: boolean; now: number }) {
  const { t } = useI18n();
  const me = useSession().user.id;
  const waited = minutesSince(c.waitingSince, now);
  return (
    <li>
      <Link href={routePath({ name: 'inbox', id: c.id })} class={`inbox-row state-${c.state}`} aria-current={current ? 'page' : undefined}>
        <span class="row-meta">
          <strong class="row-user">{c.visitor.label}</strong>
          <span>{c.botName}</span>
          {c.state === 'waiting' ? (
            <span class="badge warning">{t.inbox.waitingFor(waited ?? 0)}</span>
          ) : (
            <span class="badge neutral">{c.assignee?.id === me ? t.inbox.withYou : t.inbox.with(c.assignee?.name ?? '—')}</span>
          )}
          {c.unread > 0 && <span class="badge info">{t.inbox.unread(c.unread)}</span>}
        </span>
        {c.lastMessage && (
          <span class="row-preview">{c.lastMessage.role !== 'user' && `${t.inbox.answered} `}{c.lastMessage.text}</span>
        )}
      </Link>
    </li>
  );
}

function Connection() {
  const { t } = useI18n();
  const { connection, reconnect } = useInbox();
  if (connection === 'online') return <span class="live-dot on">{t.inbox.live}</span>;
  if (connection === 'connecting') return <span class="live-dot">{t.inbox.connecting}</span>;
  return (
    <span class="meta-line">
      <span class="live-dot off">{t.inbox.refused}</span>
      <button type="button" class="button small" onClick={reconnect}>{t.inbox.reconnect}</button>
    </span>
  );
}

/** Notifications are asked for on a click, as browsers require; the sound is this browser's choice. */
function Alerts() {
  const { t } = useI18n();
  const [permission, setPermission] = useState(notifyPermission);
  const [sound, setSoundState] = useState(soundOn);
  return (
    <>
      {permission === 'default' && (
        <button type="button" class="button small" onClick={() => void askNotifyPermission().then(setPermission)}>{t.inbox.enableNotifications}</button>
      )}
      {permission === 'denied' && <span class="muted small">{t.inbox.notificationsBlocked}</span>}
      <label class="toggle">
        <input type="checkbox" role="switch" checked={sound} onChange={(e) => {
          setSound(e.currentTarget.checked);
          setSoundState(e.currentTarget.checked);
        }} />
        <span class="toggle-track" aria-hidden="true"><span class="toggle-thumb" /></span>
        <span>{t.inbox.sound}</span>
      </label>
    </>
  );
}

function Presence() {
  const { t } = useI18n();
  const { staff } = useInbox();
  if (!staff.length) return null;
  const sorted = [...staff].sort((a, b) => Number(b.online) - Number(a.online) || a.name.localeCompare(b.name));
  return (
    <section class="card presence" aria-labelledby="presence-title">
      <h2 id="presence-title">{t.inbox.staff}</h2>
      <ul>
        {sorted.map((s) => (
          <li key={s.id} class={s.online ? 'on' : 'off'}>
            <span class="live-dot" aria-hidden="true" />
            {s.name} <span class="muted small">{s.online ? t.inbox.online : t.inbox.offline}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
