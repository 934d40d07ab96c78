import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';

/** A listener on every loopback address that only counts who connects: the guard must keep it at 0. */
export async function startTrap(): Promise<{ port: number; connections(): number; close(): Promise<void> }> {
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '::', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A canned answer, or `pass` to hand the request to the simulator behind. */
export type UpstreamAnswer = { status: number; headers?: Record<string, string>; body: string } | 'pass';

/**
 * A model endpoint that answers each request by its `api-key`, as the test scripts it: a canned
 * error (a body the owner must never see), or the simulator's real answer (passed through with the
 * simulator's own key). Keeps every request's key, to count who reached it.
 */
export async function startScriptedUpstream(opts: { simulatorUrl: string; simulatorKey: string; answer: (apiKey: string) => UpstreamAnswer }) {
  const keys: string[] = [];
  const server = createHttpServer((req, res) => {
    const apiKey = String(req.headers['api-key'] ?? '');
    keys.push(apiKey);
    const answer = opts.answer(apiKey);
    if (answer === 'pass') {
      const headers = { ...req.headers, 'api-key': opts.simulatorKey };
      delete headers.host;
      const upstream = httpRequest(new URL(req.url ?? '/', opts.simulatorUrl), { method: req.method, headers }, (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
      return;
    }
    req.resume();
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** How many requests came with `apiKey`. */
    requestsWith: (apiKey: string) => keys.filter((k) => k === apiKey).length,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
