import type { Node } from './parse';
import { safeHref } from './safe-url';

/** `[1]`, `[1, 2]`, `[1，2]`: one or more numbers in brackets. */
const CITATION = /\[(\d{1,4}(?:\s*[,，、]\s*\d{1,4})*)\]/g;

/**
 * The tree with citations of known sources as `sup` nodes (one per number; `[1, 2]` gives two).
 * A bracket is a citation only when every number in it is a source: `[7]` without a source 7,
 * or `a[0]`, stays text. Code and link text are left alone. `cited` collects the numbers cited.
 */
export function cite(nodes: Node[], known: (n: number) => boolean, cited: Set<number>): Node[] {
  return nodes.flatMap((node): Node[] => {
    if (typeof node != 'string') {
      return [node.type == 'code' || node.type == 'a' ? node : { ...node, children: cite(node.children, known, cited) }];
    }
    const out: Node[] = [];
    let last = 0;
    for (const m of node.matchAll(CITATION)) {
      const numbers = m[1].split(/\D+/).map(Number);
      if (!numbers.every(known)) continue;
      out.push(node.slice(last, m.index));
      for (const n of numbers) {
        cited.add(n);
        out.push({ type: 'sup', children: [], n });
      }
      last = m.index + m[0].length;
    }
    out.push(node.slice(last));
    return out.filter((part) => part !== '');
  });
}

/** A source's link: absolute http(s) only (no mailto or tel, unlike links in a reply). */
export function sourceHref(url: string | undefined): string | undefined {
  const href = url && safeHref(url);
  return href && /^https?:/.test(href) ? href : undefined;
}
