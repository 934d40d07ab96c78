import type { ReplyDeltaEvent, ReplyEndEvent, ReplyStartEvent } from '../../backend/src/chat/widget.events';
import { emitAck, VisitorSocket } from './visitor';

/** Every event the server sent a socket, in order, for assertions over the whole wire. */
export interface WireLog {
  events: Array<{ event: string; payload: unknown }>;
}

export function recordWire(socket: VisitorSocket, log: WireLog): void {
  socket.onAny((event: string, payload: unknown) => log.events.push({ event, payload }));
}

export interface Turn {
  replyId: string;
  start: ReplyStartEvent;
  deltas: ReplyDeltaEvent[];
  end: ReplyEndEvent;
  /** From the send to `reply:end`. */
  ms: number;
}

/** One visitor message and its whole reply, as the widget sees it. */
export async function turn(socket: VisitorSocket, clientId: string, text: string, timeoutMs = 15_000): Promise<Turn> {
  const started = performance.now();
  let replyId: string | undefined;
  let start: ReplyStartEvent | undefined;
  const deltas: ReplyDeltaEvent[] = [];
  const ended = new Promise<ReplyEndEvent>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reply:end within ${timeoutMs} ms`)), timeoutMs);
    const onStart = (e: ReplyStartEvent) => (start = e);
    const onDelta = (d: ReplyDeltaEvent) => deltas.push(d);
    const onEnd = (e: ReplyEndEvent) => {
      if (replyId && e.replyId !== replyId) return;
      clearTimeout(timer);
      socket.off('reply:start', onStart);
      socket.off('reply:delta', onDelta);
      socket.off('reply:end', onEnd);
      resolve(e);
    };
    socket.on('reply:start', onStart);
    socket.on('reply:delta', onDelta);
    socket.on('reply:end', onEnd);
  });
  const ack = await emitAck<{ messageId: string; replyId: string }>(socket, 'message:send', { clientId, text });
  if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack)}`);
  replyId = ack.replyId;
  const end = await ended;
  if (!start) throw new Error('reply:end without reply:start');
  return { replyId, start, deltas: deltas.filter((d) => d.replyId === replyId), end, ms: performance.now() - started };
}
