import { api, send } from '../api/client';
import { readJsonEvents } from '../api/sse';
import type { ChatTurn, RoleVersion } from '../api/types';

const base = (botId: string) => `/api/bots/${encodeURIComponent(botId)}`;

export const listRoles = (botId: string, signal?: AbortSignal) =>
  api<{ roles: RoleVersion[] }>('GET', `${base(botId)}/roles`, { signal }).then((r) => r.roles);

export const publishRole = (botId: string, systemPrompt: string, note: string) =>
  api<RoleVersion>('POST', `${base(botId)}/roles`, { body: { systemPrompt, ...(note.trim() ? { note: note.trim() } : {}) } });

export const activateRole = (botId: string, version: number) =>
  api<RoleVersion>('POST', `${base(botId)}/roles/${version}/activate`);

/** Streams a preview answer: every `data:` event of the response goes to `onEvent`. */
export async function streamPreview(
  botId: string,
  body: { systemPrompt?: string; messages: ChatTurn[] },
  signal: AbortSignal,
  onEvent: (event: unknown) => void,
): Promise<void> {
  const res = await send('POST', `${base(botId)}/preview`, { body, signal, accept: 'text/event-stream' });
  await readJsonEvents(res, onEvent);
}
