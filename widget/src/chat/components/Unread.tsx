import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { addStyles } from '../../shared/add-styles';
import type { Locale } from '../i18n';
import { chime } from '../chime';
import { unreadStyles } from './unread-styles';

export interface UnreadProps {
  locale: Locale;
  /** Replies (the bot's or a staff member's) that arrived while the panel was closed. */
  count: number;
  /** The latest of them. */
  text: string;
  /** `data-sound="true"`: a short chime with each. */
  sound?: boolean;
  nonce?: string;
  onOpen(): void;
}

const labels: Record<Locale, (n: number) => string> = {
  en: (n) => `${n} unread ${n === 1 ? 'message' : 'messages'}`,
  'zh-CN': (n) => `${n} 条未读消息`,
};

/** The reply without Markdown marks, on one line, cut to a glance. */
export const previewOf = (text: string): string => {
  const plain = text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`#>|~]+|\[\d+\]/g, '').replace(/\s+/g, ' ').trim();
  return plain.length > 90 ? `${plain.slice(0, 89).trimEnd()}…` : plain;
};

let styled = false;

/**
 * Beside the launcher while the panel is closed: a badge counting the replies that came meanwhile
 * (named for screen readers, and describing the launcher) and the latest one's start, announced
 * politely; clicking it opens the panel. The chat renders it into the loader's shadow root, where
 * the launcher is; opening the panel removes it. In a lazy chunk (lazy-parts.ts).
 */
export function Unread({ locale, count, text, sound, nonce, onOpen }: UnreadProps) {
  const badge = useRef<HTMLSpanElement>(null);
  // The live region is in the page first, its text a frame later, so that it is announced.
  const [shown, setShown] = useState('');
  const label = labels[locale](count);

  useLayoutEffect(() => {
    const root = badge.current!.getRootNode() as ShadowRoot;
    if (!styled) addStyles(root, unreadStyles, nonce);
    styled = true;
    const launcher = root.querySelector('.cc-launcher');
    launcher?.setAttribute('aria-describedby', 'cc-unread');
    return () => launcher?.removeAttribute('aria-describedby');
  }, []);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setShown(previewOf(text)));
    return () => cancelAnimationFrame(frame);
  }, [text]);
  useEffect(() => {
    if (sound) chime();
  }, [count]);

  return (
    <>
      <span ref={badge} id="cc-unread" class="cc-badge" role="img" aria-label={label} data-testid="cc-unread">{count}</span>
      <div class="cc-preview" role="status" lang={locale} data-testid="cc-preview">
        {shown && <button type="button" dir="auto" onClick={onOpen}>{shown}</button>}
      </div>
    </>
  );
}
