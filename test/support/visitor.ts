import { io, Socket } from 'socket.io-client';
import type {
  Ack,
  ClientToServerEvents,
  ReplyDeltaEvent,
  ReplyEndEvent,
  ServerToClientEvents,
  SessionPayload,
} from '../../backend/src/chat/widget.events';
import { SITE } from './fixtures';

export type VisitorSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A visitor's browser as the backend sees it: socket.io over WebSocket with the site's Origin. */
export async function connectVisitor(
  url: string,
  /** `identity` is sent as given, well-formed or not (`auth.identity`). */
  opts: { bot: string; visitor?: string; origin?: string | null; locale?: string; identity?: unknown; conversation?: string },
): Promise<{ socket: VisitorSocket; session: SessionPayload; early: ReplyDeltaEvent[] }> {
  const headers: Record<string, string> = opts.origin === null ? {} : { origin: opts.origin ?? SITE };
  const socket: VisitorSocket = io(url + '/widget', {
    auth: {
      bot: opts.bot,
      ...(opts.visitor ? { visitor: opts.visitor } : {}),
      ...(opts.locale ? { locale: opts.locale } : {}),
      ...(opts.identity !== undefined ? { identity: opts.identity } : {}),
      ...(opts.conversation ? { conversation: opts.conversation } : {}),
    },
    transports: ['websocket'],
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
  });
  // Deltas of a reply in flight may arrive just before the session that holds the text so far
  // (the socket is in the conversation's room first); the widget keeps them, and so do tests.
  const early: ReplyDeltaEvent[] = [];
  const onEarly = (delta: ReplyDeltaEvent) => early.push(delta);
  socket.on('reply:delta', onEarly);
  const session = await new Promise<SessionPayload>((resolve, reject) => {
    socket.once('session', resolve);
    socket.once('connect_error', (err) => reject(err));
  }).finally(() => socket.off('reply:delta', onEarly));
  return { socket, session, early };
}

/** The `connect_error` message a refused handshake gives. */
export async function refusal(url: string, opts: { bot: string; origin?: string | null; visitor?: string; identity?: unknown }): Promise<string> {
  try {
    const { socket } = await connectVisitor(url, opts);
    socket.disconnect();
    return 'connected';
  } catch (error) {
    return (error as Error).message;
  }
}

export function emitAck<R extends object>(socket: VisitorSocket, event: string, payload: unknown): Promise<Ack<R>> {
  return (socket.timeout(10_000) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<R>> }).emitWithAck(event, payload);
}

export interface ReplyRecord {
  deltas: ReplyDeltaEvent[];
  end: ReplyEndEvent;
}

/** Collects one reply's deltas until its `reply:end`. Start collecting before sending. */
export function collectReply(socket: VisitorSocket, replyId?: () => string | undefined, timeoutMs = 15_000): Promise<ReplyRecord> {
  const deltas: ReplyDeltaEvent[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reply:end within ${timeoutMs} ms (${deltas.length} deltas)`)), timeoutMs);
    const mine = (id: string) => !replyId || !replyId() || replyId() === id;
    const onDelta = (d: ReplyDeltaEvent) => mine(d.replyId) && deltas.push(d);
    const onEnd = (e: ReplyEndEvent) => {
      if (!mine(e.replyId)) return;
      clearTimeout(timer);
      socket.off('reply:delta', onDelta);
      socket.off('reply:end', onEnd);
      resolve({ deltas, end: e });
    };
    socket.on('reply:delta', onDelta);
    socket.on('reply:end', onEnd);
  });
}

export function nextEvent<E extends keyof ServerToClientEvents>(socket: VisitorSocket, event: E): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve) => socket.once(event, ((payload: never) => resolve(payload)) as never));
}
