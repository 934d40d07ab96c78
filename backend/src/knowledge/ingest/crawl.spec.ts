import { createServer, type IncomingMessage, type Server, type ServerResponse, Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createHttpFetch, type HttpFetch } from '../../outbound/http-fetch';
import { fetchUrlSource, type UrlSourceOptions } from './crawl';
import { IngestError } from './ingest.types';
import { buildTextPdf } from './test-documents';

type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

const html = (title: string, body: string) => `<!doctype html><html><head><title>${title}</title></head><body><main><h1>${title}</h1><p>${body}</p></main></body></html>`;
const page = (title: string, links: string[] = []): Route => (_req, res) => {
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(html(title, `Text of ${title}. ` + links.map((l) => `<a href="${l}">${l}</a>`).join(' ')));
};

describe('fetchUrlSource', () => {
  let server: Server;
  let base: string;
  let routes: Record<string, Route>;
  let requested: string[];
  let http: HttpFetch;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requested.push(req.url ?? '');
      const route = routes[req.url ?? ''];
      if (!route) {
        res.statusCode = 404;
        res.end('not found');
        return;
      }
      void route(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    http = createHttpFetch({ agents: { 'http:': new HttpAgent(), 'https:': new HttpsAgent() } });
  });
  afterAll(async () => {
    http.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    routes = {};
    requested = [];
  });

  const options = (more: Partial<UrlSourceOptions> = {}): UrlSourceOptions => ({ fetch: http.fetch, crawl: false, maxPages: 10, maxDepth: 3, maxBytes: 1024 * 1024, ...more });
  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as IngestError);

  it('reads a single page, its links not followed', async () => {
    routes['/help'] = page('帮助中心 Help', ['/other']);
    routes['/other'] = page('Other');
    const { pages } = await fetchUrlSource(`${base}/help#top`, options());
    expect(pages).toHaveLength(1);
    expect(pages[0].url).toBe(`${base}/help`);
    expect(pages[0].doc.title).toBe('帮助中心 Help');
    expect(pages[0].doc.blocks).toContainEqual({ kind: 'paragraph', text: expect.stringContaining('Text of 帮助中心 Help.') });
    expect(requested).toEqual(['/help']);
  });

  it('reads a PDF answer with parseFile', async () => {
    const pdf = await buildTextPdf([['Price list for the clinic.']]);
    routes['/prices'] = (_req, res) => {
      res.setHeader('content-type', 'application/pdf');
      res.end(pdf);
    };
    const { pages } = await fetchUrlSource(`${base}/prices`, options());
    expect(pages[0].doc.blocks).toEqual([{ kind: 'paragraph', text: 'Price list for the clinic.' }]);
  });

  it('crawls breadth-first within the origin, bounded by pages', async () => {
    routes['/'] = page('Home', ['/a', '/b#section', '/b', 'http://localhost:1/elsewhere', 'mailto:x@example.com', '/logo.png', '/c']);
    routes['/a'] = page('A', ['/a1', '/']);
    routes['/b'] = page('B');
    routes['/c'] = page('C');
    routes['/a1'] = page('A1');
    const { pages } = await fetchUrlSource(`${base}/`, options({ crawl: true, maxPages: 3 }));
    expect(pages.map((p) => new URL(p.url).pathname)).toEqual(['/', '/a', '/b']);
    expect(requested).toEqual(['/robots.txt', '/', '/a', '/b']);
  });

  it('crawls bounded by depth, skipping pages that fail', async () => {
    routes['/'] = page('Home', ['/a', '/missing']);
    routes['/a'] = page('A', ['/a1']);
    routes['/a1'] = page('A1', ['/a2']);
    routes['/a2'] = page('A2');
    const { pages } = await fetchUrlSource(`${base}/`, options({ crawl: true, maxDepth: 2 }));
    expect(pages.map((p) => new URL(p.url).pathname)).toEqual(['/', '/a', '/a1']);
    expect(requested).not.toContain('/a2');
  });

  it('honours robots.txt: disallowed pages are not fetched, a disallowed start is refused', async () => {
    routes['/robots.txt'] = (_req, res) => void res.end('User-agent: *\nDisallow: /private\n');
    routes['/'] = page('Home', ['/private/x', '/public']);
    routes['/public'] = page('Public');
    routes['/private/x'] = page('Private');
    const { pages } = await fetchUrlSource(`${base}/`, options({ crawl: true }));
    expect(pages.map((p) => new URL(p.url).pathname)).toEqual(['/', '/public']);
    expect(requested).not.toContain('/private/x');
    const error = await failure(fetchUrlSource(`${base}/private/x`, options({ crawl: true })));
    expect(error).toMatchObject({ reason: 'robots_disallowed', message: expect.stringContaining('robots.txt') });
  });

  it('follows a redirect within the origin', async () => {
    routes['/old'] = (_req, res) => {
      res.writeHead(301, { location: '/new' });
      res.end();
    };
    routes['/new'] = page('New');
    const { pages } = await fetchUrlSource(`${base}/old`, options());
    expect(pages.map((p) => p.url)).toEqual([`${base}/new`]);
  });

  it('refuses a redirect to another origin, naming it', async () => {
    const target = base.replace('127.0.0.1', 'localhost') + '/elsewhere';
    routes['/away'] = (_req, res) => {
      res.writeHead(302, { location: target });
      res.end();
    };
    const error = await failure(fetchUrlSource(`${base}/away`, options()));
    expect(error).toBeInstanceOf(IngestError);
    expect(error).toMatchObject({ reason: 'redirected_away', message: expect.stringContaining(target) });
  });

  it('fails with the status on a 404, and with the reason on a refused connection', async () => {
    expect(await failure(fetchUrlSource(`${base}/nothing`, options()))).toMatchObject({ reason: 'fetch_failed', message: expect.stringContaining('HTTP 404') });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await failure(fetchUrlSource(`http://127.0.0.1:${port}/`, options()))).toMatchObject({ reason: 'fetch_failed', message: expect.stringContaining('refused') });
    expect(await failure(fetchUrlSource('ftp://example.com/x', options()))).toMatchObject({ reason: 'fetch_failed' });
  });

  it('fails too_large on a first page over the limit, declared or streamed; skips a later one', async () => {
    const big = html('Big', 'x'.repeat(5000));
    routes['/declared'] = (_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(big);
    };
    routes['/streamed'] = (_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.write(big.slice(0, 2000));
      setTimeout(() => res.end(big.slice(2000)), 10);
    };
    routes['/'] = page('Home', ['/declared', '/small']);
    routes['/small'] = page('Small');
    expect(await failure(fetchUrlSource(`${base}/declared`, options({ maxBytes: 1000 })))).toMatchObject({ reason: 'too_large', message: expect.stringContaining('the limit is 1000 bytes') });
    expect(await failure(fetchUrlSource(`${base}/streamed`, options({ maxBytes: 1000 })))).toMatchObject({ reason: 'too_large' });
    const { pages } = await fetchUrlSource(`${base}/`, options({ crawl: true, maxBytes: 1000 }));
    expect(pages.map((p) => new URL(p.url).pathname)).toEqual(['/', '/small']);
  });
});
