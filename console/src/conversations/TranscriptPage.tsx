import type { Annotations } from '../api/types';
import { useI18n } from '../i18n';
import { formatDateTime } from '../i18n/format';
import { Link } from '../ui/Link';
import { PageHeader } from '../ui/PageHeader';
import { routePath } from '../ui/routes';
import { Empty, ErrorNote, Loading } from '../ui/States';
import { useAsync } from '../ui/use-async';
import { AnnotationPanel } from './AnnotationPanel';
import { getTranscript } from './api';
import { FlaggedBadge, RatingBadges, StatusBadge, VerifiedBadge } from './Badges';
import { listSearch } from './last-list';
import { MessageItem } from './MessageItem';

/** One conversation, message by message, with the staff's tags, review mark and note beside it. */
export function TranscriptPage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const { state, reload, setData } = useAsync((signal) => getTranscript(id, signal), [id]);
  const back = (
    <Link href={`${routePath({ name: 'conversations' })}${listSearch()}`}>← {t.transcript.back}</Link>
  );

  if (state.status === 'loading') return <><PageHeader title={t.transcript.title} back={back} /><Loading /></>;
  if (state.status === 'error') return <><PageHeader title={t.transcript.title} back={back} /><ErrorNote error={state.error} onRetry={reload} /></>;

  const { conversation: c, messages } = state.data;
  const onSaved = (changes: Annotations) => setData((data) => ({ ...data, conversation: { ...data.conversation, ...changes } }));
  return (
    <>
      <PageHeader
        back={back}
        title={`${t.transcript.title} · ${c.bot.name}`}
        subtitle={
          <span class="meta-line">
            {c.identity && (
              <span class="row-user">
                {t.transcript.user}: <VerifiedBadge /> {c.identity.name && <strong>{c.identity.name}</strong>}
                {c.identity.email && <> {c.identity.email}</>}
                {' · '}{t.transcript.userId}: <code>{c.identity.externalId}</code>
              </span>
            )}
            <span>{t.transcript.visitorId}: <code>{c.visitorId}</code></span>
            <span>{t.transcript.started}: {formatDateTime(c.createdAt, locale)}</span>
            <span>{t.conversations.messageCount(c.messageCount)}</span>
          </span>
        }
        actions={
          <div class="row-badges">
            {c.statuses.map((s) => <StatusBadge key={s} status={s} />)}
            {c.flagged && <FlaggedBadge />}
            <RatingBadges rating={c.rating} />
          </div>
        }
      />
      <div class="transcript-layout">
        <section aria-label={t.transcript.messages}>
          {messages.length === 0 ? (
            <Empty>{t.transcript.noMessages}</Empty>
          ) : (
            <ol class="message-list">
              {messages.map((m) => <MessageItem key={m.id} message={m} />)}
            </ol>
          )}
        </section>
        <AnnotationPanel key={c.id} conversation={c} onSaved={onSaved} />
      </div>
    </>
  );
}
