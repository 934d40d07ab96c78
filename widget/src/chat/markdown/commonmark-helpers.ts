// Test-only: the CommonMark spec examples and a comparison of HTML the way the spec's runner
// normalises it, plus the renderer's deliberate differences. Nothing in the widget imports this.
import { parseHTML } from 'linkedom';
import type { Node } from './parse';

export interface Example {
  markdown: string;
  html: string;
  section: string;
  number: number;
}

/** The spec's examples, read from the commonmark-spec package (`→` stands for a tab). */
export const examples: Example[] = (require('commonmark-spec') as { tests: Example[] }).tests
  .map((example) => ({ ...example, markdown: example.markdown.replace(/→/g, '\t'), html: example.html.replace(/→/g, '\t') }));

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The parser's tree as HTML, links with their URL as written (no safe-url check: the spec links relative URLs). */
export function treeHtml(nodes: Node[]): string {
  return nodes.map((node) => {
    if (typeof node == 'string') return escape(node);
    if (node.type == 'br' || node.type == 'hr') return `<${node.type}>`;
    const start = node.start != null ? ` start="${node.start}"` : '';
    const href = node.url != null ? ` href="${escape(node.url)}"` : '';
    return `<${node.type}${start}${href}>${treeHtml(node.children)}</${node.type}>`;
  }).join('');
}

const BLOCK = /^(P|UL|OL|LI|BLOCKQUOTE|PRE|HR|DIV|TABLE|THEAD|TBODY|TR|TH|TD|H[1-6])$/;

const decodeUri = (uri: string) => {
  try {
    return encodeURI(decodeURI(uri));
  } catch {
    return uri;
  }
};

/**
 * HTML in a canonical form, as the spec's normaliser does (whitespace between blocks dropped,
 * runs of spaces collapsed, entities decoded, attributes sorted), and with the renderer's
 * deliberate differences mapped onto its own output:
 * - a heading is a bold paragraph (`<h2>x</h2>` compares as `<p><strong>x</strong></p>`);
 * - a soft line break is a `<br>` like a hard one (chat lines stay lines);
 * - a list item always holds its paragraphs: tight and loose lists compare alike;
 * - an image is a link to it labelled with its alt text; link titles are left out;
 * - `<ol>` always says its start; a fence's info string is not kept; URLs compare percent-decoded.
 */
export function normalise(html: string): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const root = document.createElement('div');
  root.innerHTML = html;
  const walk = (node: any, pre: boolean): string => {
    if (node.nodeType == 3) {
      let text: string = node.data;
      if (pre) return escape(text);
      const siblingBlock = (sibling: any) => !sibling || (sibling.nodeType == 1 && BLOCK.test(sibling.tagName));
      if (!text.trim() && BLOCK.test(node.parentNode.tagName) && (siblingBlock(node.previousSibling) || siblingBlock(node.nextSibling))) return '';
      if (node.previousSibling?.tagName == 'BR') text = text.replace(/^\n/, '');
      if (node.previousSibling && siblingBlock(node.previousSibling)) text = text.trimStart();
      if (node.nextSibling && siblingBlock(node.nextSibling)) text = text.trimEnd();
      return escape(text.replace(/[ \t]+/g, ' ')).replace(/ ?\n ?/g, '<br>');
    }
    if (node.nodeType != 1) return '';
    const tag = node.tagName.toLowerCase();
    const inner = () => [...node.childNodes].map((child: any) => walk(child, pre || tag == 'pre')).join('');
    if (/^h[1-6]$/.test(tag)) return node.parentNode.tagName == 'LI' ? `<strong>${inner().trim()}</strong>` : `<p><strong>${inner().trim()}</strong></p>`;
    if (tag == 'img') return `<a href="${escape(decodeUri(node.getAttribute('src') ?? ''))}">${escape(node.getAttribute('alt') ?? '')}</a>`;
    if (tag == 'p' && node.parentNode.tagName == 'LI') return inner();
    if (tag == 'br' || tag == 'hr') return `<${tag}>`;
    let attributes = '';
    if (tag == 'a') attributes = ` href="${escape(decodeUri(node.getAttribute('href') ?? ''))}"`;
    if (tag == 'ol') attributes = ` start="${node.getAttribute('start') ?? 1}"`;
    let content = inner();
    if (tag == 'code' && pre) content = content.replace(/\n$/, '');
    if (BLOCK.test(node.tagName) && !pre && tag != 'pre') content = content.replace(/^(<br>| )+|(<br>| )+$/g, '');
    return `<${tag}${attributes}>${content}</${tag}>`;
  };
  return [...root.childNodes].map((child: any) => walk(child, false)).join('');
}
