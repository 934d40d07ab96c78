/**
 * The wire contract of the `/staff` socket.io namespace and the inbox API (PROTOCOL §7).
 * Defined once; backend, console and tests import it type-only.
 */
import type { ConversationState, OfficeHours, WireMessage } from '../chat/widget.events';

export type { ConversationState, OfficeHours };

/** What the staff know of the visitor (captured at the widget's handshake). */
export interface VisitorContext {
  id: string;
  /** Verified identity's name or email, else a short label made from the visitor id. */
  label: string;
  identity?: { id: string; name?: string; email?: string; verified: boolean };
  pageUrl?: string;
  referrer?: string;
  /** The browser's User-Agent, shortened ("Chrome 131 on Windows"). */
  browser?: string;
  locale?: string;
  /** Earlier conversations of this visitor with this bot. */
  earlierConversations: number;
}

/** A conversation in the live inbox. */
export interface InboxConversation {
  id: string;
  botId: string;
  botName: string;
  state: ConversationState;
  /** The staff member who holds it (state `human`). */
  assignee: { id: string; name: string } | null;
  /** Since when the visitor waits (state `waiting`). */
  waitingSince: string | null;
  lastMessage: { role: WireMessage['role']; text: string; createdAt: string } | null;
  /** Visitor messages since a staff member last wrote (or since it started waiting). */
  unread: number;
  visitor: VisitorContext;
  updatedAt: string;
}

/** A message as the staff see it in a conversation (PROTOCOL §7: `message:new`). */
export interface StaffMessage extends WireMessage {
  conversationId: string;
}

/** Staff members of the tenant and whether they have the console open. */
export interface StaffPresence {
  id: string;
  name: string;
  online: boolean;
}

export type RuleAction = 'answer' | 'handoff' | 'alert';

/** A bot's rule, checked before the model (PROTOCOL §7). */
export interface Rule {
  match: { keywords?: string[]; pattern?: string };
  action: RuleAction;
  /** The fixed answer (`answer`; with `handoff`, said before the handoff). */
  answer?: string;
}

export interface OfflineMessage {
  id: string;
  botId: string;
  botName: string;
  conversationId: string | null;
  email: string;
  text: string;
  createdAt: string;
  handledAt: string | null;
  handledBy: { id: string; name: string } | null;
}

/** Server → console over `/staff`. */
export interface StaffServerEvents {
  /** A conversation entered, changed in or left the inbox (state `bot` or `closed`: it left). */
  'inbox:update': (payload: { conversation: InboxConversation }) => void;
  'message:new': (payload: { conversationId: string; message: WireMessage }) => void;
  /** The visitor is typing (reserved) — or, to other staff, a colleague is. */
  typing: (payload: { conversationId: string; on: boolean }) => void;
  /** A rule's `alert` matched a visitor's message: someone should look. */
  'rule:alert': (payload: { conversation: InboxConversation; text: string }) => void;
  'presence:update': (payload: { staff: StaffPresence[] }) => void;
}

/** Console → server over `/staff`. */
export interface StaffClientEvents {
  /** The staff member is typing in a conversation they hold: the visitor sees it. */
  typing: (payload: { conversationId: string; on: boolean }) => void;
}
