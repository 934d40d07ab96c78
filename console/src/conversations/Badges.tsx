import type { ConversationSummary, MessageStatus } from '../api/types';
import { useT } from '../i18n';
import { ThumbDown, ThumbUp } from '../ui/icons';

const TONE: Record<MessageStatus, string> = {
  filtered: 'warning',
  failed: 'danger',
  stopped: 'neutral',
  streaming: 'info',
  complete: 'success',
};

export function StatusBadge({ status }: { status: MessageStatus }) {
  const t = useT();
  return <span class={`badge ${TONE[status]}`} title={t.status.explain[status]}>{t.status.name[status]}</span>;
}

export function RatingBadges({ rating }: { rating: ConversationSummary['rating'] }) {
  const t = useT();
  return (
    <>
      {rating.up > 0 && (
        <span class="badge success" title={t.conversations.ratedUp(rating.up)}>
          <ThumbUp label={t.conversations.ratedUp(rating.up)} /> {rating.up}
        </span>
      )}
      {rating.down > 0 && (
        <span class="badge danger" title={t.conversations.ratedDown(rating.down)}>
          <ThumbDown label={t.conversations.ratedDown(rating.down)} /> {rating.down}
        </span>
      )}
    </>
  );
}

export function ReviewedBadge() {
  const t = useT();
  return <span class="badge outline">✓ {t.conversations.reviewed}</span>;
}

export function FlaggedBadge() {
  const t = useT();
  return <span class="badge warning" title={t.conversations.flaggedHint}>⚑ {t.conversations.flagged}</span>;
}

/** A signed-in user of the site, identified with a valid hash. */
export function VerifiedBadge() {
  const t = useT();
  return <span class="badge info" title={t.conversations.verifiedHint}>✓ {t.conversations.verified}</span>;
}
