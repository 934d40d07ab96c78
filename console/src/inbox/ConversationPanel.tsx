import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useSession } from '../auth/session';
import { MessageItem } from '../conversations/MessageItem';
import { useI18n } from '../i18n';
import { Link } from '../ui/Link';
import { routePath } from '../ui/routes';
import { ErrorNote, Loading } from '../ui/States';
import { useAsync } from '../ui/use-async';
import { claim, close, getConversation, type HandoffTranscript, release, sendStaffMessage } from './api';
import { useInbox } from './live';
import { createTypingSignal } from './typing';
import type { InboxConversation, VisitorContext, WireMessage } from './types';

type Message = HandoffTranscript['messages'][number];
const MAX_TEXT = 2000;

/** A live message in the transcript's shape (the model's figures are the transcript page's business). */
const asTranscript = (m: WireMessage): Message => ({
  roleVersion: null, feedbackComment: null, promptTokens: null, completionTokens: null, latencyMs: null, firstTokenMs: null,
  finishReason: null, errorCode: null, errorDetail: null, ...m, feedback: m.feedback ?? null, truncated: !!m.truncated, sources: undefined,
});

/**
 * One conversation of the inbox: the whole transcript with live messages, the visitor's context,
 * the composer and the actions. Who holds it is the inbox's latest word, else the transcript's.
 */
export function ConversationPanel({ id }: { id: string }) {
  const { t } = useI18n();
  const me = useSession().user.id;
  const inbox = useInbox();
  const { state, reload } = useAsync((signal) => getConversation(id, signal), [id]);
  const [extra, setExtra] = useState<Message[]>([]);
  const [latest, setLatest] = useState<InboxConversation | null>(null);
  const [typing, setTyping] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const end = useRef<HTMLDivElement>(null);
  const { socket } = inbox;

  useEffect(() => {
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const onMessage = ({ conversationId, message }: { conversationId: string; message: WireMessage }) => {
      if (conversationId !== id) return;
      setExtra((list) => (list.some((m) => m.id === message.id) ? list : [...list, asTranscript(message)]));
      if (message.role === 'user') setTyping(false);
    };
    const onUpdate = ({ conversation }: { conversation: InboxConversation }) => conversation.id === id && setLatest(conversation);
    const onTyping = ({ conversationId, on }: { conversationId: string; on: boolean }) => {
      if (conversationId !== id) return;
      clearTimeout(quiet);
      setTyping(on);
      // An `on` whose `off` never comes (the visitor left) fades out.
      if (on) quiet = setTimeout(() => setTyping(false), 8000);
    };
    socket.on('message:new', onMessage);
    socket.on('inbox:update', onUpdate);
    socket.on('typing', onTyping);
    return () => {
      clearTimeout(quiet);
      socket.off('message:new', onMessage);
      socket.off('inbox:update', onUpdate);
      socket.off('typing', onTyping);
    };
  }, [id, socket]);

  const signal = useMemo(() => createTypingSignal((on) => socket.emit('typing', { conversationId: id, on })), [id, socket]);
  useEffect(() => () => signal.stop(), [signal]);

  const data = state.status === 'ready' ? state.data : null;
  const messages = useMemo(() => {
    const stored = data?.messages ?? [];
    const known = new Set(stored.map((m) => m.id));
    return [...stored, ...extra.filter((m) => !known.has(m.id))].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }, [data, extra]);

  useEffect(() => end.current?.scrollIntoView?.({ block: 'nearest' }), [messages.length]);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNote error={state.error} onRetry={reload} />;

  const live = inbox.conversations.find((c) => c.id === id);
  const detail = state.data.conversation;
  const current = live ?? latest ?? { state: detail.state ?? 'bot', assignee: detail.assignee ?? null, visitor: detail.visitor };
  const holder = current.state === 'human' ? current.assignee : null;
  const mine = holder?.id === me;
  const other = !!holder && !mine;
  const closed = current.state === 'closed';
  const canWrite = !other && !closed;
  const trimmed = text.trim();

  async function act(action: (id: string) => Promise<InboxConversation>) {
    setBusy(true);
    setError(null);
    try {
      const c = await action(id);
      inbox.apply(c);
      setLatest(c);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function send() {
    if (!trimmed || trimmed.length > MAX_TEXT || busy || !canWrite) return;
    signal.stop();
    setBusy(true);
    setError(null);
    try {
      const r = await sendStaffMessage(id, trimmed);
      setText('');
      // The /staff room may have brought it already (the sender is in it too).
      setExtra((list) => (list.some((m) => m.id === r.message.id) ? list : [...list, asTranscript(r.message)]));
      inbox.apply(r.conversation);
      setLatest(r.conversation);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="inbox-conversation">
      <section class="card inbox-thread" aria-label={t.transcript.title}>
        <div class="section-head">
          <span class="meta-line">
            <strong>{current.visitor?.label ?? detail.visitorId}</strong>
            <span class={`badge ${current.state === 'waiting' ? 'warning' : current.state === 'human' ? 'success' : 'neutral'}`}>{t.inbox.state[current.state]}</span>
            {holder && <span>{mine ? t.inbox.withYou : t.inbox.with(holder.name)}</span>}
          </span>
          <span class="row-actions">
            {!mine && !other && !closed && <button type="button" class="button small primary" disabled={busy} onClick={() => void act(claim)}>{t.inbox.claim}</button>}
            {mine && <button type="button" class="button small" disabled={busy} onClick={() => void act(release)}>{t.inbox.release}</button>}
            {!other && !closed && <button type="button" class="button small ghost" disabled={busy} onClick={() => void act(close)}>{t.inbox.close}</button>}
          </span>
        </div>
        <div class="inbox-messages" role="log" aria-label={t.transcript.messages}>
          <ol class="message-list">
            {messages.map((m) => <MessageItem key={m.id} message={m} />)}
          </ol>
          <div ref={end} />
        </div>
        <p class="muted small typing-note" aria-live="polite">{typing ? (other ? t.inbox.typingColleague(holder!.name) : t.inbox.typingVisitor) : ''}</p>
        {error !== null && <ErrorNote error={error} compact />}
        {other && <p class="notice">{t.inbox.heldByOther(holder!.name)}</p>}
        {closed && <p class="notice">{t.inbox.closedNote}</p>}
        <form class="composer" onSubmit={(e) => { e.preventDefault(); void send(); }}>
          <label class="visually-hidden" for="inbox-composer">{t.inbox.composer}</label>
          <textarea id="inbox-composer" rows={3} value={text} maxLength={MAX_TEXT} disabled={!canWrite} placeholder={t.inbox.placeholder}
            onInput={(e) => {
              const value = e.currentTarget.value;
              setText(value);
              if (value.trim()) signal.input();
              else signal.stop();
            }}
            onKeyDown={(e) => {
              // Enter sends; Shift+Enter is a new line; Enter that picks an IME candidate (中文输入) is neither.
              if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
                e.preventDefault();
                void send();
              }
            }} />
          <button type="submit" class="button primary" disabled={!canWrite || busy || !trimmed}>{busy ? t.inbox.sending : t.inbox.send}</button>
        </form>
      </section>
      <VisitorFacts visitor={current.visitor ?? detail.visitor} id={id} />
    </div>
  );
}

const webLink = (url: string) => (/^https?:\/\//i.test(url) ? <a href={url} target="_blank" rel="noopener noreferrer">{url}</a> : url);

function VisitorFacts({ visitor: v, id }: { visitor?: VisitorContext; id: string }) {
  const { t } = useI18n();
  const rows: Array<[string, unknown]> = v ? [
    [t.inbox.identity, v.identity && (
      <>
        {[v.identity.name, v.identity.email, v.identity.id].filter(Boolean).join(' · ')}{' '}
        <span class={`badge ${v.identity.verified ? 'success' : 'neutral'}`}>{v.identity.verified ? t.inbox.verified : t.inbox.unverified}</span>
      </>
    )],
    [t.inbox.page, v.pageUrl && webLink(v.pageUrl)],
    [t.inbox.referrer, v.referrer && webLink(v.referrer)],
    [t.inbox.browser, v.browser],
    [t.inbox.locale, v.locale],
    [t.inbox.earlier, String(v.earlierConversations)],
  ] : [];
  return (
    <aside class="card inbox-visitor" aria-labelledby="visitor-title">
      <h2 id="visitor-title">{t.transcript.visitor}</h2>
      <dl>
        {rows.filter(([, value]) => value).map(([label, value]) => (
          <div key={label}><dt>{label}</dt><dd>{value as never}</dd></div>
        ))}
      </dl>
      <Link href={routePath({ name: 'conversation', id })}>{t.inbox.fullTranscript}</Link>
    </aside>
  );
}
