import type { WireSource } from '../../../../backend/src/chat/widget.events';
import type { Strings } from '../i18n';
import { Reply } from './lazy-parts';

interface Props {
  t: Strings;
  text: string;
  markdown: boolean;
  /** A reply's sources: its citations `[n]` link to the list of them under the text. */
  sources?: WireSource[];
}

/**
 * The text of a message. Replies are Markdown (Reply, in a lazy chunk fetched when the chat
 * mounts); the visitor's own words stay plain text. `dir="auto"`: each message reads in its own
 * script's direction, whatever the page's.
 */
export function MessageBody({ t, text, markdown, sources }: Props) {
  return markdown ? <Reply t={t} text={text} sources={sources} /> : <div class="cc-body" dir="auto">{text}</div>;
}
