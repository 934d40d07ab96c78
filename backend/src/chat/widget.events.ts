/**
 * The wire contract of the `/widget` socket.io namespace (PROTOCOL §3).
 * Defined once; backend, widget and tests import it type-only.
 */

/** `agent`: a staff member's message (PROTOCOL §7); `assistant`: the model's, or a rule's fixed answer. */
export type MessageRole = 'user' | 'assistant' | 'agent';

/**
 * Who answers a conversation (PROTOCOL §7): `bot` the model; `waiting` a person was asked for;
 * `human` a staff member answers and the model is silent; `closed` ended by the staff.
 */
export type ConversationState = 'bot' | 'waiting' | 'human' | 'closed';
export type MessageStatus = 'complete' | 'streaming' | 'stopped' | 'filtered' | 'failed';

export interface WireMessage {
  id: string;
  role: MessageRole;
  text: string;
  status: MessageStatus;
  createdAt: string;
  /** Only while `status` is `streaming`: how many deltas `text` already holds; later deltas continue from this seq. */
  seq?: number;
  /** The visitor's rating of an answer, once given. */
  feedback?: 'up' | 'down';
  /** A complete answer the model cut short at the bot's length limit (finish_reason `length`). */
  truncated?: true;
  /** An answer given passages of the owner's documents: what it may cite as `[n]` (PROTOCOL §6). */
  sources?: WireSource[];
  /** Role `agent`: the staff member who wrote it. */
  author?: { name: string };
}

/** A passage an answer was given; the answer cites it as `[n]` (PROTOCOL §6 `Source`). */
export interface WireSource {
  n: number;
  sourceId: string;
  title: string;
  url?: string;
  excerpt: string;
}

export interface WireConversation {
  id: string;
  messages: WireMessage[];
  state: ConversationState;
  /** While `human`: who answers. */
  agent?: { name: string };
}

/** When people answer (the bot's `settings.officeHours`): days 0 = Sunday … 6 = Saturday, times `HH:MM` in `timezone`. */
export interface OfficeHours {
  timezone: string;
  weekly: { day: number; from: string; to: string }[];
}

export interface WireBot {
  name: string;
  greeting: string;
  suggestions: string[];
  locale: string;
  color: string;
  demo: boolean;
  /** The visitor may ask for a person (`handoff:request`). */
  handoff: boolean;
  /** Someone can answer now: within office hours, and a staff member online. */
  staffed: boolean;
  /** When people answer; null: any time someone is online. */
  officeHours: OfficeHours | null;
  /** The longest message the bot takes, in characters (longer is refused `too_long`). */
  maxMessageLength?: number;
}

/** One of the visitor's own conversations of this bot, as `conversations:list` gives them (newest activity first). */
export interface WireConversationSummary {
  id: string;
  startedAt: string;
  /** The latest message's time. */
  lastMessageAt: string;
  /** The visitor's first question (or, without one, the first message), cut to 120 characters. */
  preview: string;
  messageCount: number;
}

export interface SessionPayload {
  visitor: string;
  conversation: WireConversation;
  bot: WireBot;
}

export type ErrorCode =
  | 'bad_request'
  | 'too_long'
  | 'busy'
  | 'rate_limited'
  | 'budget_exceeded'
  | 'content_filtered'
  | 'upstream_rate_limited'
  | 'upstream_unavailable'
  | 'not_found'
  | 'internal';

export interface WireError {
  code: ErrorCode;
  message: string;
  retryAfterMs?: number;
}

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: WireError };

/** Reasons a handshake is refused; sent as the `connect_error` message. */
/** `unavailable`: the server could not check the handshake (its database is away); try again later. */
/**
 * `identity_required`: the bot accepts only verified visitors and the handshake had no identity
 * with a hash; `identity_invalid`: its hash does not verify with the bot's identity secret.
 */
export type ConnectRefusal =
  | 'unknown_bot'
  | 'origin_not_allowed'
  | 'bot_disabled'
  | 'rate_limited'
  | 'unavailable'
  | 'identity_required'
  | 'identity_invalid';

export interface HandshakeAuth {
  bot: string;
  visitor?: string;
  /** The widget's locale, for error messages; the bot's when absent. */
  locale?: string;
  /**
   * The page's `CustomChat('identify', …)`, when it called it (PROTOCOL §2). `hash` is the hex
   * HMAC-SHA256 of `id` with the bot's identity secret; without a valid one the visitor is
   * anonymous (or refused, where the bot requires identity). See chat/visitor-identity.ts.
   */
  identity?: { id: string; name?: string; email?: string; hash?: string };
  /** The page the widget is on, shown to the staff with the conversation (PROTOCOL §7). */
  page?: { url?: string; referrer?: string };
  /**
   * The conversation the widget shows (a reconnect after `conversation:open`): the session is of
   * that one when it is this visitor's; otherwise, or when absent, of the visitor's latest.
   */
  conversation?: string;
}

export interface MessageSendPayload { clientId: string; text: string }
export interface ReplyStopPayload { replyId: string }
export interface ReplyRetryPayload { replyId: string }
export interface HandoffRequestPayload { note?: string }
export interface OfflineMessagePayload { email: string; text: string }
export interface ConversationOpenPayload { conversationId: string }
export interface FeedbackPayload { messageId: string; rating: 'up' | 'down'; comment?: string }

export interface ReplyStartEvent { replyId: string; conversationId: string; inReplyTo: string }
/** Before the first delta of an answer that was given passages. */
export interface ReplySourcesEvent { replyId: string; sources: WireSource[] }
export interface ReplyDeltaEvent { replyId: string; seq: number; text: string }
/** `truncated`: the answer is complete but the model cut it short at the bot's length limit. */
export interface ReplyEndEvent { replyId: string; status: MessageStatus; text: string; error?: WireError; truncated?: true }

/** Client → server events, each answered through its ack callback. */
export interface ClientToServerEvents {
  /** `replyId` null: no model answers this message (a person has the conversation, or a rule answered). */
  'message:send': (payload: MessageSendPayload, ack: (res: Ack<{ messageId: string; replyId: string | null }>) => void) => void;
  'reply:stop': (payload: ReplyStopPayload, ack: (res: Ack) => void) => void;
  /** A new answer to the question of a failed or stopped reply (the latest one); the old reply stays stored. */
  'reply:retry': (payload: ReplyRetryPayload, ack: (res: Ack<{ replyId: string }>) => void) => void;
  'conversation:new': (payload: Record<string, never>, ack: (res: Ack<{ conversation: WireConversation }>) => void) => void;
  feedback: (payload: FeedbackPayload, ack: (res: Ack) => void) => void;
  /** The visitor's own conversations of this bot that have messages, newest activity first, at most 30. */
  'conversations:list': (payload: Record<string, never>, ack: (res: Ack<{ conversations: WireConversationSummary[] }>) => void) => void;
  /** Goes back to one of the visitor's own conversations (`not_found` for any other): it becomes the socket's conversation. */
  'conversation:open': (payload: ConversationOpenPayload, ack: (res: Ack<{ conversation: WireConversation }>) => void) => void;
  /** Ask for a person (where the bot allows it). */
  'handoff:request': (payload: HandoffRequestPayload, ack: (res: Ack<{ state: ConversationState }>) => void) => void;
  /** Nobody can answer now: leave a message and an email for the staff. */
  'offline:message': (payload: OfflineMessagePayload, ack: (res: Ack) => void) => void;
}

export interface ConversationStateEvent { state: ConversationState; agent?: { name: string } }
/** A message not streamed by the model: a staff member's, or a rule's fixed answer. */
export interface MessageNewEvent { message: WireMessage }
export interface TypingEvent { on: boolean }

/** Server → client events. */
export interface ServerToClientEvents {
  session: (payload: SessionPayload) => void;
  'reply:start': (payload: ReplyStartEvent) => void;
  'reply:sources': (payload: ReplySourcesEvent) => void;
  'reply:delta': (payload: ReplyDeltaEvent) => void;
  'reply:end': (payload: ReplyEndEvent) => void;
  'conversation:state': (payload: ConversationStateEvent) => void;
  'message:new': (payload: MessageNewEvent) => void;
  /** A staff member is typing (or stopped). */
  typing: (payload: TypingEvent) => void;
}
