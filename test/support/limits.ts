import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Message } from '../../backend/src/conversations/message.entity';
import type { Ack, ReplyEndEvent } from '../../backend/src/chat/widget.events';
import { connectVisitor, emitAck, VisitorSocket } from './visitor';

type SendAck = Ack<{ messageId: string; replyId: string }>;

/** One message:send; when it is taken, waits for its answer so the next one is not `busy`. */
export async function turn(socket: VisitorSocket, text = 'How much water should I drink?'): Promise<SendAck> {
  const ack = await emitAck<{ messageId: string; replyId: string }>(socket, 'message:send', { clientId: randomUUID(), text });
  // The ack goes out before the reply starts, so listening from here misses no reply:end.
  if (ack.ok) await replyEnd(socket, ack.replyId);
  return ack;
}

function replyEnd(socket: VisitorSocket, replyId: string): Promise<void> {
  return new Promise((resolve) => {
    const onEnd = (end: ReplyEndEvent) => {
      if (end.replyId !== replyId) return;
      socket.off('reply:end', onEnd);
      resolve();
    };
    socket.on('reply:end', onEnd);
  });
}

/** A handshake's outcome: connected (then disconnected), or the refusal's message and data. */
export async function handshake(
  url: string,
  opts: { bot: string; visitor?: string },
): Promise<{ connected: true; visitor: string; conversationId: string } | { connected: false; message: string; data?: { retryAfterMs?: number } }> {
  try {
    const { socket, session } = await connectVisitor(url, opts);
    socket.disconnect();
    return { connected: true, visitor: session.visitor, conversationId: session.conversation.id };
  } catch (error) {
    return { connected: false, message: (error as Error).message, data: (error as { data?: { retryAfterMs?: number } }).data };
  }
}

export function messagesIn(db: DataSource, conversationId: string): Promise<number> {
  return db.getRepository(Message).count({ where: { conversationId } });
}

/** Collects the sockets a test opens, to close them after it. */
export function socketPool() {
  const open: VisitorSocket[] = [];
  return {
    async connect(url: string, opts: { bot: string; visitor?: string; locale?: string }) {
      const connected = await connectVisitor(url, opts);
      open.push(connected.socket);
      return connected;
    },
    closeAll: () => open.splice(0).forEach((s) => s.disconnect()),
  };
}
