/**
 * The text of a message, as text nodes only (never HTML). Its own component so a Markdown
 * renderer can replace it later without touching the list.
 */
export function MessageBody({ text }: { text: string }) {
  return <div class="cc-body">{text}</div>;
}
