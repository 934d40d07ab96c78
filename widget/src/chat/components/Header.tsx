import { useEffect, useRef, useState } from 'preact/hooks';
import type { WireBot } from '../../../../backend/src/chat/widget.events';
import type { ChatStore } from '../chat-store';
import type { Strings } from '../i18n';
import { CloseIcon, HistoryIcon, NewIcon } from './Icons';
import { ConversationSheet } from './lazy-sheet';

interface Props {
  t: Strings;
  bot?: WireBot;
  titleId: string;
  store: ChatStore;
  ready: boolean;
  /** The conversation on screen, and whether it has messages (a new one is offered only then). */
  conversationId: string | null;
  hasMessages: boolean;
  timeLocale: string;
  onClose(): void;
}

/**
 * The bot's name; earlier conversations; a new conversation (named in words, asking first, the
 * current one kept); close. The question and the list are a sheet over the panel, in a lazy chunk.
 */
export function Header({ t, bot, titleId, store, ready, conversationId, hasMessages, timeLocale, onClose }: Props) {
  const [sheet, setSheet] = useState<'new' | 'list'>();
  const opener = useRef<HTMLElement | null>(null);
  // Connected: the sheet's chunk comes while nothing else happens, so a click never waits for it.
  useEffect(() => {
    if (ready) (window.requestIdleCallback ?? setTimeout)(() => void ConversationSheet.preload());
  }, [ready]);
  const show = (mode: 'new' | 'list') => (e: Event) => {
    opener.current = e.currentTarget as HTMLElement;
    setSheet(mode);
  };
  return (
    <>
      <header class="cc-header">
        <div class="cc-title">
          <span class="cc-name" id={titleId}>{bot?.name || t.title}</span>
          {bot?.demo && <span class="cc-badge" data-testid="cc-demo" title={t.demoTitle}>{t.demo}</span>}
        </div>
        <button type="button" class="cc-icon-button" data-testid="cc-history" title={t.history} disabled={!ready} onClick={show('list')}>
          <HistoryIcon />
        </button>
        <button type="button" class="cc-icon-button cc-new" data-testid="cc-new" aria-label={t.newConversation}
          title={t.newConversation} disabled={!ready || !hasMessages} onClick={show('new')}>
          <NewIcon /><span>{t.newShort}</span>
        </button>
        <button type="button" class="cc-icon-button" data-testid="cc-close" title={t.close} onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      {sheet && (
        <ConversationSheet t={t} store={store} mode={sheet} current={conversationId} timeLocale={timeLocale} onDone={() => {
          setSheet(undefined);
          opener.current?.focus();
        }} />
      )}
    </>
  );
}
