import type { ChatTurn } from '../api/types';

export type TurnStatus = 'complete' | 'streaming' | 'stopped' | 'filtered' | 'failed';

export interface PreviewTurn {
  role: 'user' | 'assistant';
  text: string;
  status: TurnStatus;
  /** Why an answer failed, as the server said it. */
  error?: string;
}

const STATUSES: TurnStatus[] = ['complete', 'stopped', 'filtered', 'failed'];

/** What is sent as the history: every finished turn that has text, oldest first. */
export function historyFor(turns: PreviewTurn[]): ChatTurn[] {
  return turns.filter((turn) => turn.text.trim() && turn.status !== 'streaming').map((turn) => ({ role: turn.role, content: turn.text }));
}

/** The server takes at most this many messages; older ones are left out of the request. */
export const MAX_PREVIEW_MESSAGES = 50;

/** One event of the preview stream applied to the answer being written (the last turn). */
export function applyPreviewEvent(turns: PreviewTurn[], event: unknown): PreviewTurn[] {
  const last = turns[turns.length - 1];
  if (!last || last.role !== 'assistant' || last.status !== 'streaming' || !event || typeof event !== 'object') return turns;
  const e = event as { delta?: unknown; end?: { status?: unknown; text?: unknown; error?: unknown }; error?: { message?: unknown } | string };
  let next: PreviewTurn = last;
  if (typeof e.delta === 'string') {
    next = { ...last, text: last.text + e.delta };
  } else if (e.end && typeof e.end === 'object') {
    const status = STATUSES.includes(e.end.status as TurnStatus) ? (e.end.status as TurnStatus) : 'complete';
    next = { ...last, status, text: typeof e.end.text === 'string' ? e.end.text : last.text };
    if (typeof e.end.error === 'string' && e.end.error) next.error = e.end.error;
  } else if (e.error) {
    const message = typeof e.error === 'string' ? e.error : typeof e.error.message === 'string' ? e.error.message : '';
    next = { ...last, status: 'failed', error: message };
  } else {
    return turns;
  }
  return [...turns.slice(0, -1), next];
}

/** The answer being written ends without an `end` event: stopped by the reader, or cut off. */
export function finishTurn(turns: PreviewTurn[], status: 'stopped' | 'failed', error?: string): PreviewTurn[] {
  const last = turns[turns.length - 1];
  if (!last || last.status !== 'streaming') return turns;
  return [...turns.slice(0, -1), { ...last, status, ...(error ? { error } : {}) }];
}
