import { createWireSocket, type ReservedEvents } from '../../../widget/src/chat/wire/wire-socket';
import type { StaffClientEvents, StaffServerEvents } from './types';

/**
 * The console's `/staff` connection through the widget's own small socket.io client (Engine.IO
 * v4 over WebSocket). The session cookie goes with the same-origin WebSocket handshake and the
 * browser sets Origin, so the namespace CONNECT carries no auth of its own.
 *
 * The wire client already takes any namespace; what it lacks is a type parameter for its event
 * maps (they are the widget's), hence the re-typing here. The runtime is the same object.
 */
export type StaffListenEvents = StaffServerEvents & ReservedEvents;

export interface StaffSocket {
  readonly connected: boolean;
  readonly active: boolean;
  connect(): void;
  disconnect(): void;
  on<E extends keyof StaffListenEvents>(event: E, fn: StaffListenEvents[E]): void;
  off<E extends keyof StaffListenEvents>(event: E, fn: StaffListenEvents[E]): void;
  /** Dropped while not connected. */
  emit<E extends keyof StaffClientEvents>(event: E, payload: Parameters<StaffClientEvents[E]>[0]): void;
}

export function createStaffSocket(origin: string, WebSocketImpl?: typeof WebSocket): StaffSocket {
  return createWireSocket(origin, { namespace: '/staff', auth: () => ({}), WebSocket: WebSocketImpl }) as unknown as StaffSocket;
}
