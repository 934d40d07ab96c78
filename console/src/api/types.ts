/** The shapes of the REST API under /api (PROTOCOL §4), as the console reads them. */

export type TenantRole = 'owner' | 'agent';

export interface User {
  id: string;
  email: string;
  tenantId: string;
  role: TenantRole;
  isAdmin: boolean;
  mustChangePassword: boolean;
}

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
}

export interface BotView {
  id: string;
  name: string;
  publicKey: string;
  enabled: boolean;
  allowedOrigins: string[];
  settings: BotSettings;
  azure: { endpoint: string | null; apiKeySet: boolean };
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

export type ProblemStatus = 'stopped' | 'filtered' | 'failed';
export type MessageStatus = 'complete' | 'streaming' | ProblemStatus;
export type Feedback = 'up' | 'down';

export interface ConversationSummary {
  id: string;
  bot: { id: string; name: string };
  visitorId: string;
  createdAt: string;
  lastMessageAt: string | null;
  messageCount: number;
  preview: string;
  statuses: ProblemStatus[];
  rating: { up: number; down: number };
  tags: string[];
  reviewed: boolean;
  flagged: boolean;
}

export interface ConversationDetail extends ConversationSummary {
  note: string | null;
}

export interface TranscriptMessage {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  status: MessageStatus;
  createdAt: string;
  roleVersion: number | null;
  feedback: Feedback | null;
  feedbackComment: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  latencyMs: number | null;
  firstTokenMs: number | null;
  finishReason: string | null;
  errorCode: string | null;
}

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

export interface UsageDay {
  day: string;
  botId: string;
  botName: string;
  conversations: number;
  messages: number;
  promptTokens: number;
  completionTokens: number;
}

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}
