import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { WireConversationSummary } from '../../../../backend/src/chat/widget.events';
import { addStyles } from '../../shared/add-styles';
import type { ChatStore } from '../chat-store';
import { conversationStrings } from '../conversation-strings';
import type { Strings } from '../i18n';
import { timeLabel } from '../time';
import { sheetStyles } from './sheet-styles';

export interface ConversationSheetProps {
  t: Strings;
  store: Pick<ChatStore, 'newConversation' | 'listConversations' | 'openConversation'>;
  /** `new`: asks before starting a new conversation; `list`: the visitor's conversations to reopen. */
  mode: 'new' | 'list';
  /** The conversation on screen. */
  current: string | null;
  /** The locale times are written in. */
  timeLocale: string;
  onDone(): void;
}

/** Shadow roots that have the sheet's styles already. */
const styled = new WeakSet<Node>();

/**
 * Over the panel: the question before a new conversation (the current one is kept, and says
 * where to find it), or the visitor's conversations, newest first, to reopen one. A modal
 * dialog: the focus moves in and stays in, Escape or a click outside closes it. In a lazy chunk
 * (lazy-parts.ts).
 */
export function ConversationSheet({ t, store, mode, current, timeLocale, onDone }: ConversationSheetProps) {
  const s = conversationStrings[t.locale];
  const titleId = useId();
  const sheet = useRef<HTMLDivElement>(null);
  // null while loading; undefined when the list could not be read.
  const [items, setItems] = useState<WireConversationSummary[] | null | undefined>(null);

  useLayoutEffect(() => {
    const root = sheet.current!.getRootNode();
    if (root instanceof ShadowRoot && !styled.has(root)) {
      styled.add(root);
      // Where the panel's own styles fell back to a <style> with the page's nonce, this one takes it too.
      addStyles(root, sheetStyles, root.querySelector('style')?.nonce);
    }
  }, []);
  useEffect(() => {
    if (mode === 'list') void store.listConversations().then(setItems);
  }, [mode]);
  // The first control takes the focus: the confirming one, or the first conversation once listed.
  useEffect(() => sheet.current!.querySelector<HTMLElement>('[data-first]')?.focus(), [items === null]);

  function keys(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.stopPropagation(); // closes the sheet, not the panel
      onDone();
    } else if (e.key === 'Tab') {
      const all = [...sheet.current!.querySelectorAll<HTMLElement>('button')];
      const edge = e.shiftKey ? all[0] : all[all.length - 1];
      if (document.activeElement === edge || !sheet.current!.contains((e.target as Node) ?? null)) {
        e.preventDefault();
        (e.shiftKey ? all[all.length - 1] : all[0])?.focus();
      }
    }
  }

  async function open(id: string) {
    onDone();
    if (id !== current) await store.openConversation(id);
  }

  return (
    <div class="cc-veil" onClick={(e) => e.target === e.currentTarget && onDone()} onKeyDown={keys}>
      <div ref={sheet} class="cc-sheet" role={mode === 'new' ? 'alertdialog' : 'dialog'} aria-modal="true" aria-labelledby={titleId}
        data-testid={mode === 'new' ? 'cc-confirm' : 'cc-history-list'}>
        <h2 id={titleId}>{mode === 'new' ? s.confirmTitle : t.history}</h2>
        {mode === 'new' ? (
          <>
            <p>{s.kept}</p>
            <div class="cc-sheet-actions">
              <button type="button" class="cc-link" data-testid="cc-confirm-cancel" onClick={onDone}>{s.cancel}</button>
              <button type="button" class="cc-chip" data-testid="cc-confirm-new" data-first onClick={() => {
                onDone();
                void store.newConversation();
              }}>{s.start}</button>
            </div>
          </>
        ) : (
          <>
            {!items?.length ? <p role="status">{items === null ? s.loading : items ? s.none : s.failed}</p> : (
              <ul>
                {items.map((c, i) => (
                  <li key={c.id}>
                    <button type="button" data-testid="cc-history-item" data-first={i === 0 || undefined} aria-current={c.id === current || undefined}
                      onClick={() => void open(c.id)}>
                      <span class="cc-sheet-q" dir="auto">{c.preview || '…'}</span>
                      <span class="cc-sheet-meta">
                        {c.id === current && `${s.current} · `}
                        <time dateTime={c.lastMessageAt}>{timeLabel(Date.parse(c.lastMessageAt), timeLocale)}</time>
                        {` · ${s.count(c.messageCount)}`}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <div class="cc-sheet-actions">
              <button type="button" class="cc-link" data-testid="cc-history-close" data-first={!items?.length || undefined} onClick={onDone}>{s.close}</button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
