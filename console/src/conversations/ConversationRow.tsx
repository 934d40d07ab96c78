import type { ConversationSummary } from '../api/types';
import { useI18n, type Strings } from '../i18n';
import { formatDateTime } from '../i18n/format';
import { Link } from '../ui/Link';
import { routePath } from '../ui/routes';
import { FlaggedBadge, RatingBadges, ReviewedBadge, StatusBadge, VerifiedBadge } from './Badges';
import { ago, shortVisitorId, splitMatches } from './list-text';

/** "3 min ago", or the date beyond a week. */
function relative(t: Strings, iso: string, now: number, absolute: string): string {
  const when = ago(iso, now);
  if (!when) return absolute;
  if (when.unit === 'now') return t.conversations.justNow;
  if (when.unit === 'minutes') return t.conversations.minutesAgo(when.n);
  if (when.unit === 'hours') return t.conversations.hoursAgo(when.n);
  return t.conversations.daysAgo(when.n);
}

/** The text with every occurrence of the search in <mark>; all of it rendered as text, never as HTML. */
function Highlighted({ text, query }: { text: string; query: string }) {
  return <>{splitMatches(text, query).map((piece, i) => (piece.match ? <mark key={i}>{piece.text}</mark> : piece.text))}</>;
}

interface Props {
  conversation: ConversationSummary;
  /** The list's search, highlighted in the preview. */
  query?: string;
  /** The time "ago" counts from (ms), so the whole list ticks together. */
  now?: number;
}

/** One conversation in the list: the whole row is the link to its transcript. */
export function ConversationRow({ conversation: c, query = '', now = Date.now() }: Props) {
  const { t, locale } = useI18n();
  const at = c.lastMessageAt ?? c.createdAt;
  const absolute = formatDateTime(at, locale);
  return (
    <li class="conversation-row">
      <Link href={routePath({ name: 'conversation', id: c.id })} class="conversation-link">
        <div class="row-meta">
          <span class="row-bot">{c.bot.name}</span>
          {c.identity ? (
            <span class="row-user" title={c.identity.externalId}>
              <VerifiedBadge /> {c.identity.name ?? c.identity.email ?? c.identity.externalId}
              {c.identity.name && c.identity.email && <span class="muted"> · {c.identity.email}</span>}
            </span>
          ) : (
            <span class="row-user anonymous" title={t.conversations.anonymousHint}>{t.conversations.anonymousVisitor(shortVisitorId(c.visitorId))}</span>
          )}
          <time dateTime={at} title={absolute}>{relative(t, at, now, absolute)}</time>
          <span>{t.conversations.messageCount(c.messageCount)}</span>
        </div>
        <p class="row-preview">{c.preview ? <Highlighted text={c.preview} query={query} /> : <span class="muted">{t.conversations.noPreview}</span>}</p>
        <div class="row-badges">
          {c.statuses.map((status) => <StatusBadge key={status} status={status} />)}
          {c.flagged && <FlaggedBadge />}
          <RatingBadges rating={c.rating} />
          {c.tags.map((tag) => <span key={tag} class="chip small">{tag}</span>)}
          {c.reviewed && <ReviewedBadge />}
        </div>
      </Link>
    </li>
  );
}
