import { useEffect, useId } from 'preact/hooks';
import type { WidgetConfig } from '../../shared/contract';
import type { ChatStore } from '../chat-store';
import { pickLocale, strings, supportedLocale } from '../i18n';
import { streamingReply } from '../stream';
import { applyAccent } from '../theme';
import { useChatState } from '../use-chat-state';
import { useVisualViewport } from '../viewport';
import { Composer } from './Composer';
import { Handoff } from './Handoff';
import { Header } from './Header';
import { MessageList } from './MessageList';

interface Props {
  store: ChatStore;
  config: WidgetConfig;
  host: HTMLElement;
}

/** The chat window: header, conversation, composer. */
export function Panel({ store, config, host }: Props) {
  const chat = useChatState(store);
  const { open, phase, refusal, bot, conversation, announcement, typing } = chat;
  const locale = pickLocale(config.locale, ...navigator.languages, bot?.locale);
  const t = strings(locale);
  // Times as the visitor writes them: their browser's own variant of the widget's language (en-GB: 24 hours).
  const timeLocale = navigator.languages.find((l) => supportedLocale(l) === locale) || locale;
  const titleId = useId();
  const ready = phase === 'ready';
  const streaming = streamingReply(conversation) !== undefined;
  const notice = phase === 'connecting' ? t.connecting
    : phase === 'offline' ? (refusal && t.refusal[refusal]) || t.offline
    : phase === 'refused' ? (refusal && t.refusal[refusal]) || t.refusal.unknown_bot
    : undefined;

  useEffect(() => applyAccent(host, bot?.color), [host, bot?.color]);
  useVisualViewport(host, open);

  return (
    // The UI's own languages read left to right; messages pick their direction themselves.
    <section class="cc-panel" data-testid="cc-panel" role="dialog" aria-labelledby={titleId} lang={locale} dir="ltr"
      hidden={!open} onKeyDown={(e) => { if (e.key === 'Escape') store.close(); }}>
      <Header t={t} bot={bot} titleId={titleId} store={store} ready={ready} conversationId={conversation.id}
        hasMessages={conversation.messages.length > 0} timeLocale={timeLocale} onClose={() => store.close()} />
      {notice && <p class="cc-notice" role="status" data-testid="cc-notice" data-phase={phase}>{notice}</p>}
      <MessageList t={t} bot={bot} messages={conversation.messages} error={conversation.error} ready={ready} open={open} typing={typing} timeLocale={timeLocale}
        onSend={(text) => void store.send(text)} onRetry={(id) => void store.retry(id)} onRate={(id, rating, comment) => void store.rate(id, rating, comment)} />
      <Handoff t={t} locale={locale} bot={bot} state={chat} onAsk={() => void store.handoff()} onNew={() => void store.newConversation()}
        onLeave={(email, text) => store.leaveMessage(email, text)} onCancel={() => store.cancelLeave()} />
      <Composer t={t} open={open} conversationId={conversation.id} canSend={phase !== 'refused' && conversation.state !== 'closed'} streaming={streaming} max={bot?.maxMessageLength}
        onSend={(text) => store.send(text)} onStop={() => store.stop()} />
      <div class="cc-sr" aria-live="polite" data-testid="cc-live">{announcement?.text}</div>
    </section>
  );
}
