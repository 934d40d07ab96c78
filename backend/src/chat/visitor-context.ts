/** What the server knows about a connected visitor; kept on `socket.data`. */
export interface VisitorContext {
  visitorId: string;
  botId: string;
  tenantId: string;
  conversationId: string;
  /** The locale error messages are written in. */
  locale: string;
}
