import { Markdown } from '../markdown/render';

/**
 * The text of a message. Replies are Markdown, rendered to elements (never HTML strings);
 * the visitor's own words stay plain text. `dir="auto"`: each message reads in its own
 * script's direction, whatever the page's.
 */
export function MessageBody({ text, markdown }: { text: string; markdown: boolean }) {
  return <div class="cc-body" dir="auto">{markdown ? <Markdown text={text} /> : text}</div>;
}
