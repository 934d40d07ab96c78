import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { normaliseOrigin } from '../common/origin';
import { AppConfig } from '../config/app-config';
import { HandoffService } from './handoff.service';
import { StaffEmitter, StaffNamespace, tenantRoom } from './staff.emitter';
import type { StaffClientEvents, StaffServerEvents } from './staff.events';

type StaffSocket = Socket<StaffClientEvents, StaffServerEvents, object, { userId: string; tenantId: string; typingAt: number[] }>;

const typingSchema = z.strictObject({ conversationId: z.guid(), on: z.boolean() });
/** Typing events one console may send in a 10-second window. */
const TYPING_PER_10S = 20;

/**
 * `/staff`: the console's live inbox. The handshake takes the console's session cookie and
 * refuses another site's Origin (the cookie is ambient); each console joins its tenant's room.
 */
@WebSocketGateway({ namespace: '/staff', maxHttpBufferSize: 10_000 })
export class StaffGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger('Staff');
  private readonly publicOrigin?: string;

  constructor(
    config: AppConfig,
    private readonly auth: AuthService,
    private readonly emitter: StaffEmitter,
    private readonly handoff: HandoffService,
  ) {
    this.publicOrigin = config.publicUrl ? new URL(config.publicUrl).origin : undefined;
  }

  afterInit(namespace: StaffNamespace): void {
    this.emitter.attach(namespace);
    namespace.use((socket, next) => {
      const origin = socket.handshake.headers.origin;
      const host = socket.handshake.headers.host;
      const from = origin ? normaliseOrigin(origin) : null;
      const same = from !== null && (from === normaliseOrigin(`http://${host}`) || from === normaliseOrigin(`https://${host}`) || from === this.publicOrigin);
      if (!same) return next(new Error('origin_not_allowed'));
      this.auth
        .resolve(sessionToken(socket.handshake.headers.cookie))
        .then((user) => {
          if (!user) return next(new Error('unauthorized'));
          if (user.mustChangePassword) return next(new Error('password_change_required'));
          socket.data = { userId: user.id, tenantId: user.tenantId, typingAt: [] };
          next();
        })
        .catch((error: Error) => {
          this.logger.error('staff handshake failed', { error: error.message });
          next(new Error('unavailable'));
        });
    });
  }

  async handleConnection(socket: StaffSocket): Promise<void> {
    await socket.join(tenantRoom(socket.data.tenantId));
    await this.handoff.presenceChanged(socket.data.tenantId).catch(() => undefined);
  }

  async handleDisconnect(socket: StaffSocket): Promise<void> {
    if (socket.data?.tenantId) await this.handoff.presenceChanged(socket.data.tenantId).catch(() => undefined);
  }

  /** The staff member types in a conversation of their tenant: the visitor sees it. */
  @SubscribeMessage('typing')
  async typing(@ConnectedSocket() socket: StaffSocket, @MessageBody() body: unknown): Promise<void> {
    const parsed = typingSchema.safeParse(body);
    if (!parsed.success) return;
    const now = Date.now();
    socket.data.typingAt = socket.data.typingAt.filter((t) => now - t < 10_000);
    if (socket.data.typingAt.length >= TYPING_PER_10S) return;
    socket.data.typingAt.push(now);
    await this.handoff.staffTyping(socket.data.tenantId, parsed.data.conversationId, parsed.data.on);
  }
}

function sessionToken(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
