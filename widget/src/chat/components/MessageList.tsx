import { useLayoutEffect, useRef } from 'preact/hooks';
import type { WireBot, WireError } from '../../../../backend/src/chat/widget.events';
import { errorText, type Strings } from '../i18n';
import { isNearBottom } from '../scroll';
import type { Rating, ViewMessage } from '../stream';
import { Message, Typing } from './Message';
import { Suggestions } from './Suggestions';

interface Props {
  t: Strings;
  bot?: WireBot;
  messages: ViewMessage[];
  error: WireError | null;
  ready: boolean;
  open: boolean;
  /** A staff member is typing. */
  typing?: boolean;
  onSend(text: string): void;
  onRetry(id: string): void;
  onRate(id: string, rating: Rating, comment?: string): void;
}

export function MessageList({ t, bot, messages, error, ready, open, typing, onSend, onRetry, onRate }: Props) {
  const list = useRef<HTMLDivElement>(null);
  const height = useRef(0);
  const wasOpen = useRef(false);

  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    // Follow new text only when the visitor was at the end before it came (measured against
    // the height before this render, so a scroll up between two deltas is never undone).
    const { scrollTop, clientHeight } = el;
    const wasAtEnd = isNearBottom({ scrollTop, clientHeight, scrollHeight: height.current });
    const sending = messages[messages.length - 1]?.status === 'sending';
    if (open && (wasAtEnd || sending || !wasOpen.current)) el.scrollTop = el.scrollHeight;
    wasOpen.current = open;
    height.current = el.scrollHeight;
  }, [messages, error, open, typing]);

  const empty = messages.length === 0;
  return (
    // Not live itself: it would read every token. The panel's live region reads each reply once.
    <div class="cc-messages" ref={list} role="log" aria-live="off" tabIndex={-1}>
      {empty && bot?.greeting && (
        <div class="cc-message cc-assistant cc-greeting" data-testid="cc-greeting">
          <div class="cc-bubble"><div class="cc-body" dir="auto">{bot.greeting}</div></div>
        </div>
      )}
      {messages.map((m, i) => (
        <Message key={m.clientId ?? m.id} t={t} message={m} canRetry={ready && i === messages.length - 1} onRetry={onRetry} onRate={onRate} />
      ))}
      {typing && (
        <div class="cc-message cc-agent" data-testid="cc-agent-typing">
          <div class="cc-bubble"><Typing t={t} /></div>
        </div>
      )}
      {empty && bot && <Suggestions t={t} items={bot.suggestions} disabled={!ready} onPick={onSend} />}
      {error && <p class="cc-error" role="alert" data-testid="cc-error">{errorText(t, error)}</p>}
    </div>
  );
}
