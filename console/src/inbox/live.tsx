import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import { useSession } from '../auth/session';
import { useT } from '../i18n';
import { navigate } from '../ui/router';
import { routePath } from '../ui/routes';
import { getInbox } from './api';
import { applyMessage, applyUpdate, badgeCount, inInbox, sortInbox, startsWaiting } from './inbox-state';
import { beep, notify, soundOn } from './notify';
import { createStaffSocket, type StaffSocket } from './staff-socket';
import type { InboxConversation, StaffPresence, WireMessage } from './types';

/** `connecting` also while reconnecting; `refused`: the server turned the handshake down (no retry). */
export type Connection = 'connecting' | 'online' | 'refused';

export interface RuleAlert {
  key: number;
  conversation: InboxConversation;
  text: string;
}

interface Live {
  status: 'loading' | 'ready' | 'error';
  error?: unknown;
  conversations: InboxConversation[];
  staff: StaffPresence[];
  badge: number;
  connection: Connection;
  alerts: RuleAlert[];
  dismiss(key: number): void;
  /** What a claim, a message, a release or a close answered. */
  apply(conversation: InboxConversation): void;
  reload(): void;
  reconnect(): void;
  socket: StaffSocket;
}

const LiveContext = createContext<Live | null>(null);

export function useInbox(): Live {
  const live = useContext(LiveContext);
  if (!live) throw new Error('useInbox outside the InboxProvider');
  return live;
}

let alertKeys = 0;

/**
 * The inbox for the whole console (the nav badge, notifications on any page): `/staff` events
 * applied to `GET /api/inbox`, fetched again at every (re)connection so nothing missed offline
 * stays missing.
 */
export function InboxProvider({ children }: { children: ComponentChildren }) {
  const t = useT();
  const me = useSession().user.id;
  const [socket] = useState(() => createStaffSocket(window.location.origin));
  const [conversations, setConversations] = useState<InboxConversation[]>([]);
  const [staff, setStaff] = useState<StaffPresence[]>([]);
  const [load, setLoad] = useState<{ status: Live['status']; error?: unknown }>({ status: 'loading' });
  const [connection, setConnection] = useState<Connection>('connecting');
  const [alerts, setAlerts] = useState<RuleAlert[]>([]);
  const list = useRef(conversations);
  list.current = conversations;
  const strings = useRef(t);
  strings.current = t;

  const reload = useCallback(() => {
    getInbox().then(
      (r) => {
        setConversations(sortInbox(r.conversations.filter(inInbox)));
        setStaff(r.staff);
        setLoad({ status: 'ready' });
      },
      (error) => setLoad((l) => (l.status === 'ready' ? l : { status: 'error', error })),
    );
  }, []);

  useEffect(() => {
    const open = (c: InboxConversation) => navigate(routePath({ name: 'inbox', id: c.id }));
    const alarm = (title: string, c: InboxConversation, text: string) => {
      if (soundOn()) beep();
      notify(title, `${c.visitor.label} · ${c.botName}${text ? `: ${text}` : ''}`, c.id, () => open(c));
    };
    let loaded = false;
    const handlers = {
      connect() {
        setConnection('online');
        loaded = true;
        reload();
      },
      disconnect() {
        setConnection(socket.active ? 'connecting' : 'refused');
      },
      connect_error() {
        setConnection(socket.active ? 'connecting' : 'refused');
        // No live updates yet: at least show the list as it is now.
        if (!loaded) reload();
        loaded = true;
      },
      'inbox:update'({ conversation }: { conversation: InboxConversation }) {
        if (startsWaiting(list.current, conversation)) alarm(strings.current.inbox.notifyWaiting, conversation, conversation.lastMessage?.role === 'user' ? conversation.lastMessage.text : '');
        setConversations((l) => applyUpdate(l, conversation));
      },
      'message:new'({ conversationId, message }: { conversationId: string; message: WireMessage }) {
        setConversations((l) => applyMessage(l, conversationId, message));
      },
      'rule:alert'({ conversation, text }: { conversation: InboxConversation; text: string }) {
        alarm(strings.current.inbox.notifyAlert, conversation, text);
        setAlerts((a) => [{ key: ++alertKeys, conversation, text }, ...a].slice(0, 5));
      },
      'presence:update'({ staff }: { staff: StaffPresence[] }) {
        setStaff(staff);
      },
    };
    const entries = Object.entries(handlers) as Array<[never, never]>;
    for (const [event, fn] of entries) socket.on(event, fn);
    socket.connect();
    return () => {
      for (const [event, fn] of entries) socket.off(event, fn);
      socket.disconnect();
    };
  }, [socket, reload]);

  const apply = useCallback((c: InboxConversation) => setConversations((l) => applyUpdate(l, c)), []);
  const dismiss = useCallback((key: number) => setAlerts((a) => a.filter((x) => x.key !== key)), []);
  const reconnect = useCallback(() => socket.connect(), [socket]);

  const value: Live = {
    ...load,
    conversations,
    staff,
    badge: badgeCount(conversations, me),
    connection,
    alerts,
    dismiss,
    apply,
    reload,
    reconnect,
    socket,
  };
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
