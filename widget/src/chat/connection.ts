import type { HandshakeAuth } from '../../../backend/src/chat/widget.events';
import type { Identity, WidgetConfig } from '../shared/contract';
import type { VisitorStore } from './storage';
import { createWireSocket, type WireSocket } from './wire/wire-socket';

export type WidgetSocket = WireSocket;

/**
 * The `/widget` namespace. `auth` is a function so every reconnect sends the visitor token
 * stored by the latest `session` and the page's latest `identify`.
 */
export function openSocket(config: WidgetConfig, visitors: VisitorStore, identity: () => Identity | undefined): WidgetSocket {
  return createWireSocket(config.backend, {
    auth: () => {
      const auth: HandshakeAuth = { bot: config.bot };
      const visitor = visitors.get();
      const who = identity();
      if (visitor) auth.visitor = visitor;
      // Lets the server word its error messages in the widget's language.
      if (config.locale) auth.locale = config.locale;
      if (who) auth.identity = who;
      return auth;
    },
  });
}
