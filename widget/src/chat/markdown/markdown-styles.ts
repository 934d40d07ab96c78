/**
 * Styles for what the Markdown renderer emits, sized for a chat bubble: small gaps between
 * blocks, code blocks and tables (the only div) scrolling sideways instead of widening the
 * bubble, and logical properties so right-to-left pages mirror. No placeholders and no
 * backticks in here, comments included: the build minifies every template literal of a
 * *styles.ts file.
 */
export const markdownStyles = `
.cc-md * { margin: 0; }
.cc-md *+* { margin-top: 6px; }
.cc-md :is(ul,ol) { padding-inline-start: 20px; }
.cc-md blockquote { padding-inline-start: 8px; border-inline-start: 3px solid var(--cc-border); color: var(--cc-muted); }
.cc-md :is(pre,code) { background: var(--cc-border); }
.cc-md code { font: .9em ui-monospace, Consolas, monospace; }
.cc-md pre { padding: 8px; }
.cc-md pre, .cc-md div { overflow-x: auto; }
.cc-md a { color: var(--cc-link); }
.cc-md hr { border: 0; border-top: 1px solid var(--cc-border); }
.cc-md table { border-collapse: collapse; }
.cc-md :is(th,td) { padding: 2px 6px; border: 1px solid var(--cc-border); }
`;
