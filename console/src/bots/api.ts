import { api } from '../api/client';
import type { BotPatch, BotView, IdentitySecret, NewBot } from '../api/types';

export const listBots = (signal?: AbortSignal) => api<{ bots: BotView[] }>('GET', '/api/bots', { signal }).then((r) => r.bots);

export const getBot = (id: string, signal?: AbortSignal) =>
  api<BotView | { bot: BotView }>('GET', `/api/bots/${encodeURIComponent(id)}`, { signal }).then(unwrap);

export const createBot = (bot: NewBot) => api<BotView | { bot: BotView }>('POST', '/api/bots', { body: bot }).then(unwrap);

export const updateBot = (id: string, patch: BotPatch) =>
  api<BotView | { bot: BotView }>('PATCH', `/api/bots/${encodeURIComponent(id)}`, { body: patch }).then(unwrap);

/** Makes or replaces the bot's identity secret; the answer is the only place it is shown. */
export const rotateIdentitySecret = (id: string) => api<IdentitySecret>('POST', `/api/bots/${encodeURIComponent(id)}/identity-secret`);

/** The bot itself, whether the server answers it bare or as `{ bot }`. */
function unwrap(body: BotView | { bot: BotView }): BotView {
  return 'bot' in body && body.bot && typeof body.bot === 'object' ? body.bot : (body as BotView);
}
