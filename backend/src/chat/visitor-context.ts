/**
 * What the server knows about a connected visitor; kept on `socket.data`. Read-only and frozen:
 * `conversation:new` puts a new one in its place, so a handler's `ctx` keeps naming the
 * conversation it started in, whatever arrives while it awaits.
 */
export interface VisitorContext {
  readonly visitorId: string;
  readonly botId: string;
  readonly tenantId: string;
  readonly conversationId: string;
  /** The locale error messages are written in. */
  readonly locale: string;
}
