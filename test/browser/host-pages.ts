import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * Host pages: somebody else's website embedding the widget with the one-line snippet. Served
 * from their own port, so from another origin than the backend (the world uses
 * `http://localhost:<port>` here and `http://127.0.0.1:<port>` for the backend).
 *
 * `GET /<name>?…` where the query may carry the snippet's optional attributes
 * (`position`, `z-index`, `locale`, `open`, `sound`, each becoming `data-<key>`) and, on `csp`,
 * `policy`: the Content-Security-Policy to send, with `{backend}`, `{ws}` and `{nonce}` filled in,
 * and `nonce=0` to leave the nonce off the script tag.
 */
export type HostPageName = 'plain' | 'hostile' | 'csp' | 'rtl' | 'stub';

export interface HostPages {
  /** `http://localhost:<port>`: what the bot's allowed origins must hold. */
  origin: string;
  /** The URL of a page; `query` values become the query string. */
  url(name: HostPageName, query?: Record<string, string | boolean | number | undefined>): string;
  /** Requests served, newest last (path and the CSP sent), to debug a test. */
  readonly served: Array<{ path: string; csp?: string }>;
  close(): Promise<void>;
}

const SNIPPET_ATTRS = ['position', 'z-index', 'locale', 'open', 'sound'] as const;

/** The minimal policy the widget works under (see widget-isolation): nonce'd script and styles, the backend's WebSocket. */
export const NONCE_POLICY = "default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; connect-src {ws}";

const HOSTILE_CSS = `
html, body, div, span, p, h1, button, textarea, input, svg, section, header, form { margin: 0; padding: 0; border: 0; }
* { all: unset; font-size: 40px !important; color: red !important; box-sizing: content-box !important; }
html { font-size: 40px; }
head, script, style, title { display: none !important; }
body { display: block; margin: 13px !important; line-height: 3 !important; font-family: "Comic Sans MS", cursive !important; }
button { background: red !important; border: 5px solid lime !important; display: block !important; width: 100% !important; }
div { position: static !important; }
textarea, input { font-size: 8px !important; }
svg { width: 500px !important; }
`;

const STUB = `
window.events = [];
window.CustomChat = window.CustomChat || function () { (CustomChat.q = CustomChat.q || []).push(arguments); };
CustomChat('on', 'open', function () { window.events.push({ type: 'open' }); });
CustomChat('on', 'close', function () { window.events.push({ type: 'close' }); });
CustomChat('on', 'message', function (detail) { window.events.push({ type: 'message', detail: detail }); });
CustomChat('on', 'reply', function (detail) { window.events.push({ type: 'reply', detail: detail }); });
CustomChat('identify', { id: 'u-1', name: 'Ann' });
CustomChat('open');
`;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export async function startHostPages(opts: { backend: string; bot: string }): Promise<HostPages> {
  const served: HostPages['served'] = [];
  const ws = opts.backend.replace(/^http/, 'ws');

  function page(name: string, query: URLSearchParams): { html: string; csp?: string } | undefined {
    const nonce = randomBytes(12).toString('base64');
    const attrs = SNIPPET_ATTRS.filter((k) => query.has(k))
      .map((k) => ` data-${k}="${esc(query.get(k)!)}"`)
      .join('');
    const withNonce = name === 'csp' && query.get('nonce') !== '0';
    const snippet = `<script src="${opts.backend}/widget.js" data-bot="${esc(opts.bot)}"${attrs}${withNonce ? ` nonce="${nonce}"` : ''} async></script>`;
    const common = `<p id="host-text">The host page's own paragraph.</p>\n<button id="host-button" type="button">Host button</button>`;
    switch (name) {
      case 'plain':
        return { html: doc({ lang: 'en', title: 'Plain host', body: `<h1>A plain shop</h1>\n${common}\n${snippet}` }) };
      case 'hostile':
        return {
          html: doc({
            lang: 'en',
            title: 'Hostile host',
            head: `<style>${HOSTILE_CSS}</style>`,
            body: `<h1>A site with aggressive CSS</h1>\n${common}\n<div id="host-div">host div</div>\n${snippet}`,
          }),
        };
      case 'csp': {
        const policy = (query.get('policy') ?? NONCE_POLICY).replace(/\{backend\}/g, opts.backend).replace(/\{ws\}/g, ws).replace(/\{nonce\}/g, nonce);
        return { html: doc({ lang: 'en', title: 'CSP host', body: `<h1>A site with a strict CSP</h1>\n${common}\n${snippet}` }), csp: policy };
      }
      case 'rtl':
        return {
          html: doc({ lang: 'ar', dir: 'rtl', title: 'موقع', body: `<h1>متجر عربي</h1>\n<p id="host-text">مرحبا بكم في متجرنا.</p>\n${snippet}` }),
        };
      case 'stub':
        return { html: doc({ lang: 'en', title: 'Stub host', body: `<h1>Page API</h1>\n${common}\n<script>${STUB}</script>\n${snippet}` }) };
      default:
        return undefined;
    }
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://host.test');
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const built = page(url.pathname.slice(1), url.searchParams);
    served.push({ path: url.pathname + url.search, csp: built?.csp });
    if (!built) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such host page');
      return;
    }
    const headers: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' };
    if (built.csp) headers['Content-Security-Policy'] = built.csp;
    res.writeHead(200, headers).end(built.html);
  });
  // No host: dual-stack, so `localhost` reaches it whichever address the browser picks.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, () => resolve());
  });
  const { port } = server.address() as { port: number };
  const origin = `http://localhost:${port}`;

  return {
    origin,
    served,
    url(name, query = {}) {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, String(v));
      const s = qs.toString();
      return `${origin}/${name}${s ? `?${s}` : ''}`;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function doc(p: { lang: string; dir?: string; title: string; head?: string; body: string }): string {
  return `<!doctype html>
<html lang="${p.lang}"${p.dir ? ` dir="${p.dir}"` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title}</title>
${p.head ?? ''}
</head>
<body>
${p.body}
</body>
</html>
`;
}
