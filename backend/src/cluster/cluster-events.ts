import type { WireSource } from '../chat/widget.events';

/** A streaming reply's text and seq as the instance generating it has them. */
export interface ReplySnapshot {
  text: string;
  seq: number;
  /** The passages the answer was given, when it was (PROTOCOL §6). */
  sources?: WireSource[];
}

/**
 * Every server-side event the instances send each other (socket.io's ServerSideEvents map, the
 * 4th type parameter of Namespace): name, arguments, and the ack each instance answers with.
 * Arguments arrive from another process: handlers check them at run time as well.
 */
export interface ClusterEvents {
  /** The reply's text so far, from the instance generating it (null: not here). */
  'cluster:reply-snapshot': (replyId: string, ack: (snapshot: ReplySnapshot | null) => void) => void;
  /** Stop the reply; true when this instance had it. */
  'cluster:reply-stop': (replyId: string, ack: (found: boolean) => void) => void;
  /** Whether this instance has a socket in the conversation's room. */
  'cluster:has-sockets': (conversationId: string, ack: (has: boolean) => void) => void;
}
