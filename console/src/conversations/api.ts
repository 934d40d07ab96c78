import { api } from '../api/client';
import type { Annotations, ConversationPage, Transcript } from '../api/types';
import { type ConversationFilters, listQuery } from './filters';

/** A page of the list; the first (no cursor) also says how many match in all. */
export type ListPage = ConversationPage & { total?: number | null };

export const listConversations = (filters: ConversationFilters, cursor: string | null, signal?: AbortSignal) =>
  api<ListPage>('GET', `/api/conversations${listQuery(filters, cursor)}`, { signal });

export const getTranscript = (id: string, signal?: AbortSignal) =>
  api<Transcript>('GET', `/api/conversations/${encodeURIComponent(id)}`, { signal });

export const annotate = (id: string, changes: Annotations) =>
  api<unknown>('PATCH', `/api/conversations/${encodeURIComponent(id)}`, { body: changes });
