import type { Strings } from '../i18n';
import type { Rating, ViewMessage } from '../stream';
import { ThumbDownIcon, ThumbUpIcon } from './Icons';
import { MessageBody } from './MessageBody';

interface Props {
  t: Strings;
  message: ViewMessage;
  /** Only the latest reply can be retried. */
  canRetry: boolean;
  onRetry(id: string): void;
  onRate(id: string, rating: Rating): void;
}

export function Message({ t, message, canRetry, onRetry, onRate }: Props) {
  const { id, role, text, status, error, feedback, truncated, sources, author } = message;
  const streaming = status === 'streaming';
  const note = truncated ? t.truncated : t.status[status as keyof Strings['status']];
  const rateable = role === 'assistant' && status === 'complete';
  return (
    <div class={`cc-message cc-${role}${streaming ? ' cc-streaming' : ''}`} data-testid="cc-message"
      data-role={role} data-status={status} aria-busy={streaming ? 'true' : undefined}>
      {role === 'agent' && <span class="cc-author" data-testid="cc-author">{author?.name || t.staff}</span>}
      <div class="cc-bubble">
        {text ? <MessageBody t={t} text={text} markdown={role !== 'user'} sources={sources} /> : streaming && (
          <span class="cc-typing" role="img" aria-label={t.typing}><i /><i /><i /></span>
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
              aria-label={rating === 'up' ? t.helpful : t.notHelpful} title={rating === 'up' ? t.helpful : t.notHelpful}
              onClick={() => onRate(id, rating)}>
              {rating === 'up' ? <ThumbUpIcon /> : <ThumbDownIcon />}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
