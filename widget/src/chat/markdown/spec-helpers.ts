// Test-only helpers for the Markdown specs: nothing in the widget imports this file.
import { Fragment, h, type ComponentChildren, type VNode } from 'preact';
import { Markdown } from './render';

/** An element met while serialising: its tag name and props (children left out). */
export interface Seen {
  tag: string;
  props: Record<string, unknown>;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeText = (text: string) => text.replace(/[&<>]/g, (c) => ENTITIES[c]);
const escapeAttribute = (text: string) => text.replace(/[&<>"]/g, (c) => ENTITIES[c]);

/**
 * A Preact tree as HTML-like text, without a DOM or a renderer. Function components are
 * called, text is escaped, undefined props are left out and every element is reported to
 * `seen`, so a test can check tag names and attributes one by one.
 */
export function toHtml(node: ComponentChildren, seen: Seen[] = []): string {
  if (node == null || typeof node == 'boolean') return '';
  if (typeof node != 'object') return escapeText(String(node));
  if (Array.isArray(node)) return node.map((child) => toHtml(child, seen)).join('');
  const { type, props } = node as VNode<Record<string, unknown>>;
  if (type == Fragment) return toHtml(props.children as ComponentChildren, seen);
  if (typeof type == 'function') return toHtml((type as (p: object) => ComponentChildren)(props), seen);
  const attributes = Object.fromEntries(Object.entries(props).filter(([name, value]) => name != 'children' && value !== undefined));
  seen.push({ tag: type, props: attributes });
  const open = `<${type}${Object.entries(attributes).map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`).join('')}>`;
  return ['br', 'hr'].includes(type) ? open : `${open}${toHtml(props.children as ComponentChildren, seen)}</${type}>`;
}

/** The text a reader sees, unescaped. */
export function textOf(node: ComponentChildren): string {
  if (node == null || typeof node == 'boolean') return '';
  if (typeof node != 'object') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  const { type, props } = node as VNode<Record<string, unknown>>;
  if (typeof type == 'function' && type != Fragment) return textOf((type as (p: object) => ComponentChildren)(props));
  return textOf(props.children as ComponentChildren);
}

/** `<Markdown text>` as HTML-like text. */
export const html = (text: string) => toHtml(h(Markdown, { text }));

export const ALLOWED_TAGS = ['div', 'p', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'hr', 'table', 'tr', 'th', 'td', 'br', 'em', 'strong', 'del', 'a'];
export const ALLOWED_ATTRIBUTES = ['class', 'start', 'align', 'href', 'target', 'rel'];
export const LINK_PROTOCOLS = ['http:', 'https:', 'mailto:', 'tel:'];

/**
 * Renders `text` and asserts what any reply may render to: allowed tags and attributes only,
 * no event handler, style or raw-HTML prop, and links only to http(s), mailto and tel URLs,
 * opened with noopener noreferrer. Returns the visible text.
 */
export function renderSafely(text: string): string {
  const tree = h(Markdown, { text });
  const seen: Seen[] = [];
  toHtml(tree, seen);
  for (const { tag, props } of seen) {
    expect(ALLOWED_TAGS).toContain(tag);
    for (const name of Object.keys(props)) {
      expect(ALLOWED_ATTRIBUTES).toContain(name);
      expect(name).not.toMatch(/^on|style|srcdoc|dangerouslySetInnerHTML/i);
    }
    if (tag == 'a') {
      const href = String(props.href);
      const url = new URL(href);
      expect(LINK_PROTOCOLS).toContain(url.protocol);
      expect(href.startsWith(url.protocol)).toBe(true);
      expect(url.href).toBe(href);
      expect(props.rel).toBe('noopener noreferrer');
      expect(props.target).toBe('_blank');
    } else {
      expect(props.href).toBeUndefined();
    }
  }
  return textOf(tree);
}
