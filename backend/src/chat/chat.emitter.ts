import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from './widget.events';

export type WidgetNamespace = Namespace<ClientToServerEvents, ServerToClientEvents>;

export const conversationRoom = (conversationId: string) => `conversation:${conversationId}`;

/** Sends reply events to everyone watching a conversation (every tab, every reconnect). */
@Injectable()
export class ChatEmitter {
  private namespace?: WidgetNamespace;

  attach(namespace: WidgetNamespace): void {
    this.namespace = namespace;
  }

  toConversation(conversationId: string) {
    if (!this.namespace) throw new Error('the /widget namespace is not initialised');
    return this.namespace.to(conversationRoom(conversationId));
  }

  /** The conversation's sockets on this instance only (no Redis, even when instances share visitors). */
  toConversationHere(conversationId: string) {
    if (!this.namespace) throw new Error('the /widget namespace is not initialised');
    return this.namespace.local.to(conversationRoom(conversationId));
  }
}
