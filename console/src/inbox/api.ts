import { api } from '../api/client';
import type { Transcript, TranscriptMessage } from '../api/types';
import type { ConversationState, InboxConversation, StaffMessage, StaffPresence, VisitorContext } from './types';

const path = (id: string, action: string) => `/api/conversations/${encodeURIComponent(id)}/${action}`;
type One = { conversation: InboxConversation };

export const getInbox = (signal?: AbortSignal) =>
  api<{ conversations: InboxConversation[]; staff: StaffPresence[] }>('GET', '/api/inbox', { signal });

/** The transcript (PROTOCOL §4) with what handoff adds: who answers, and the visitor's context. */
export type HandoffTranscript = Transcript & {
  conversation: Transcript['conversation'] & {
    state?: ConversationState;
    assignee?: { id: string; name: string } | null;
    visitor?: VisitorContext;
  };
  messages: Array<TranscriptMessage & { author?: { name: string } }>;
};

export const getConversation = (id: string, signal?: AbortSignal) =>
  api<HandoffTranscript>('GET', `/api/conversations/${encodeURIComponent(id)}`, { signal });

export const claim = (id: string) => api<One>('POST', path(id, 'claim')).then((r) => r.conversation);
export const release = (id: string) => api<One>('POST', path(id, 'release')).then((r) => r.conversation);
export const close = (id: string) => api<One>('POST', path(id, 'close')).then((r) => r.conversation);
export const sendStaffMessage = (id: string, text: string) =>
  api<{ message: StaffMessage; conversation: InboxConversation }>('POST', path(id, 'messages'), { body: { text } });
