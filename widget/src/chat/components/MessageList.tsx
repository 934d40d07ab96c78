import { Fragment } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { WireBot, WireError } from '../../../../backend/src/chat/widget.events';
import { errorText, type Strings } from '../i18n';
import { isNearBottom } from '../scroll';
import type { Rating, ViewMessage } from '../stream';
import { exactTime, startsTimeGroup, timeLabel } from '../time';
import { By, Message, Typing } from './Message';
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
  /** The locale times are written in. */
  timeLocale: string;
  onSend(text: string): void;
  onRetry(id: string): void;
  onRate(id: string, rating: Rating, comment?: string): void;
}

export function MessageList({ t, bot, messages, error, ready, open, typing, timeLocale, onSend, onRetry, onRate }: Props) {
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

  const name = bot?.name || t.title;
  return (
    // Not live itself: it would read every token. The panel's live region reads each reply once.
    <div class="cc-messages" ref={list} role="log" aria-live="off" tabIndex={-1}>
      {bot?.greeting && (
        <div class="cc-message cc-assistant cc-greeting" data-testid="cc-greeting">
          <By name={name} />
          <div class="cc-bubble"><div class="cc-body" dir="auto">{bot.greeting}</div></div>
        </div>
      )}
      {messages.map((m, i) => {
        const label = startsTimeGroup(messages, i);
        // The bot's name and initial on the first reply after anything else (or a time label); a person's on each of theirs.
        const by = m.role === 'agent' ? m.author?.name || t.staff
          : m.role === 'assistant' && (label || messages[i - 1]?.role !== 'assistant') ? name : undefined;
        return (
          <Fragment key={m.clientId ?? m.id}>
            {label && <p class="cc-time" data-testid="cc-time"><time dateTime={new Date(m.at!).toISOString()}>{timeLabel(m.at!, timeLocale)}</time></p>}
            <Message t={t} message={m} canRetry={ready && i === messages.length - 1} onRetry={onRetry} onRate={onRate}
              by={by} time={m.at ? exactTime(m.at, timeLocale) : undefined} />
          </Fragment>
        );
      })}
      {typing && (
        <div class="cc-message cc-agent" data-testid="cc-agent-typing">
          <div class="cc-bubble"><Typing t={t} /></div>
        </div>
      )}
      {bot && !messages.some((m) => m.role === 'user') && <Suggestions t={t} items={bot.suggestions} disabled={!ready} onPick={onSend} />}
      {error && <p class="cc-error" role="alert" data-testid="cc-error">{errorText(t, error)}</p>}
    </div>
  );
}
