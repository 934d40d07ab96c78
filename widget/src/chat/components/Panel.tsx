import { useEffect, useId } from 'preact/hooks';
import type { WidgetConfig } from '../../shared/contract';
import type { ChatStore } from '../chat-store';
import { pickLocale, strings } from '../i18n';
import { streamingReply } from '../stream';
import { applyAccent } from '../theme';
import { useChatState } from '../use-chat-state';
import { Composer } from './Composer';
import { Header } from './Header';
import { MessageList } from './MessageList';

interface Props {
  store: ChatStore;
  config: WidgetConfig;
  host: HTMLElement;
}

/** The chat window: header, conversation, composer. */
export function Panel({ store, config, host }: Props) {
  const { open, phase, refusal, bot, conversation } = useChatState(store);
  const locale = pickLocale(config.locale, bot?.locale, navigator.language);
  const t = strings(locale);
  const titleId = useId();
  const ready = phase === 'ready';
  const streaming = streamingReply(conversation) !== undefined;
  const notice = phase === 'connecting' ? t.connecting
    : phase === 'offline' ? t.offline
    : phase === 'refused' ? (refusal && t.refusal[refusal]) || t.refusal.unknown_bot
    : undefined;

  useEffect(() => applyAccent(host, bot?.color), [host, bot?.color]);

  return (
    <section class="cc-panel" data-testid="cc-panel" role="dialog" aria-labelledby={titleId} lang={locale}
      hidden={!open} onKeyDown={(e) => { if (e.key === 'Escape') store.close(); }}>
      <Header t={t} bot={bot} titleId={titleId} canStartNew={ready && conversation.messages.length > 0}
        onNew={() => void store.newConversation()} onClose={() => store.close()} />
      {notice && <p class="cc-notice" role="status" data-testid="cc-notice" data-phase={phase}>{notice}</p>}
      <MessageList t={t} bot={bot} messages={conversation.messages} error={conversation.error} ready={ready} open={open}
        onSend={(text) => void store.send(text)} />
      <Composer t={t} open={open} conversationId={conversation.id} canSend={ready} streaming={streaming}
        onSend={(text) => store.send(text)} onStop={() => store.stop()} />
    </section>
  );
}
