/**
 * The shapes of the REST API under /api (PROTOCOL §4), as the console reads them. Where the
 * backend defines a response shape, it is imported type-only (dates arrive as strings).
 */
import type { Json } from '../../../backend/src/common/json';
import type {
  AnswerOutcome,
  ConversationDetail as Detail,
  ConversationSummary as Summary,
  TranscriptMessage as Message,
} from '../../../backend/src/conversations/dto/conversation.views';

import type { TenantRole } from '../../../backend/src/users/user.entity';
export type { TenantRole };
export type { AuthUser as User } from '../../../backend/src/auth/auth-user';

export type BotLocale = 'zh-CN' | 'en';

export interface BotSettings {
  greeting: string;
  suggestions: string[];
  locale: BotLocale;
  color: string;
  position: 'right' | 'left';
  deployment: string | null;
  temperature: number;
  maxTokens: number;
  historyTokenBudget: number;
  maxMessageLength: number;
  /** Refuse visitors without a verified identity; the server accepts it only once a secret exists. */
  requireIdentity: boolean;
}

export interface BotView {
  id: string;
  name: string;
  publicKey: string;
  enabled: boolean;
  allowedOrigins: string[];
  settings: BotSettings;
  azure: { endpoint: string | null; apiKeySet: boolean };
  /** Whether an identity secret exists (never the secret) and whether verified identity is required. */
  identity: { secretSet: boolean; required: boolean };
  activeRoleVersion: number | null;
  snippet: string;
  createdAt: string;
  updatedAt: string;
}

export interface BotPatch {
  name?: string;
  enabled?: boolean;
  allowedOrigins?: string[];
  settings?: Partial<BotSettings>;
  azure?: { endpoint?: string | null; apiKey?: string | null };
}

export interface NewBot {
  name: string;
  allowedOrigins?: string[];
  settings?: Partial<BotSettings>;
  systemPrompt?: string;
}

/** The answer that shows a new identity secret, the only time it is ever shown. */
export interface IdentitySecret {
  secret: string;
  identity: BotView['identity'];
}

export interface RoleVersion {
  version: number;
  systemPrompt: string;
  note: string | null;
  author: { id: string; email: string } | null;
  createdAt: string;
  active: boolean;
}

export interface Member {
  id: string;
  email: string;
  role: TenantRole;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface Tenant {
  id: string;
  name: string;
  createdAt: string;
  members: number;
  bots: number;
}

export type ProblemStatus = AnswerOutcome;
export type { MessageStatus } from '../../../backend/src/chat/widget.events';
export type Feedback = 'up' | 'down';

export type ConversationSummary = Json<Summary>;
export type ConversationDetail = Json<Detail>;
export type TranscriptMessage = Json<Message>;

export interface ConversationPage {
  conversations: ConversationSummary[];
  nextCursor: string | null;
}

export interface Transcript {
  conversation: ConversationDetail;
  messages: TranscriptMessage[];
}

export interface Annotations {
  tags?: string[];
  reviewed?: boolean;
  note?: string;
}

export type { UsageDay } from '../../../backend/src/usage/usage.service';

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}
