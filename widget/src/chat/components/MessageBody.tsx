import type { WireSource } from '../../../../backend/src/chat/widget.events';
import type { Strings } from '../i18n';
import { cite } from '../markdown/cite';
import { markdownTree, renderMarkdown } from '../markdown/render';
import { Citation, SourceList } from './Sources';

interface Props {
  t: Strings;
  text: string;
  markdown: boolean;
  /** A reply's sources: its citations `[n]` link to the list of them under the text. */
  sources?: WireSource[];
}

/**
 * The text of a message. Replies are Markdown, rendered to elements (never HTML strings);
 * the visitor's own words stay plain text. `dir="auto"`: each message reads in its own
 * script's direction, whatever the page's.
 */
export function MessageBody({ t, text, markdown, sources = [] }: Props) {
  if (!markdown) return <div class="cc-body" dir="auto">{text}</div>;
  const byN = (n: number) => sources.find((s) => s.n === n);
  const cited = new Set<number>();
  const tree = sources.length ? cite(markdownTree(text), (n) => !!byN(n), cited) : markdownTree(text);
  return (
    <>
      <div class="cc-body" dir="auto">{renderMarkdown(tree, (n) => <Citation t={t} source={byN(n)!} />)}</div>
      {sources.length > 0 && <SourceList t={t} sources={sources} cited={cited} />}
    </>
  );
}
