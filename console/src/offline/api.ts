import { api } from '../api/client';
import type { OfflineMessage } from '../inbox/types';

export const listOfflineMessages = (signal?: AbortSignal) =>
  api<{ messages: OfflineMessage[] }>('GET', '/api/offline-messages', { signal }).then((r) => r.messages);

export const markHandled = (id: string) =>
  api<{ message: OfflineMessage }>('POST', `/api/offline-messages/${encodeURIComponent(id)}/handled`).then((r) => r.message);
