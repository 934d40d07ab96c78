import type { StoredSource } from '../messages.repository';
import type { MessageRole, MessageStatus } from '../../chat/widget.events';

export type AnswerOutcome = 'stopped' | 'filtered' | 'failed';

/** A conversation as the staff list shows it. */
export interface ConversationSummary {
  id: string;
  bot: { id: string; name: string };
  visitorId: string;
  createdAt: Date;
  lastMessageAt: Date | null;
  messageCount: number;
  /** The visitor's first message, at most 120 characters. */
  preview: string;
  /** Outcomes other than `complete` among its answers. */
  statuses: AnswerOutcome[];
  rating: { up: number; down: number };
  tags: string[];
  reviewed: boolean;
  flagged: boolean;
  /** Who the visitor is on the site, when a handshake verified it (`identify` with a valid hash); null when anonymous. */
  identity: VisitorIdentity | null;
}

/** The name and email are as the page gave them with the latest verified handshake. */
export interface VisitorIdentity {
  externalId: string;
  name: string | null;
  email: string | null;
}

export interface ConversationDetail extends ConversationSummary {
  note: string | null;
}

export interface ConversationList {
  conversations: ConversationSummary[];
  nextCursor: string | null;
  /** How many conversations match the filters in all; counted for the first page (no cursor), null on later ones. */
  total: number | null;
}

export interface TranscriptMessage {
  id: string;
  role: MessageRole;
  text: string;
  status: MessageStatus;
  createdAt: Date;
  roleVersion: number | null;
  feedback: 'up' | 'down' | null;
  feedbackComment: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  latencyMs: number | null;
  firstTokenMs: number | null;
  finishReason: string | null;
  errorCode: string | null;
  /** The real reason behind `errorCode` (upstream status and message, timeout, filter categories). */
  errorDetail: string | null;
  /** Complete, but cut short by the bot's maxTokens (finish reason `length`). */
  truncated: boolean;
  /** An answer's passages of the bot's documents, with their retrieval scores (PROTOCOL §6). */
  sources?: StoredSource[];
  /** Role `agent`: the staff member who wrote it. */
  author?: { name: string };
}
