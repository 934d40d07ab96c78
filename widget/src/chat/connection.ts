import type { HandshakeAuth } from '../../../backend/src/chat/widget.events';
import type { Identity, WidgetConfig } from '../shared/contract';
import { supportedLocale } from './i18n';
import type { VisitorStore } from './storage';
import { createWireSocket, type WireSocket } from './wire/wire-socket';

export type WidgetSocket = WireSocket;

/**
 * The `/widget` namespace. `auth` is a function so every reconnect sends the visitor token
 * stored by the latest `session`, the page's latest `identify`, its current address and the
 * conversation last on screen (so a reconnect, or the next page, stays in one opened again).
 */
export function openSocket(config: WidgetConfig, visitors: VisitorStore, identity: () => Identity | undefined): WidgetSocket {
  return createWireSocket(config.backend, {
    auth: () => {
      // The page the visitor is on, for the staff who may take the conversation over (PROTOCOL §7).
      const auth: HandshakeAuth = { bot: config.bot, page: { url: location.href.slice(0, 1000), referrer: document.referrer.slice(0, 1000) || undefined } };
      const visitor = visitors.get();
      const who = identity();
      if (visitor) auth.visitor = visitor;
      // Lets the server word its error messages in the widget's language (the browser's, when
      // the widget has it and the page named none; else the server uses the bot's).
      const locale = config.locale || navigator.languages.find(supportedLocale);
      if (locale) auth.locale = locale;
      if (who) auth.identity = who;
      const shown = visitors.conversation.get();
      if (shown) auth.conversation = shown;
      return auth;
    },
  });
}
