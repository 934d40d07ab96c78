import type { LookupAddress } from 'node:dns';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createGuardedFetch, GuardedFetch } from './guarded-fetch';
import { OutboundRefusedError } from './outbound-refused.error';

/** A TCP listener on every loopback address that only counts who connects: nothing may reach it. */
async function startTrap(): Promise<{ port: number; connections: () => number; close(): Promise<void> }> {
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '::', resolve));
  return { port: (server.address() as AddressInfo).port, connections: () => connections, close: () => new Promise((r) => server.close(() => r())) };
}

async function startHttp(handler: Parameters<typeof createHttpServer>[1]): Promise<{ server: HttpServer; port: number }> {
  const server = createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** An injected resolver: each name answers what the test says, and every question is kept. */
function resolverOf(answers: Record<string, string[]>) {
  const asked: string[] = [];
  const resolve = async (hostname: string): Promise<LookupAddress[]> => {
    asked.push(hostname);
    const addresses = answers[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { resolve, asked };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutboundRefusedError);
  return (error as Error).message;
}

describe('guarded fetch: the connect path', () => {
  let trap: Awaited<ReturnType<typeof startTrap>>;
  const guards: GuardedFetch[] = [];
  const guard = (allowPrivate: boolean, answers: Record<string, string[]> = {}) => {
    const resolver = resolverOf(answers);
    const guarded = createGuardedFetch({ allowPrivate, resolve: resolver.resolve });
    guards.push(guarded);
    return { fetch: guarded.fetch, asked: resolver.asked };
  };

  beforeAll(async () => (trap = await startTrap()));
  afterAll(() => trap.close());
  afterEach(() => guards.splice(0).forEach((g) => g.destroy()));

  it.each([
    ['127.0.0.1', 'resolves to a private address'],
    ['10.0.0.5', 'resolves to a private address'],
    ['::1', 'resolves to a private address'],
    ['::ffff:127.0.0.1', 'resolves to a private address'],
    ['169.254.169.254', 'resolves to a metadata address'],
  ])('refuses a name that resolves to %s at connect time, before any byte is sent', async (address, reason) => {
    const { fetch, asked } = guard(false, { 'model.example': [address] });
    expect(await refusal(fetch(`https://model.example:${trap.port}/openai`, { method: 'POST', body: '{}' }))).toBe(`endpoint refused: ${reason}`);
    expect(asked).toEqual(['model.example']);
    expect(trap.connections()).toBe(0);
  });

  it('refuses a name with any private answer, even beside a public one', async () => {
    const { fetch } = guard(false, { 'rebind.example': ['20.42.0.1', '127.0.0.1'] });
    expect(await refusal(fetch(`https://rebind.example:${trap.port}/`))).toBe('endpoint refused: resolves to a private address');
    expect(trap.connections()).toBe(0);
  });

  it('refuses literal private addresses without resolving anything (a socket would skip lookup for them)', async () => {
    const { fetch, asked } = guard(false);
    for (const host of ['127.0.0.1', '[::1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]']) {
      expect(await refusal(fetch(`https://${host}:${trap.port}/`))).toBe('endpoint refused: resolves to a private address');
    }
    expect(await refusal(fetch('https://169.254.169.254/latest/meta-data/'))).toBe('endpoint refused: resolves to a metadata address');
    expect(await refusal(fetch('https://metadata.google.internal/computeMetadata/v1/'))).toBe('endpoint refused: resolves to a metadata address');
    expect(asked).toEqual([]);
    expect(trap.connections()).toBe(0);
  });

  it('refuses plain http unless private endpoints are allowed, and then only to private addresses', async () => {
    const strict = guard(false, { 'model.example': ['20.42.0.1'] });
    expect(await refusal(strict.fetch(`http://127.0.0.1:${trap.port}/`))).toBe('endpoint refused: must use https');
    expect(await refusal(strict.fetch('http://model.example/'))).toBe('endpoint refused: must use https');
    expect(strict.asked).toEqual([]);
    const open = guard(true, { 'model.example': ['20.42.0.1'] });
    expect(await refusal(open.fetch('http://model.example/'))).toBe('endpoint refused: plain http is only allowed to a private address');
    expect(trap.connections()).toBe(0);
  });

  it('lets loopback through when private endpoints are allowed: http answers, https reaches the socket', async () => {
    const { server, port } = await startHttp((req, res) => res.end(`hello ${req.method} ${req.url}`));
    try {
      const { fetch } = guard(true, { 'box.lan': ['127.0.0.1'] });
      const res = await fetch(`http://box.lan:${port}/v1?x=1`, { method: 'POST', body: 'q' });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('hello POST /v1?x=1');
      // The TLS handshake fails against the bare TCP trap, but the connection was let through.
      await expect(fetch(`https://box.lan:${trap.port}/`)).rejects.not.toBeInstanceOf(OutboundRefusedError);
      expect(trap.connections()).toBe(1);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('never follows a redirect: the 3xx comes back and the target is never contacted', async () => {
    const before = trap.connections();
    const { server, port } = await startHttp((_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${trap.port}/admin` });
      res.end('moved');
    });
    try {
      const { fetch } = guard(true);
      const res = await fetch(`http://127.0.0.1:${port}/openai`, { redirect: 'follow' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(`http://127.0.0.1:${trap.port}/admin`);
      expect(trap.connections()).toBe(before);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('streams the body, decompresses it and aborts with the caller’s signal', async () => {
    const { server, port } = await startHttp((req, res) => {
      if (req.url === '/gzip') {
        res.writeHead(200, { 'content-encoding': 'gzip' });
        return res.end(gzipSync('squeezed'));
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: one\n\n'); // and never ends
    });
    try {
      const { fetch } = guard(true);
      expect(await (await fetch(`http://127.0.0.1:${port}/gzip`)).text()).toBe('squeezed');
      const controller = new AbortController();
      const res = await fetch(`http://127.0.0.1:${port}/sse`, { signal: controller.signal });
      const reader = res.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: one\n\n');
      controller.abort();
      await expect(reader.read()).rejects.toThrow();
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
