import type { Strings } from '../i18n';
import type { ViewMessage } from '../stream';
import { MessageBody } from './MessageBody';

interface Props {
  t: Strings;
  message: ViewMessage;
}

export function Message({ t, message }: Props) {
  const { role, text, status, error } = message;
  const streaming = status === 'streaming';
  const note = t.status[status as keyof Strings['status']];
  return (
    <div class={`cc-message cc-${role}${streaming ? ' cc-streaming' : ''}`} data-testid="cc-message"
      data-role={role} data-status={status} aria-busy={streaming ? 'true' : undefined}>
      <div class="cc-bubble">
        {text ? <MessageBody text={text} /> : streaming && (
          <span class="cc-typing" role="img" aria-label={t.typing}><i /><i /><i /></span>
        )}
      </div>
      {note && <p class={`cc-note cc-note-${status}`}>{error ? `${note}: ${error}` : note}</p>}
    </div>
  );
}
