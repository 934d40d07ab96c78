import { useState } from 'preact/hooks';
import type { Strings } from '../i18n';
import type { Rating, ViewMessage } from '../stream';
import { ThumbDownIcon, ThumbUpIcon } from './Icons';
import { FeedbackForm } from './lazy-parts';
import { MessageBody } from './MessageBody';

interface Props {
  t: Strings;
  message: ViewMessage;
  /** Only the latest reply can be retried. */
  canRetry: boolean;
  onRetry(id: string): void;
  onRate(id: string, rating: Rating, comment?: string): void;
  /** Who wrote it, shown above: the bot on the first reply of a run, a staff member on each of theirs. */
  by?: string;
  /** When it was written, exactly: shown on hover. */
  time?: string;
}

/** Who wrote a reply: an initial in the bot's colour, and the name. */
export const By = ({ name }: { name: string }) => (
  <div class="cc-by"><b class="cc-avatar" aria-hidden="true">{[...name][0]}</b><span class="cc-author" data-testid="cc-author">{name}</span></div>
);

/** Three dots: the reply is on its way, or a staff member is typing. */
export const Typing = ({ t }: { t: Strings }) => <span class="cc-typing" role="img" aria-label={t.typing}><i /><i /><i /></span>;

export function Message({ t, message, canRetry, onRetry, onRate, by, time }: Props) {
  const { id, role, text, status, error, feedback, truncated, sources } = message;
  const streaming = status === 'streaming';
  const note = truncated ? t.truncated : t.status[status as keyof Strings['status']];
  const rateable = role === 'assistant' && status === 'complete';
  // Thumbs down asks what went wrong (optional), then thanks.
  const [ask, setAsk] = useState(false);
  return (
    <div class={`cc-message cc-${role}${streaming ? ' cc-streaming' : ''}`} data-testid="cc-message"
      data-role={role} data-status={status} aria-busy={streaming ? 'true' : undefined}>
      {by && <By name={by} />}
      <div class="cc-bubble" title={time}>
        {text ? <MessageBody t={t} text={text} markdown={role !== 'user'} sources={sources} /> : streaming && (
          <Typing t={t} />
        )}
      </div>
      {(note || rateable) && (
        <div class="cc-meta">
          {note && <span class={`cc-note cc-note-${status}`}>{error ? `${note}: ${error}` : note}</span>}
          {canRetry && (status === 'failed' || status === 'stopped') && (
            <button type="button" class="cc-link" data-testid="cc-retry" onClick={() => onRetry(id)}>{t.retry}</button>
          )}
          {rateable && (['up', 'down'] as const).map((rating) => (
            <button type="button" key={rating} class="cc-rate" data-testid={`cc-feedback-${rating}`} aria-pressed={feedback === rating}
              title={t[rating]}
              onClick={() => {
                onRate(id, rating);
                setAsk(rating === 'down');
              }}>
              {rating === 'up' ? <ThumbUpIcon /> : <ThumbDownIcon />}
            </button>
          ))}
        </div>
      )}
      {ask && <FeedbackForm t={t} onComment={(comment) => onRate(id, 'down', comment)} />}
    </div>
  );
}
