import type { Block } from './ingest.types';
import { collapseSpace } from './text-normalize';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'button', 'select', 'input', 'textarea', 'head', 'form']);
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'font', 'i', 'kbd', 'label', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'img', 'del', 'ins', 'ruby', 'rt', 'rp',
]);
/** Elements that are a paragraph of their own, whatever they hold. */
const PARAGRAPH = new Set(['p', 'dt', 'dd', 'figcaption', 'caption', 'summary', 'address']);

/** Minimal DOM shapes, so linkedom's and any other DOM's nodes both fit. */
interface DomNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}
interface DomElement extends DomNode {
  tagName: string;
  getAttribute(name: string): string | null;
}

/** Where a heading's own level is kept while readability rewrites h1 as h2. */
export const HEADING_LEVEL_ATTRIBUTE = 'data-ingest-level';

const isElement = (node: DomNode): node is DomElement => node.nodeType === 1;
const tag = (element: DomElement) => element.tagName.toLowerCase();

/**
 * An HTML tree walked in reading order into blocks: h1-h6 → heading, p → paragraph, li →
 * list-item, tr → table-row ("cell | cell"), pre → code. Loose text between blocks becomes a
 * paragraph.
 */
export function blocksFromHtml(root: DomNode): Block[] {
  const blocks: Block[] = [];
  walk(root, blocks);
  return blocks;
}

function walk(node: DomNode, blocks: Block[]): void {
  let loose = '';
  const flush = () => {
    const text = collapseSpace(loose);
    if (text) blocks.push({ kind: 'paragraph', text });
    loose = '';
  };
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) {
      loose += child.textContent ?? '';
      continue;
    }
    if (!isElement(child)) continue;
    const name = tag(child);
    if (SKIP.has(name)) continue;
    if (name === 'br') {
      loose += ' ';
      continue;
    }
    if (INLINE.has(name)) {
      loose += inlineText(child);
      continue;
    }
    flush();
    block(child, name, blocks);
  }
  flush();
}

function block(element: DomElement, name: string, blocks: Block[]): void {
  const heading = /^h([1-6])$/.exec(name);
  if (heading) {
    const text = collapseSpace(inlineText(element));
    const kept = Number(element.getAttribute(HEADING_LEVEL_ATTRIBUTE));
    if (text) blocks.push({ kind: 'heading', level: kept >= 1 && kept <= 6 ? kept : Number(heading[1]), text });
  } else if (PARAGRAPH.has(name)) {
    const text = collapseSpace(inlineText(element));
    if (text) blocks.push({ kind: 'paragraph', text });
  } else if (name === 'li') {
    listItem(element, blocks);
  } else if (name === 'tr') {
    const cells = Array.from(element.childNodes)
      .filter((c): c is DomElement => isElement(c) && (tag(c) === 'td' || tag(c) === 'th'))
      .map((c) => collapseSpace(inlineText(c)))
      .filter(Boolean);
    if (cells.length) blocks.push({ kind: 'table-row', text: cells.join(' | ') });
  } else if (name === 'pre') {
    const text = (element.textContent ?? '').replace(/^\n+|\s+$/g, '');
    if (text.trim()) blocks.push({ kind: 'code', text });
  } else {
    walk(element, blocks);
  }
}

/** A list item's own text, then its nested lists as items of their own. */
function listItem(element: DomElement, blocks: Block[]): void {
  const own: DomNode[] = [];
  const nested: DomElement[] = [];
  for (const child of Array.from(element.childNodes)) {
    if (isElement(child) && ['ul', 'ol', 'table', 'pre'].includes(tag(child))) nested.push(child);
    else own.push(child);
  }
  const text = collapseSpace(own.map((n) => (isElement(n) ? (SKIP.has(tag(n)) ? '' : inlineText(n) + (INLINE.has(tag(n)) ? '' : ' ')) : (n.textContent ?? ''))).join(''));
  if (text) blocks.push({ kind: 'list-item', text });
  for (const child of nested) block(child, tag(child), blocks);
}

/** The text of an element, with <br> and block boundaries as spaces and skipped elements left out. */
function inlineText(node: DomNode): string {
  let out = '';
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) out += child.textContent ?? '';
    else if (isElement(child)) {
      const name = tag(child);
      if (SKIP.has(name)) continue;
      if (name === 'br') out += ' ';
      else if (name === 'img') out += '';
      else out += INLINE.has(name) ? inlineText(child) : ` ${inlineText(child)} `;
    }
  }
  return out;
}
