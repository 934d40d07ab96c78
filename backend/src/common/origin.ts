/**
 * An origin exactly: `scheme://host[:port]`, http or https, nothing else — no path (not even a
 * trailing slash), credentials, query or fragment. Returned normalised as browsers send it (host
 * lower-cased, default port dropped); null when the value is not one. The one reading of an
 * origin: a bot's allowed sites, the widget's handshake, the console's same-origin check.
 */
export function normaliseOrigin(value: string): string | null {
  if (!URL.canParse(value)) return null;
  const url = new URL(value);
  const exact = /^https?:$/.test(url.protocol) && !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash && !value.endsWith('/');
  return exact ? url.origin : null;
}
