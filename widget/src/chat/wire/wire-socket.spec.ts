import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Server, type Namespace, type Socket } from 'socket.io';
// socket.io's own WebSocket server, used raw: a server that is not socket.io, or a broken one.
import { WebSocketServer } from 'ws';
import type { ClientToServerEvents, ServerToClientEvents, SessionPayload } from '../../../../backend/src/chat/widget.events';
import { createWireSocket, type WireSocket, type WireSocketOptions } from './wire-socket';

type ServerSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  for (const end = Date.now() + ms; !check() && Date.now() < end; ) await sleep(5);
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

/** Text that breaks naive framing or escaping: CJK, emoji (surrogate pairs), quotes, JS line separators. */
const tricky = '你好，世界 🙂👍🏽 "quoted" \'single\' back\\slash\nnew line \u2028\u2029 tab\t end';

const session: SessionPayload = {
  visitor: 'v1',
  conversation: { id: 'c1', state: 'bot', messages: [{ id: 'm1', role: 'assistant', text: tricky, status: 'complete', createdAt: '2026-01-01T00:00:00.000Z' }] },
  bot: { name: '顾问 🤖', greeting: tricky, suggestions: ['睡眠？', '"why"'], locale: 'zh', color: '#0f766e', demo: false,
    handoff: true, staffed: false, officeHours: { timezone: 'Asia/Shanghai', weekly: [{ day: 1, from: '09:00', to: '18:00' }] } },
};

describe('createWireSocket against a socket.io server', () => {
  let io: Server<ClientToServerEvents, ServerToClientEvents> | undefined;
  let widget: Namespace<ClientToServerEvents, ServerToClientEvents>;
  let port = 0;
  let backend: string;
  /** What each server-side connection sent as `handshake.auth`, and the sockets. */
  let auths: Array<Record<string, unknown>>;
  let sockets: ServerSocket[];
  /** Handshakes the namespace middleware saw, refused or not. */
  let attempts: number;
  let refuse: string | undefined;
  /** Sent as the refusal's `data`, as the gateway does for `retryAfterMs`. */
  let refuseData: object | undefined;
  let authCalls: number;
  const clients: WireSocket[] = [];
  /** Whatever the client's frame handler threw: in a browser, it would reach the page's `window.onerror`. */
  let escaped: unknown[];
  class WatchedWebSocket extends WebSocket {
    set onmessage(fn: (event: MessageEvent) => void) {
      super.onmessage = (event) => {
        try {
          fn(event);
        } catch (error) {
          escaped.push(error);
        }
      };
    }
  }

  async function start(serverOpts: { pingInterval?: number; pingTimeout?: number } = {}): Promise<void> {
    const http = createServer();
    io = new Server(http, serverOpts);
    widget = io.of('/widget');
    widget.use((_socket, next) => {
      attempts++;
      next(refuse ? Object.assign(new Error(refuse), { data: refuseData }) : undefined);
    });
    widget.on('connection', (socket: ServerSocket) => {
      auths.push({ ...socket.handshake.auth });
      sockets.push(socket);
    });
    await new Promise<void>((r) => http.listen(port, '127.0.0.1', r));
    port = (http.address() as AddressInfo).port;
    backend = `http://127.0.0.1:${port}`;
  }

  async function stop(): Promise<void> {
    const server = io;
    io = undefined;
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }

  /** A client with short delays, recording what it reports. */
  function client(opts: Partial<WireSocketOptions> = {}) {
    const events: string[] = [];
    const socket = createWireSocket(backend, {
      auth: () => ({ bot: 'b1', call: ++authCalls }),
      minDelayMs: 20,
      maxDelayMs: 100,
      ...opts,
    });
    socket.on('connect', () => events.push('connect'));
    socket.on('disconnect', (reason) => events.push(`disconnect:${reason}`));
    socket.on('connect_error', (error) => events.push(`connect_error:${error.message}`));
    clients.push(socket);
    return { socket, events };
  }

  async function connected(opts: Partial<WireSocketOptions> = {}) {
    const c = client(opts);
    c.socket.connect();
    await until(() => c.socket.connected && sockets.length > 0, 'connect');
    return { ...c, server: sockets[sockets.length - 1] };
  }

  beforeEach(async () => {
    port = 0;
    auths = [];
    sockets = [];
    attempts = 0;
    refuse = undefined;
    refuseData = undefined;
    authCalls = 0;
    escaped = [];
    await start();
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await stop();
    delete (globalThis as { window?: unknown }).window;
  });

  it('connects to the namespace with the auth object and fires connect', async () => {
    const { socket, events } = await connected();
    expect(auths).toEqual([{ bot: 'b1', call: 1 }]);
    expect(events).toEqual(['connect']);
    expect(socket.active).toBe(true);
    expect(sockets[0].nsp.name).toBe('/widget');

    socket.connect(); // already active: nothing to do
    await sleep(50);
    expect(attempts).toBe(1);
    expect(events).toEqual(['connect']);
  });

  it('ignores binary packets and frames, and keeps going', async () => {
    const { socket, events, server } = await connected();
    const got: unknown[] = [];
    socket.on('session', (payload) => got.push(payload));
    server.emit('session', Buffer.from('binary') as never); // a BINARY_EVENT packet, then a binary frame
    server.emit('session', session);
    await until(() => got.length === 1, 'the text event');
    await sleep(50);
    expect(got).toEqual([session]);
    expect(events).toEqual(['connect']);
  });

  it('treats an Engine.IO close packet as a lost transport', async () => {
    let inject: ((data: string) => void) | undefined;
    /** Lets the test hand the client a frame as if the server had sent it. */
    class InjectingWebSocket extends WebSocket {
      set onmessage(fn: (event: MessageEvent) => void) {
        super.onmessage = fn;
        inject = (data) => fn(new MessageEvent('message', { data }));
      }
    }
    const { socket, events } = await connected({ WebSocket: InjectingWebSocket });
    inject!('1');
    expect(events).toEqual(['connect', 'disconnect:transport close']);
    await until(() => socket.connected && sockets.length === 2, 'reconnection');
  });

  it('delivers server events with Unicode, emoji, quotes and line separators intact', async () => {
    const { socket, server } = await connected();
    const got: unknown[] = [];
    const onDelta = (event: unknown) => got.push(['delta', event]);
    socket.on('session', (payload) => got.push(['session', payload]));
    socket.on('reply:start', (event) => got.push(['start', event]));
    socket.on('reply:delta', onDelta);
    socket.on('reply:end', (event) => got.push(['end', event]));
    server.emit('session', session);
    server.emit('reply:start', { replyId: 'r1', conversationId: 'c1', inReplyTo: 'm1' });
    server.emit('reply:delta', { replyId: 'r1', seq: 0, text: '中文' });
    server.emit('reply:end', { replyId: 'r1', status: 'complete', text: tricky });
    await until(() => got.length === 4, 'events');
    expect(got).toEqual([
      ['session', session],
      ['start', { replyId: 'r1', conversationId: 'c1', inReplyTo: 'm1' }],
      ['delta', { replyId: 'r1', seq: 0, text: '中文' }],
      ['end', { replyId: 'r1', status: 'complete', text: tricky }],
    ]);

    socket.off('reply:delta', onDelta);
    server.emit('reply:delta', { replyId: 'r1', seq: 1, text: 'x' });
    server.emit('reply:end', { replyId: 'r1', status: 'stopped', text: 'x' });
    await until(() => got.length === 5, 'the end after the removed delta');
    expect(got[4]).toEqual(['end', { replyId: 'r1', status: 'stopped', text: 'x' }]);
  });

  it('matches acks to their emits, and emit without ack reaches the server', async () => {
    const { socket, server } = await connected();
    const stops: unknown[] = [];
    server.on('message:send', (payload, ack) => {
      // The first answer comes last: ids, not order, must pair them.
      setTimeout(() => ack({ ok: true, messageId: `m:${payload.text}`, replyId: payload.clientId }), payload.clientId === 'a' ? 50 : 0);
    });
    server.on('reply:stop', (...args: unknown[]) => stops.push(args));
    const [a, b] = await Promise.all([
      socket.emitWithAck('message:send', { clientId: 'a', text: tricky }, 2000),
      socket.emitWithAck('message:send', { clientId: 'b', text: '🙂' }, 2000),
    ]);
    expect(a).toEqual({ ok: true, messageId: `m:${tricky}`, replyId: 'a' });
    expect(b).toEqual({ ok: true, messageId: 'm:🙂', replyId: 'b' });

    socket.emit('reply:stop', { replyId: 'r1' });
    await until(() => stops.length === 1, 'reply:stop');
    expect(stops[0]).toEqual([{ replyId: 'r1' }]); // no ack callback asked for
  });

  it('rejects an ack that does not come in time, and any emitWithAck while disconnected', async () => {
    const { socket, server } = await connected();
    server.on('conversation:new', () => undefined);
    const started = Date.now();
    await expect(socket.emitWithAck('conversation:new', {}, 100)).rejects.toThrow('operation has timed out');
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);

    socket.disconnect();
    await expect(socket.emitWithAck('conversation:new', {}, 100)).rejects.toThrow('disconnected');
  });

  it('reports a refusal as connect_error with the server message, becomes inactive and does not retry', async () => {
    refuse = 'origin_not_allowed';
    const { socket, events } = client();
    let activeOnError: boolean | undefined;
    socket.on('connect_error', () => (activeOnError = socket.active));
    socket.connect();
    await until(() => events.length > 0, 'connect_error');
    expect(events).toEqual(['connect_error:origin_not_allowed']);
    expect(activeOnError).toBe(false);
    expect(socket.active).toBe(false);
    await sleep(300); // many backoff periods
    expect(attempts).toBe(1);

    // connect() tries again, with a fresh auth.
    refuse = undefined;
    socket.connect();
    await until(() => socket.connected, 'the second try');
    expect(attempts).toBe(2);
    expect(auths).toEqual([{ bot: 'b1', call: 2 }]);
  });

  it('hands the refusal\'s data to connect_error, as socket.io-client does', async () => {
    refuse = 'rate_limited';
    refuseData = { retryAfterMs: 50_000 };
    const { socket } = client();
    const errors: Array<Error & { data?: unknown }> = [];
    socket.on('connect_error', (error) => errors.push(error));
    socket.connect();
    await until(() => errors.length > 0, 'connect_error');
    expect(errors[0].message).toBe('rate_limited');
    expect(errors[0].data).toEqual({ retryAfterMs: 50_000 });
    expect(socket.active).toBe(false);
  });

  it.each([
    ['two packets joined by \\x1e (a polling payload, never a WebSocket frame)', '2/widget,["session",1]\x1e42/widget,["session",2]'],
    ['the same on the main namespace', '2["x",1]\x1e42["y",2]'],
    ['an event that is not JSON', '2/widget,["session",'],
    ['an event that is not an array', '2/widget,{"a":1}'],
    ['an ack without its arguments', '3/widget,7'],
    ['a refusal without its object', '4/widget,null'],
    ['an unknown Socket.IO type', 'x'],
  ])('closes with "parse error" on a malformed frame (%s), throws nothing into the page, and reconnects', async (_what, message) => {
    const { socket, events, server } = await connected({ WebSocket: WatchedWebSocket });
    const got: unknown[] = [];
    socket.on('session', (payload) => got.push(payload));
    server.conn.send(message); // the frame is `4` + message
    await until(() => events.length > 1 || escaped.length > 0, 'the client to notice');
    expect(escaped).toEqual([]);
    expect(events).toEqual(['connect', 'disconnect:parse error']);
    expect(socket.active).toBe(true);
    await until(() => socket.connected && sockets.length === 2, 'reconnection');
    expect(got).toEqual([]);
  });

  it.each([
    ['garbage', 'not an Engine.IO packet'],
    ['a handshake that is not JSON', '0{"sid":'],
    ['a handshake that is null', '0null'],
    ['a message without a Socket.IO packet', '4'],
    ['two packets joined by \\x1e after the namespace connected', '42/widget,["session",1]\x1e42/widget,["session",2]', true],
  ])('keeps trying, throwing nothing, against a raw server that sends %s', async (_what, frame, afterConnect = false) => {
    const raw = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(raw, 'listening');
    let opened = 0;
    raw.on('connection', (ws) => {
      opened++;
      if (!afterConnect) return ws.send(frame);
      ws.send('0{"sid":"s","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}');
      ws.on('message', (data) => String(data).startsWith('40/widget,') && (ws.send('40/widget,{"sid":"n"}'), ws.send(frame)));
    });
    try {
      const events: string[] = [];
      const socket = createWireSocket(`http://127.0.0.1:${(raw.address() as AddressInfo).port}`, { auth: () => ({}), minDelayMs: 20, maxDelayMs: 40, WebSocket: WatchedWebSocket });
      clients.push(socket);
      socket.on('connect', () => events.push('connect'));
      socket.on('disconnect', (reason) => events.push(`disconnect:${reason}`));
      socket.on('connect_error', (error) => events.push(`connect_error:${error.message}`));
      socket.connect();
      await until(() => opened >= 3 || escaped.length > 0, 'three attempts');
      expect(escaped).toEqual([]);
      expect(events.slice(0, 2)).toEqual(afterConnect ? ['connect', 'disconnect:parse error'] : ['connect_error:parse error', 'connect_error:parse error']);
      expect(socket.active).toBe(true);
    } finally {
      for (const ws of raw.clients) ws.terminate();
      await new Promise((r) => raw.close(r));
    }
  });

  it('stays disconnected after the server disconnects the socket', async () => {
    const { socket, events, server } = await connected();
    let activeOnDisconnect: boolean | undefined;
    socket.on('disconnect', () => (activeOnDisconnect = socket.active));
    server.disconnect(true);
    await until(() => events.length === 2, 'disconnect');
    expect(events).toEqual(['connect', 'disconnect:io server disconnect']);
    expect(activeOnDisconnect).toBe(false);
    expect(socket.connected).toBe(false);
    await sleep(300);
    expect(sockets).toHaveLength(1);
    expect(attempts).toBe(1);
  });

  it('reconnects by itself with a fresh auth after the transport closes', async () => {
    const { socket, events, server } = await connected();
    let activeOnDisconnect: boolean | undefined;
    socket.on('disconnect', () => (activeOnDisconnect = socket.active));
    server.conn.close();
    await until(() => sockets.length === 2 && socket.connected, 'reconnection');
    expect(events).toEqual(['connect', 'disconnect:transport close', 'connect']);
    expect(activeOnDisconnect).toBe(true);
    expect(auths).toEqual([{ bot: 'b1', call: 1 }, { bot: 'b1', call: 2 }]);
  });

  it('keeps retrying while the server is down, with connect_error per attempt, and is back when it is', async () => {
    const { socket, events } = await connected();
    await stop();
    await until(() => events.filter((e) => e.startsWith('connect_error')).length >= 2, 'failed attempts');
    expect(events.slice(0, 3)).toEqual(['connect', 'disconnect:transport close', 'connect_error:websocket error']);
    expect(socket.active).toBe(true);
    await start();
    await until(() => socket.connected, 'reconnection after restart');
    expect(events[events.length - 1]).toBe('connect');
    expect(auths.at(-1)).toEqual({ bot: 'b1', call: authCalls });
  });

  it('rejects an ack pending when the connection drops, without waiting for its timeout', async () => {
    const { socket, server } = await connected();
    server.on('message:send', () => undefined);
    const pending = socket.emitWithAck('message:send', { clientId: 'a', text: 'hi' }, 60_000);
    await sleep(20);
    server.conn.close();
    await expect(pending).rejects.toThrow('transport close');
    await until(() => socket.connected, 'reconnection');
  });

  it('answers pings, so a short heartbeat keeps the connection up', async () => {
    await stop();
    await start({ pingInterval: 100, pingTimeout: 50 });
    const { socket, events, server } = await connected();
    let pongs = 0;
    server.conn.on('packet', (packet: { type: string }) => packet.type === 'pong' && pongs++);
    await sleep(1000);
    expect(pongs).toBeGreaterThanOrEqual(5);
    expect(events).toEqual(['connect']);
    expect(socket.connected).toBe(true);
    expect(server.connected).toBe(true);
  });

  it('drops a connection whose pings stop coming, and reconnects', async () => {
    await stop();
    await start({ pingInterval: 100, pingTimeout: 50 });
    let deaf = false;
    /**
     * Once `deaf`, hides the pings from the client, answering them itself so that the server
     * keeps the connection: only the client's own deadline can notice.
     */
    class DeafWebSocket extends WebSocket {
      set onmessage(fn: (event: MessageEvent) => void) {
        super.onmessage = (event) => (deaf && event.data === '2' ? this.send('3') : fn(event));
      }
    }
    const { socket, events } = await connected({ WebSocket: DeafWebSocket });
    deaf = true;
    await until(() => events.includes('disconnect:ping timeout'), 'ping timeout', 1000);
    deaf = false;
    await until(() => socket.connected && sockets.length === 2, 'reconnection');
  });

  it('disconnect() says so, tells the server, and stops reconnecting', async () => {
    const { socket, events, server } = await connected();
    const serverReason = new Promise((r) => server.on('disconnect', r));
    socket.disconnect();
    expect(events).toEqual(['connect', 'disconnect:io client disconnect']);
    expect(socket.active).toBe(false);
    expect(await serverReason).toBe('client namespace disconnect');

    // While retrying against a stopped server, disconnect() ends the retries.
    socket.connect();
    await until(() => socket.connected, 'connected again');
    await stop();
    await until(() => events.some((e) => e.startsWith('connect_error')), 'a failed attempt');
    socket.disconnect();
    await start();
    await sleep(300);
    expect(socket.active).toBe(false);
    expect(sockets).toHaveLength(2);
  });

  it('skips the backoff when the browser comes back online', async () => {
    const window = new EventTarget();
    (globalThis as { window?: unknown }).window = window;
    const { socket, events } = await connected({ minDelayMs: 60_000, maxDelayMs: 60_000 });
    await stop();
    await until(() => events.includes('disconnect:transport close'), 'disconnect');
    await start();
    await sleep(100);
    expect(socket.connected).toBe(false); // a minute of backoff ahead
    window.dispatchEvent(new Event('online'));
    await until(() => socket.connected, 'reconnection on online', 1000);

    // Once inactive, the listener is gone.
    socket.disconnect();
    window.dispatchEvent(new Event('online'));
    await sleep(100);
    expect(sockets).toHaveLength(2);
  });
});
