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

import type { BotLlmView as ServerBotLlmView, BotView as ServerBotView } from '../../../backend/src/bots/bot.view';
import type { RoleView } from '../../../backend/src/bots/bot-roles.service';
import type { TenantRole } from '../../../backend/src/users/user.entity';
import type { AnswerSource as TranscriptSource } from '../knowledge/types';
export type { TenantRole };
export type { AuthUser as User } from '../../../backend/src/auth/auth-user';

export type BotLocale = 'zh-CN' | 'en';

/** A bot as the API answers it: the backend's own view type (bots/bot.view.ts), dates as strings. */
export type BotView = Json<ServerBotView>;
export type BotSettings = BotView['settings'];
/** The bot's model: its own provider, endpoint and model (null: the installation's), whether a key is set. */
export type BotLlm = Json<ServerBotLlmView>;
export type LlmProvider = NonNullable<BotLlm['provider']>;

export interface BotPatch {
  name?: string;
  enabled?: boolean;
  allowedOrigins?: string[];
  settings?: Partial<BotSettings>;
  /** null fields go back to the installation's; `apiKey` is write-only. */
  llm?: { provider?: LlmProvider | null; endpoint?: string | null; model?: string | null; apiKey?: string | null } | null;
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

/** A role version as the API answers it: the backend's RoleView (bots/bot-roles.service.ts). */
export type RoleVersion = Json<RoleView>;

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
/** An answer given passages of the bot's documents also names them (PROTOCOL §6), scored. */
export type TranscriptMessage = Json<Message> & { sources?: TranscriptSource[] };
export type { TranscriptSource };

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
