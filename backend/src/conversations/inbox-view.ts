import type { InboxRow } from './handoff-state.repository';
import type { InboxConversation } from '../handoff/staff.events';

/** A staff member as the inbox and the widget name them: the part of the email before the @. */
export function staffName(email: string): string {
  return email.split('@')[0];
}

/** "Chrome 131 on Windows" from a User-Agent, or the agent cut short. */
export function browserOf(userAgent: string | undefined): string | undefined {
  if (!userAgent) return undefined;
  const browser = /Edg\/(\d+)/.exec(userAgent)
    ? `Edge ${/Edg\/(\d+)/.exec(userAgent)![1]}`
    : /Firefox\/(\d+)/.exec(userAgent)
      ? `Firefox ${/Firefox\/(\d+)/.exec(userAgent)![1]}`
      : /Chrome\/(\d+)/.exec(userAgent)
        ? `Chrome ${/Chrome\/(\d+)/.exec(userAgent)![1]}`
        : /Version\/(\d+).*Safari/.exec(userAgent)
          ? `Safari ${/Version\/(\d+)/.exec(userAgent)![1]}`
          : undefined;
  const os = /Windows/.test(userAgent) ? 'Windows' : /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Mac OS X/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : undefined;
  if (browser) return os ? `${browser} on ${os}` : browser;
  return userAgent.slice(0, 60);
}

export function toInboxConversation(row: InboxRow): InboxConversation {
  const verified = row.verifiedAt !== null && row.externalId !== null;
  const label = row.visitorName ?? row.visitorEmail ?? `Visitor ${row.visitorId.slice(0, 6)}`;
  return {
    id: row.id,
    botId: row.botId,
    botName: row.botName,
    state: row.state,
    assignee: row.assigneeId && row.assigneeEmail ? { id: row.assigneeId, name: staffName(row.assigneeEmail) } : null,
    waitingSince: row.waitingSince ? new Date(row.waitingSince).toISOString() : null,
    lastMessage: row.lastMessage ? { role: row.lastMessage.role, text: row.lastMessage.text, createdAt: new Date(row.lastMessage.createdAt).toISOString() } : null,
    unread: row.unread,
    visitor: {
      id: row.visitorId,
      label,
      ...(row.externalId ? { identity: { id: row.externalId, ...(row.visitorName ? { name: row.visitorName } : {}), ...(row.visitorEmail ? { email: row.visitorEmail } : {}), verified } } : {}),
      ...(row.context?.pageUrl ? { pageUrl: row.context.pageUrl } : {}),
      ...(row.context?.referrer ? { referrer: row.context.referrer } : {}),
      ...(row.context?.userAgent ? { browser: browserOf(row.context.userAgent) } : {}),
      ...(row.context?.locale ? { locale: row.context.locale } : {}),
      earlierConversations: row.earlier,
    },
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
