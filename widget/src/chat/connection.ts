import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, HandshakeAuth, ServerToClientEvents } from '../../../backend/src/chat/widget.events';
import type { WidgetConfig } from '../shared/contract';
import type { VisitorStore } from './storage';

export type WidgetSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The `/widget` namespace. `auth` is a function so every reconnect sends the visitor token
 * stored by the latest `session`.
 */
export function openSocket(config: WidgetConfig, visitors: VisitorStore): WidgetSocket {
  return io(`${config.backend}/widget`, {
    transports: ['websocket', 'polling'],
    autoConnect: false,
    auth: (cb) => {
      const visitor = visitors.get();
      const auth: HandshakeAuth = { bot: config.bot };
      if (visitor) auth.visitor = visitor;
      // Lets the server word its error messages in the widget's language.
      if (config.locale) auth.locale = config.locale;
      cb(auth);
    },
  });
}
