/**
 * A turn's write refused by the table's own rules: `resent` — a send with the same clientId was
 * stored first (messages_conversation_client_id_key); `busy` — another reply of the conversation
 * is streaming (messages_one_streaming_per_conversation), possibly on another instance.
 */
export class TurnConflict extends Error {
  constructor(readonly kind: 'resent' | 'busy') {
    super(`turn conflict: ${kind}`);
    this.name = 'TurnConflict';
  }
}
