import type { ClientToServerEvents, ServerToClientEvents } from '../../../../backend/src/chat/widget.events';

/**
 * A socket.io client small enough for the widget's size budget: Engine.IO v4 over WebSocket only
 * (no long-polling, no binary), Socket.IO v5 on one namespace. It speaks to a stock socket.io 4
 * server and behaves like socket.io-client where the chat relies on it: `active`, the reserved
 * events and their reasons, reconnection with backoff, no retry after a refusal or a server-side
 * disconnect, and a frame that does not parse closes the connection (`parse error`) and
 * reconnects rather than throwing into the page.
 */

/** A `connect_error`: the server's `message` and, for a refusal, its `data` (as socket.io-client). */
export interface ConnectError extends Error {
  /** What the server attached: `{ retryAfterMs }` for `rate_limited` and `unavailable`. */
  data?: { retryAfterMs?: number };
}

/** socket.io-client's reserved events, with the same arguments. */
export interface ReservedEvents {
  connect: () => void;
  /** `io client disconnect`, `io server disconnect`, `transport close`, `ping timeout` or `parse error`. */
  disconnect: (reason: string) => void;
  /** The server's refusal (`active` is then false), or an attempt that failed while reconnecting. */
  connect_error: (error: ConnectError) => void;
}

export type WireListenEvents = ServerToClientEvents & ReservedEvents;
export type WirePayload<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];
export type WireAck<E extends keyof ClientToServerEvents> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

export interface WireSocketOptions {
  /** Called before every (re)connection attempt; sent in the namespace CONNECT packet. */
  auth: () => object;
  /** Defaults to `/widget`. */
  namespace?: string;
  /** The first reconnection delay, doubled per failed attempt up to `maxDelayMs`, each ±50 % at random. 500 ms by default. */
  minDelayMs?: number;
  /** 10 s by default. */
  maxDelayMs?: number;
  /** How long an attempt may take to open and get the Engine.IO handshake. 20 s by default, as socket.io-client. */
  connectTimeoutMs?: number;
  /** The global `WebSocket` by default. */
  WebSocket?: typeof WebSocket;
}

export interface WireSocket {
  readonly connected: boolean;
  /** True while connected or trying to (re)connect; false after `disconnect()`, a refusal or a server-side disconnect. */
  readonly active: boolean;
  /** Starts connecting unless already active; also the way to try again after a refusal. */
  connect(): void;
  /** For good: no more reconnection, and acks in flight are rejected. */
  disconnect(): void;
  on<E extends keyof WireListenEvents>(event: E, fn: WireListenEvents[E]): void;
  off<E extends keyof WireListenEvents>(event: E, fn: WireListenEvents[E]): void;
  /** Fire and forget; dropped while not connected (socket.io-client would buffer it). */
  emit<E extends keyof ClientToServerEvents>(event: E, payload: WirePayload<E>): void;
  /** Rejects on timeout, when not connected, and when the connection is lost before the ack. */
  emitWithAck<E extends keyof ClientToServerEvents>(event: E, payload: WirePayload<E>, timeoutMs: number): Promise<WireAck<E>>;
}

type Listener = (...args: any[]) => void;

/** A closure rather than a class: the minifier renames locals, never properties. */
export function createWireSocket(url: string, opts: WireSocketOptions): WireSocket {
  const nsp = opts.namespace ?? '/widget';
  // Packets name their namespace as `/widget,`; the main namespace `/` goes unnamed.
  const prefix = nsp == '/' ? '' : nsp + ',';
  const endpoint = new URL('/socket.io/?EIO=4&transport=websocket', url).href.replace(/^http/, 'ws');
  const WS = opts.WebSocket ?? WebSocket;
  const minDelay = opts.minDelayMs ?? 500;
  const maxDelay = opts.maxDelayMs ?? 10_000;
  const listeners: Record<string, Listener[]> = {};
  const acks = new Map<number, (error: Error | null, value?: unknown) => void>();
  let ws: WebSocket | undefined;
  let connected = false;
  let active = false;
  let attempts = 0;
  let nextAck = 0;
  let heartbeat = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;

  const fire = (event: string, ...args: unknown[]) => listeners[event]?.slice().forEach((fn) => fn(...args));
  const send = (packet: string) => ws!.send(packet);

  /** The connection is dead unless pushed back in time: by the handshake, then by every ping. */
  const expireIn = (ms: number) => {
    clearTimeout(deadline);
    deadline = setTimeout(lost, ms, 'ping timeout');
  };

  /** Closes the WebSocket, fails the acks in flight; true if the namespace was connected. */
  const drop = (reason: string) => {
    const was = connected;
    clearTimeout(deadline);
    ws?.close();
    ws = undefined;
    connected = false;
    acks.forEach((settle) => settle(new Error(reason)));
    return was;
  };

  /** Inactive: nothing will reconnect until `connect()`. */
  const end = (reason: string) => {
    active = false;
    clearTimeout(retry);
    if (typeof window != 'undefined') window.removeEventListener('online', online);
    if (drop(reason)) fire('disconnect', reason);
  };

  /** The transport failed: tell, then try again later unless a listener ended it all. */
  function lost(reason: string) {
    if (drop(reason)) fire('disconnect', reason);
    else fire('connect_error', new Error(reason));
    if (active && !ws) retry = setTimeout(open, Math.min(maxDelay, minDelay * 2 ** attempts++) * (0.5 + Math.random()));
  }

  /** The network is back: no point waiting out the backoff. */
  function online() {
    if (!active || connected) return;
    drop('');
    clearTimeout(retry);
    attempts = 0;
    open();
  }

  function open() {
    const socket = (ws = new WS(endpoint));
    expireIn(opts.connectTimeoutMs ?? 20_000);
    socket.onclose = () => socket == ws && lost(connected ? 'transport close' : 'websocket error');
    socket.onmessage = ({ data }) => socket == ws && typeof data == 'string' && receive(data);
  }

  /**
   * One frame, one Engine.IO packet: over WebSocket a frame never holds several (`\x1e` joins
   * packets only in long-polling payloads, and never appears raw in JSON), so a frame with one
   * is malformed. A frame that does not parse is `parse error`, as in socket.io-client: the
   * connection closes and comes back. Only the parsing is guarded; listeners run outside.
   */
  function receive(frame: string) {
    // Engine.IO type; for a message (4), the Socket.IO type, namespace, ack id and JSON.
    const [, eio, sio, name = '', id, json] = /^([0-6])(?:([0-6])(\/[^,]*,)?(\d*))?([^]*)$/.exec(frame) ?? [];
    let data;
    try {
      // Only the handshake, events (2), acks (3) and refusals (4) carry JSON; binary (5, 6) is not used.
      if (eio == '0' || (sio > '1' && sio < '5')) data = JSON.parse(json);
      if (!eio || (eio == '4' && !sio)) throw frame;
      if (eio == '0') data = data.pingInterval + data.pingTimeout;
      else if (sio == '4') data = Object.assign(new Error(data.message), { data: data.data });
      else if (sio > '1' && sio < '4' && !Array.isArray(data)) throw frame;
    } catch {
      return lost('parse error');
    }
    if (eio == '0') {
      expireIn((heartbeat = data));
      send('40' + prefix + JSON.stringify(opts.auth()));
    } else if (eio == '2') {
      expireIn(heartbeat);
      send('3');
    } else if (eio == '1') lost('transport close');
    else if (eio == '4' && name == prefix) {
      if (sio == '0') {
        connected = true;
        attempts = 0;
        fire('connect');
      } else if (sio == '2') fire(...(data as [string]));
      else if (sio == '3') acks.get(+id)?.(null, data[0]);
      else if (sio == '1') end('io server disconnect');
      else if (sio == '4') {
        end(data.message);
        fire('connect_error', data);
      }
    }
  }

  return {
    get connected() {
      return connected;
    },
    get active() {
      return active;
    },
    connect() {
      if (active) return;
      active = true;
      attempts = 0;
      if (typeof window != 'undefined') window.addEventListener('online', online);
      open();
    },
    disconnect() {
      if (connected) send('41' + prefix);
      end('io client disconnect');
    },
    on(event, fn) {
      (listeners[event] ??= []).push(fn);
    },
    off(event, fn) {
      listeners[event] = listeners[event]?.filter((f) => f != fn);
    },
    emit(event, payload) {
      if (connected) send('42' + prefix + JSON.stringify([event, payload]));
    },
    emitWithAck(event, payload, timeoutMs) {
      return new Promise((resolve, reject) => {
        if (!connected) return reject(new Error('disconnected'));
        const id = nextAck++;
        const settle = (error: Error | null, value?: unknown) => {
          clearTimeout(timer);
          acks.delete(id);
          if (error) reject(error);
          else resolve(value as never);
        };
        const timer = setTimeout(settle, timeoutMs, new Error('operation has timed out'));
        acks.set(id, settle);
        send('42' + prefix + id + JSON.stringify([event, payload]));
      });
    },
  };
}
