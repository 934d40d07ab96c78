import { api } from '../api/client';
import { ApiError, errorFromBody } from '../api/errors';
import type { KnowledgeList, KnowledgeSource, SearchAnswer, SourceBody, SourceDetail, FaqBody, TextBody } from './types';

const base = (botId: string) => `/api/bots/${encodeURIComponent(botId)}/knowledge`;
const one = (botId: string, sourceId: string) => `${base(botId)}/${encodeURIComponent(sourceId)}`;

export const listKnowledge = (botId: string, signal?: AbortSignal) => api<KnowledgeList>('GET', base(botId), { signal });

export const getSource = (botId: string, sourceId: string, signal?: AbortSignal) =>
  api<SourceDetail>('GET', one(botId, sourceId), { signal });

/** A new source from pasted text, an FAQ or a URL; 202, indexed in the background. */
export const addSource = (botId: string, body: SourceBody) =>
  api<{ source: KnowledgeSource }>('POST', base(botId), { body }).then((r) => r.source);

export const deleteSource = (botId: string, sourceId: string) => api<void>('DELETE', one(botId, sourceId));

export const reindexSource = (botId: string, sourceId: string) =>
  api<{ source: KnowledgeSource }>('POST', `${one(botId, sourceId)}/reindex`).then((r) => r.source);

export const searchKnowledge = (botId: string, query: string, limit?: number, signal?: AbortSignal) =>
  api<SearchAnswer>('POST', `${base(botId)}/search`, { body: limit ? { query, limit } : { query }, signal });

/** One file as its own multipart POST. */
export const uploadFile = (botId: string, form: FormData, signal?: AbortSignal) =>
  request<{ source: KnowledgeSource }>('POST', base(botId), form, signal).then((r) => r.source);

/** New text or FAQ for an existing source; the old chunks answer until the new ones are ready. */
export const updateSource = (botId: string, sourceId: string, body: TextBody | FaqBody) =>
  request<{ source: KnowledgeSource }>('PUT', one(botId, sourceId), body).then((r) => r.source);

/**
 * PUT and multipart, which api/client.ts does not send (its methods and JSON-only body). The
 * browser sets the multipart boundary itself. A 401 here surfaces as an error like any other.
 */
async function request<T>(method: 'POST' | 'PUT', path: string, body: FormData | object, signal?: AbortSignal): Promise<T> {
  const multipart = body instanceof FormData;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: multipart ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: multipart ? body : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', '');
  }
  if (!res.ok) throw errorFromBody(res.status, await res.json().catch(() => null));
  return (await res.json()) as T;
}
