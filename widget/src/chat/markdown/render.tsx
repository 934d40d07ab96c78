import { h, type ComponentChildren } from 'preact';
import { parseMarkdown, type Node } from './parse';
import { safeHref } from './safe-url';

/** Renders a citation (`sup` node) of source `n`. */
export type CiteRenderer = (n: number) => ComponentChildren;

/**
 * A reply's Markdown as Preact elements. Every piece of reply text becomes a text node; tag
 * names come from the parser's fixed set and the only attributes are the ones picked here, so
 * no reply can inject markup. Re-rendered on every streamed delta.
 */
export function Markdown({ text }: { text: string }) {
  return renderMarkdown(markdownTree(text));
}

/** The parsed reply; should the parser ever fail, the text as it is. */
export function markdownTree(text: string): Node[] {
  try {
    return parseMarkdown(text);
  } catch {
    return [text];
  }
}

/** A parsed reply, its citations (see ./cite.ts) drawn by `cite`. */
export function renderMarkdown(tree: Node[], cite?: CiteRenderer) {
  const render = (node: Node): ComponentChildren => {
    if (typeof node == 'string') return node;
    if (node.type == 'sup') return cite?.(node.n!);
    const children = node.children.map(render);
    if (node.type != 'a') return h(node.type, { start: node.start, align: node.align }, children);
    // A URL that may not be a link leaves its text, never the URL, as plain text.
    const href = safeHref(node.url!);
    return href ? <a href={href} target="_blank" rel="noopener noreferrer">{children}</a> : children;
  };
  return <div class="cc-md">{tree.map(render)}</div>;
}
