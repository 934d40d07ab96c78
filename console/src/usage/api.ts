import { api } from '../api/client';
import { toQuery } from '../api/query';
import type { UsageDay } from '../api/types';

export const fetchUsage = (filters: { bot: string; from: string; to: string }, signal?: AbortSignal) =>
  api<{ days: UsageDay[] }>('GET', `/api/usage${toQuery(filters)}`, { signal }).then((r) => r.days);
