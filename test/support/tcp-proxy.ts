import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** The port the proxy listens on (all interfaces, so `localhost` and `127.0.0.1` both reach it). */
  port: number;
  /** The visitor's network goes away: every open connection is destroyed and new ones are dropped on accept. */
  cut(): void;
  /** The network is back: new connections are forwarded again. */
  restore(): void;
  /** Whether the proxy is cut right now. */
  readonly isCut: boolean;
  /** Connections accepted so far (forwarded or dropped), for tests that want to see reconnection attempts. */
  readonly accepted: number;
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy in front of `targetPort`. Put between a browser and the backend, `cut()`
 * is the visitor's Wi-Fi dropping: WebSockets die mid-stream and every reconnection attempt is
 * reset, until `restore()`.
 */
export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let cut = false;
  let accepted = 0;

  const server: Server = createServer((client) => {
    accepted++;
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = connect({ port: targetPort, host: targetHost });
    open.add(client);
    open.add(upstream);
    const forget = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', forget);
    upstream.on('error', forget);
    client.on('close', forget);
    upstream.on('close', forget);
    client.pipe(upstream);
    upstream.pipe(client);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // No host: dual-stack, so a browser resolving `localhost` to ::1 reaches it too.
    server.listen(0, () => resolve());
  });
  const { port } = server.address() as { port: number };

  const destroyAll = () => {
    for (const socket of open) socket.destroy();
    open.clear();
  };

  return {
    port,
    get isCut() {
      return cut;
    },
    get accepted() {
      return accepted;
    },
    cut() {
      cut = true;
      destroyAll();
    },
    restore() {
      cut = false;
    },
    close() {
      cut = true;
      destroyAll();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
