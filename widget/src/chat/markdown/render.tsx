import { h, type ComponentChildren } from 'preact';
import { parseMarkdown, type Node } from './parse';
import { safeHref } from './safe-url';

/**
 * A reply's Markdown as Preact elements. Every piece of reply text becomes a text node; tag
 * names come from the parser's fixed set and the only attributes are the ones picked here, so
 * no reply can inject markup. Re-rendered on every streamed delta; should the parser ever
 * fail, the text shows as it is.
 */
export function Markdown({ text }: { text: string }) {
  let tree: Node[];
  try {
    tree = parseMarkdown(text);
  } catch {
    tree = [text];
  }
  return <div class="cc-md">{tree.map(render)}</div>;
}

function render(node: Node): ComponentChildren {
  if (typeof node == 'string') return node;
  const children = node.children.map(render);
  if (node.type != 'a') return h(node.type, { start: node.start, align: node.align }, children);
  // A URL that may not be a link leaves its text, never the URL, as plain text.
  const href = safeHref(node.url!);
  return href ? <a href={href} target="_blank" rel="noopener noreferrer">{children}</a> : children;
}
