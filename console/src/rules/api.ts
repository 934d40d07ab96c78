import { api } from '../api/client';
import type { Rule } from '../inbox/types';

const path = (botId: string) => `/api/bots/${encodeURIComponent(botId)}/rules`;

export const getRules = (botId: string, signal?: AbortSignal) => api<{ rules: Rule[] }>('GET', path(botId), { signal }).then((r) => r.rules);

/** Replaces the whole list, in order. */
export const putRules = (botId: string, rules: Rule[]) => api<{ rules: Rule[] }>('PUT', path(botId), { body: { rules } }).then((r) => r.rules);
