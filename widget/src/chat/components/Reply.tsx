import type { WireSource } from '../../../../backend/src/chat/widget.events';
import type { Strings } from '../i18n';
import { cite } from '../markdown/cite';
import { markdownTree, renderMarkdown } from '../markdown/render';
import { Citation, SourceList } from './Sources';

export interface ReplyProps {
  t: Strings;
  text: string;
  /** A reply's sources: its citations `[n]` link to the list of them under the text. */
  sources?: WireSource[];
}

/**
 * A reply's text: Markdown rendered to elements (never HTML strings), its citations and sources.
 * In a lazy chunk (lazy-parts.ts) that the chat fetches as soon as it mounts, before any reply shows.
 */
export function Reply({ t, text, sources = [] }: ReplyProps) {
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
