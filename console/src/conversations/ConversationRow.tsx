import type { ConversationSummary } from '../api/types';
import { useI18n } from '../i18n';
import { formatDateTime } from '../i18n/format';
import { Link } from '../ui/Link';
import { routePath } from '../ui/routes';
import { FlaggedBadge, RatingBadges, ReviewedBadge, StatusBadge, VerifiedBadge } from './Badges';

/** One conversation in the list: the whole row is the link to its transcript. */
export function ConversationRow({ conversation: c }: { conversation: ConversationSummary }) {
  const { t, locale } = useI18n();
  return (
    <li class="conversation-row">
      <Link href={routePath({ name: 'conversation', id: c.id })} class="conversation-link">
        <div class="row-meta">
          <span class="row-bot">{c.bot.name}</span>
          {c.identity && (
            <span class="row-user" title={c.identity.externalId}>
              <VerifiedBadge /> {c.identity.name ?? c.identity.email ?? c.identity.externalId}
              {c.identity.name && c.identity.email && <span class="muted"> · {c.identity.email}</span>}
            </span>
          )}
          <time dateTime={c.lastMessageAt ?? c.createdAt}>{formatDateTime(c.lastMessageAt ?? c.createdAt, locale)}</time>
          <span>{t.conversations.messageCount(c.messageCount)}</span>
        </div>
        <p class="row-preview">{c.preview || <span class="muted">{t.conversations.noPreview}</span>}</p>
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
