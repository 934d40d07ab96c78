import type { InboxConversation, WireMessage } from './types';

/**
 * The live inbox list, kept by applying `/staff` events to what `GET /api/inbox` answered.
 * Pure, so the ordering and the counts are tested on their own.
 */

const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) || 0 : 0);

/** Whether a conversation belongs in the inbox: a person was asked for, or one answers. */
export const inInbox = (c: InboxConversation) => c.state === 'waiting' || c.state === 'human';

/** Waiting first, the longest waiting first; then those a person answers, the latest activity first. */
export function sortInbox(list: InboxConversation[]): InboxConversation[] {
  return [...list].sort((a, b) => {
    const waiting = Number(b.state === 'waiting') - Number(a.state === 'waiting');
    if (waiting) return waiting;
    if (a.state === 'waiting') return time(a.waitingSince) - time(b.waitingSince) || a.id.localeCompare(b.id);
    return time(b.updatedAt) - time(a.updatedAt) || a.id.localeCompare(b.id);
  });
}

/** `inbox:update`: the conversation replaces its older self, or leaves (state `bot` or `closed`). */
export function applyUpdate(list: InboxConversation[], conversation: InboxConversation): InboxConversation[] {
  const rest = list.filter((c) => c.id !== conversation.id);
  return inInbox(conversation) ? sortInbox([...rest, conversation]) : rest;
}

/**
 * `message:new`: the last message and the unread count, unless an `inbox:update` already counted
 * it (it arrives in either order; the server's count is the truth, this only keeps it fresh).
 */
export function applyMessage(list: InboxConversation[], conversationId: string, message: WireMessage): InboxConversation[] {
  return list.map((c) => {
    if (c.id !== conversationId) return c;
    if (c.lastMessage && time(c.lastMessage.createdAt) >= time(message.createdAt)) return c;
    const unread = message.role === 'user' ? c.unread + 1 : message.role === 'agent' ? 0 : c.unread;
    return {
      ...c,
      lastMessage: { role: message.role, text: message.text, createdAt: message.createdAt },
      unread,
      updatedAt: message.createdAt > c.updatedAt ? message.createdAt : c.updatedAt,
    };
  });
}

/** True when this update is the moment a conversation starts waiting (worth a notification). */
export function startsWaiting(list: InboxConversation[], conversation: InboxConversation): boolean {
  return conversation.state === 'waiting' && list.find((c) => c.id === conversation.id)?.state !== 'waiting';
}

/** The nav badge: conversations waiting for anyone, and those the signed-in member holds with unread messages. */
export function badgeCount(list: InboxConversation[], me: string): number {
  return list.filter((c) => c.state === 'waiting' || (c.assignee?.id === me && c.unread > 0)).length;
}

/** Whole minutes from `since` to `now` (never negative); null without a time. */
export function minutesSince(since: string | null, now: number): number | null {
  if (!since) return null;
  const ms = now - time(since);
  return Math.max(0, Math.floor(ms / 60_000));
}
