/**
 * The href for a URL from a reply, or undefined when it must not be a link. Only absolute
 * http(s), mailto and tel URLs pass: the WHATWG parser resolves obfuscations (`java\tscript:`,
 * `JaVaScRiPt:`) the way the browser would, and relative, protocol-relative or entity-encoded
 * input does not parse without a base. The parser's serialisation is returned, not the input.
 */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (/^(https?|mailto|tel):$/.test(parsed.protocol)) return parsed.href;
  } catch {
    // not an absolute URL
  }
}
