import { Logger, OnApplicationShutdown, BeforeApplicationShutdown } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import { ClusterReplies } from '../cluster/cluster-replies';
import { AppConfig } from '../config/app-config';
import { ChatLimits } from '../limits/chat-limits.service';
import { clientIp } from '../limits/client-ip';
import { Metrics } from '../metrics/metrics.service';
import { ChatError, toWireError } from './chat-error';
import { ChatEmitter, conversationRoom, WidgetNamespace } from './chat.emitter';
import { ChatService } from './chat.service';
import { ReplyRegistry } from './reply-registry';
import { RequestQueue } from './request-queue';
import { HandshakeRefused, VisitorSessions } from './visitor-sessions.service';
import { VisitorContext } from './visitor-context';
import { HandoffService } from '../handoff/handoff.service';
import { TurnCache } from './turn-cache';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from './widget.events';

type WidgetSocket = Socket<ClientToServerEvents, ServerToClientEvents, object, { ctx: VisitorContext; bot: unknown; queue: RequestQueue }>;

/**
 * Requests one socket may have waiting. The widget has one or two in flight; a script sending
 * faster than they are handled is answered `busy` rather than buffered without bound.
 */
const MAX_QUEUED_REQUESTS = 32;

/** `/widget`: visitors' sockets. Thin: authenticate at the handshake, decode, call, ack. */
// The origin check happens per bot at the handshake, so CORS itself lets every site through.
@WebSocketGateway({ namespace: '/widget', cors: { origin: true, credentials: false }, maxHttpBufferSize: 100_000 })
export class ChatGateway implements OnGatewayInit, OnGatewayConnection, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Widget');
  private namespace?: WidgetNamespace;

  constructor(
    private readonly config: AppConfig,
    private readonly sessions: VisitorSessions,
    private readonly chat: ChatService,
    private readonly emitter: ChatEmitter,
    private readonly cluster: ClusterReplies,
    private readonly limits: ChatLimits,
    private readonly metrics: Metrics,
    private readonly registry: ReplyRegistry,
    private readonly handoff: HandoffService,
    private readonly turns: TurnCache,
  ) {}

  afterInit(namespace: WidgetNamespace): void {
    this.namespace = namespace;
    this.emitter.attach(namespace);
    // The handoff tells visitors about people joining, their messages and typing, through here.
    this.handoff.attachVisitors({
      emit: (conversationId, event, payload) => (this.emitter.toConversation(conversationId).emit as (e: string, p: unknown) => void)(event, payload),
      forget: (conversationId) => this.turns.forget(conversationId),
    });
    this.cluster.attach(namespace, this.registry);
    this.metrics.watchVisitors(() => namespace.sockets.size);
    namespace.use((socket, next) => {
      const auth = socket.handshake.auth && typeof socket.handshake.auth === 'object' ? socket.handshake.auth : {};
      const ip = clientIp(socket.handshake.address, socket.handshake.headers['x-forwarded-for'], this.config.trustProxy);
      this.limits
        .connection(ip)
        .then((refusal) => {
          if (refusal) throw new HandshakeRefused('rate_limited', refusal.retryAfterMs);
          return this.sessions.authenticate(auth, socket.handshake.headers.origin, ip, socket.handshake.headers['user-agent']);
        })
        .then(({ ctx, bot }) => {
          socket.data = { ctx, bot, queue: new RequestQueue(MAX_QUEUED_REQUESTS) };
          next();
        })
        .catch((error: unknown) => {
          if (error instanceof HandshakeRefused) return next(refused(error));
          // Not a refusal: the database or Redis is away. The widget waits and tries again.
          this.logger.error('handshake failed', { error: (error as Error).message });
          next(new Error('unavailable'));
        });
    });
  }

  async handleConnection(socket: WidgetSocket): Promise<void> {
    const { ctx, bot } = socket.data;
    try {
      await socket.join(conversationRoom(ctx.conversationId));
      socket.emit('session', await this.sessions.session(ctx, bot as never));
    } catch (error) {
      this.logger.error('session failed', { conversationId: socket.data.ctx?.conversationId, error: (error as Error).message });
      // A transport close, not a namespace disconnect: clients reconnect by themselves.
      socket.conn.close();
    }
  }

  @SubscribeMessage('message:send')
  send(@ConnectedSocket() socket: WidgetSocket, @MessageBody() body: unknown) {
    return this.answer(socket, (ctx) => this.chat.send(ctx, body));
  }

  @SubscribeMessage('reply:stop')
  stop(@ConnectedSocket() socket: WidgetSocket, @MessageBody() body: unknown) {
    return this.answer(socket, async (ctx) => (await this.chat.stop(ctx, body), {}));
  }

  @SubscribeMessage('reply:retry')
  retry(@ConnectedSocket() socket: WidgetSocket, @MessageBody() body: unknown) {
    return this.answer(socket, (ctx) => this.chat.retry(ctx, body));
  }

  @SubscribeMessage('feedback')
  feedback(@ConnectedSocket() socket: WidgetSocket, @MessageBody() body: unknown) {
    return this.answer(socket, async (ctx) => (await this.chat.feedback(ctx, body), {}));
  }

  @SubscribeMessage('handoff:request')
  requestHandoff(@ConnectedSocket() socket: WidgetSocket, @MessageBody() body: unknown) {
    return this.answer(socket, (ctx) => this.chat.requestHandoff(ctx, body));
  }

  @SubscribeMessage('offline:message')
  leaveMessage(@ConnectedSocket() socket: WidgetSocket, @MessageBody() body: unknown) {
    return this.answer(socket, async (ctx) => (await this.chat.leaveMessage(ctx, body), {}));
  }

  @SubscribeMessage('conversation:new')
  newConversation(@ConnectedSocket() socket: WidgetSocket, @MessageBody() body: unknown) {
    return this.answer(socket, async (ctx) => {
      if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body) || Object.keys(body).length > 0)) {
        throw new ChatError('bad_request');
      }
      const conversation = await this.sessions.newConversation(ctx);
      await socket.leave(conversationRoom(ctx.conversationId));
      // A new context, not a changed one: whoever holds the old one keeps the old conversation.
      socket.data.ctx = Object.freeze({ ...ctx, conversationId: conversation.id });
      await socket.join(conversationRoom(conversation.id));
      return { conversation: { id: conversation.id, messages: [], state: 'bot' as const } };
    });
  }

  @SubscribeMessage('conversations:list')
  listConversations(@ConnectedSocket() socket: WidgetSocket, @MessageBody() body: unknown) {
    return this.answer(socket, (ctx) => this.sessions.listConversations(ctx, body));
  }

  /**
   * Back to one of the visitor's earlier conversations. The socket joins its room before its
   * messages are read, so a reply streaming there is never missed between the two.
   */
  @SubscribeMessage('conversation:open')
  openConversation(@ConnectedSocket() socket: WidgetSocket, @MessageBody() body: unknown) {
    return this.answer(socket, async (ctx) => {
      const id = await this.sessions.ownConversation(ctx, body);
      if (id !== ctx.conversationId) {
        await socket.leave(conversationRoom(ctx.conversationId));
        socket.data.ctx = Object.freeze({ ...ctx, conversationId: id });
        await socket.join(conversationRoom(id));
      }
      return { conversation: await this.sessions.conversationOf(id) };
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.chat.drain(this.config.shutdownGraceMs);
  }

  onApplicationShutdown(): void {
    // This instance's sockets only: on the cluster adapter the plain call is a message to every instance.
    this.namespace?.local.disconnectSockets(true);
  }

  /**
   * Handles a request after the socket's earlier ones (request-queue.ts) and acks it. `work` gets
   * the context as it is when the request's turn comes, and keeps it to the end.
   */
  private answer<T extends object>(socket: WidgetSocket, work: (ctx: VisitorContext) => Promise<T>): Promise<Ack<T>> {
    const queued = socket.data.queue.run(() => this.settle(socket, () => work(socket.data.ctx)));
    return queued ?? Promise.resolve({ ok: false, error: toWireError('busy', socket.data.ctx.locale) });
  }

  private async settle<T extends object>(socket: WidgetSocket, work: () => Promise<T>): Promise<Ack<T>> {
    try {
      return { ok: true, ...(await work()) };
    } catch (error) {
      if (error instanceof ChatError) return { ok: false, error: toWireError(error.code, socket.data.ctx.locale, error.retryAfterMs) };
      this.logger.error('request failed', { conversationId: socket.data.ctx.conversationId, error: (error as Error).stack ?? String(error) });
      return { ok: false, error: toWireError('internal', socket.data.ctx.locale) };
    }
  }
}

/** A `connect_error` for the client: socket.io sends `message`, and `data` when it is set. */
function refused(error: HandshakeRefused): Error {
  const refusal: Error & { data?: { retryAfterMs: number } } = new Error(error.reason);
  if (error.retryAfterMs !== undefined) refusal.data = { retryAfterMs: error.retryAfterMs };
  return refusal;
}
