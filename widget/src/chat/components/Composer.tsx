import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Strings } from '../i18n';
import { SendIcon, StopIcon } from './Icons';

interface Props {
  t: Strings;
  open: boolean;
  /** A new conversation moves the focus back here too. */
  conversationId: string | null;
  canSend: boolean;
  streaming: boolean;
  /** The bot's length limit, in characters: a counter shows as the text nears it. */
  max?: number;
  /** Resolves false when the message was refused: the text comes back. */
  onSend(text: string): Promise<boolean>;
  onStop(): void;
}

const MAX_HEIGHT_PX = 140;

export function Composer({ t, open, conversationId, canSend, streaming, max = 1e9, onSend, onStop }: Props) {
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  // The server counts code points, as the visitor counts characters.
  const length = [...text.trim()].length;
  const over = length > max;
  const empty = !length || over;
  const label = streaming ? t.stop : t.send;

  useEffect(() => {
    // No focus on touch screens: it would pop the keyboard up over the conversation.
    if (open && matchMedia('(pointer: fine)').matches) input.current?.focus();
  }, [open, conversationId]);

  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = 'auto';
    // Hidden (panel closed) it measures 0: leave it at its natural one-row height then.
    if (!el.scrollHeight) return;
    const borders = el.offsetHeight - el.clientHeight;
    el.style.height = `${Math.min(el.scrollHeight + borders, MAX_HEIGHT_PX)}px`;
  }, [text, open]);

  async function submit() {
    if (empty || !canSend || streaming) return;
    const sent = text;
    setText('');
    if (!(await onSend(sent))) setText((current) => current || sent);
  }

  function onKeyDown(e: KeyboardEvent) {
    // Enter while an IME is composing picks a candidate (Chinese input); it must not send.
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    void submit();
  }

  return (
    <form class="cc-composer" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <textarea ref={input} class="cc-input" data-testid="cc-input" rows={1} value={text}
        placeholder={t.placeholder} aria-label={t.placeholder} onKeyDown={onKeyDown}
        onInput={(e) => setText(e.currentTarget.value)} />
      {length > max * 0.8 && (
        <span class="cc-count" role={over ? 'alert' : undefined} data-over={over || undefined}>
          {length}/{max}{over && ` ${t.limit(max)}`}
        </span>
      )}
      {/* Send, or Stop while a reply streams. */}
      <button type={streaming ? 'button' : 'submit'} class={streaming ? 'cc-send cc-stop' : 'cc-send'} data-testid={streaming ? 'cc-stop' : 'cc-send'}
        title={label} disabled={!streaming && (empty || !canSend)} onClick={streaming ? onStop : undefined}>
        {streaming ? <StopIcon /> : <SendIcon />}
      </button>
    </form>
  );
}
