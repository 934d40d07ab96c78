import type {
  ConversationState as Handling, MessageRole, MessageStatus, ReplyDeltaEvent, ReplyEndEvent, ReplySourcesEvent, ReplyStartEvent, WireConversation, WireError,
  WireMessage, WireSource,
} from '../../../backend/src/chat/widget.events';

/**
 * `queued`: typed while offline, sent (once, with its clientId) after reconnecting;
 * `sending`: the visitor's message before the server acknowledged it.
 */
export type ViewStatus = MessageStatus | 'sending' | 'queued';
export type Rating = 'up' | 'down';

export interface ViewMessage {
  id: string;
  role: MessageRole;
  text: string;
  status: ViewStatus;
  clientId?: string;
  /** Why a reply failed, as the server worded it. */
  error?: string;
  feedback?: Rating;
  /** The model hit its length limit: the reply is complete but cut short. */
  truncated?: boolean;
  /** The passages an answer was given, which it cites as `[n]`. */
  sources?: WireSource[];
  /** Role `agent`: the staff member who wrote it. */
  author?: { name: string };
  /** When it was written (ms since the epoch): stored, or this device's clock for one made here. */
  at?: number;
}

/**
 * A reply being put together. `start` is the seq of the first delta after `base`; `null`
 * when unknown (a reply resumed from `session`), in which case the first deltas may repeat
 * the end of `base`.
 */
interface Assembly {
  base: string;
  start: number | null;
  chunks: Record<number, string>;
  /**
   * From `reply:sources`, kept here while the reply streams: they may come before the reply is
   * known, and a `session` snapshot of the streaming reply may lack them.
   */
  sources?: WireSource[];
}

export interface ConversationState {
  id: string | null;
  messages: ViewMessage[];
  assembling: Record<string, Assembly>;
  /** The last failed request, shown inline until the next send. An empty `message` means no answer came. */
  error: WireError | null;
  /** Who answers (PROTOCOL §7): the bot, a person being waited for, a person, or nobody (closed). */
  state: Handling;
  /** While `human`: the staff member answering. */
  agent?: { name: string };
  /** The conversation came back to the bot from a person (or the wait for one). */
  back?: boolean;
}

export type StreamEvent =
  | { type: 'session'; conversation: WireConversation }
  | { type: 'replace'; conversation: WireConversation }
  | { type: 'queued'; clientId: string; text: string }
  | { type: 'sending'; clientId: string }
  | { type: 'unsent'; clientId: string }
  /** `replyId` null: a person answers (state `waiting` or `human`), no reply is coming from the model. */
  | { type: 'acked'; clientId: string; messageId: string; replyId: string | null }
  | { type: 'retried'; oldId: string; replyId: string }
  | { type: 'rated'; messageId: string; rating?: Rating }
  | { type: 'rejected'; clientId: string; error: WireError }
  | { type: 'error'; error: WireError | null }
  | { type: 'reply:start'; event: ReplyStartEvent }
  | { type: 'reply:sources'; event: ReplySourcesEvent }
  | { type: 'reply:delta'; event: ReplyDeltaEvent }
  | { type: 'reply:end'; event: ReplyEndEvent }
  | { type: 'state'; state: Handling; agent?: { name: string } }
  /** A message not streamed: a staff member's, or a rule's fixed answer; replaces one with its id. */
  | { type: 'message:new'; message: WireMessage };

export const emptyConversation: ConversationState = { id: null, messages: [], assembling: {}, error: null, state: 'bot' };

/** A person was asked for or answers: the model is silent. */
export const withPerson = (state: Handling): boolean => state === 'waiting' || state === 'human';

/** The new state; `back` when a person (or the wait for one) handed the conversation back to the bot. */
function handled(previous: ConversationState, state: Handling, agent?: { name: string }): Pick<ConversationState, 'state' | 'agent' | 'back'> {
  return { state, agent, back: state === 'bot' && (withPerson(previous.state) || !!previous.back) };
}

/** The reply text: contiguous deltas from `start`, later ones wait for the gap to fill. */
export function assemble({ base, start, chunks }: Assembly): string {
  const seqs = Object.keys(chunks).map(Number);
  if (seqs.length === 0) return base;
  const run: string[] = [];
  for (let seq = start ?? Math.min(...seqs); seq in chunks; seq++) run.push(chunks[seq]);
  if (start !== null) return base + run.join('');
  // Resumed: drop the leading deltas whose text `base` already ends with.
  for (let overlap = run.length; overlap > 0; overlap--) {
    if (base.endsWith(run.slice(0, overlap).join(''))) return base + run.slice(overlap).join('');
  }
  return base + run.join('');
}

function fromWire(conversation: WireConversation, previous: ConversationState): ConversationState {
  const assembling: Record<string, Assembly> = {};
  for (const m of conversation.messages) {
    if (m.status !== 'streaming') continue;
    // Keep what we assembled ourselves when the server's snapshot is behind it.
    const known = previous.assembling[m.id] ? assemble(previous.assembling[m.id]) : '';
    const ahead = known.length > m.text.length && known.startsWith(m.text);
    // The server says how many deltas its text holds (`seq`): the next delta continues exactly
    // there. Deltas that arrived before this snapshot (a race with the session) are kept.
    const start = m.seq ?? null;
    const early = Object.entries(previous.assembling[m.id]?.chunks ?? {}).filter(([seq]) => start === null || Number(seq) >= start);
    const sources = m.sources ?? previous.assembling[m.id]?.sources;
    assembling[m.id] = ahead ? { base: known, start: null, chunks: {}, sources } : { base: m.text, start, chunks: Object.fromEntries(early), sources };
  }
  const messages = conversation.messages.map((m) => view(m, assembling[m.id]));
  // The session is authoritative on who answers; `back` only within the same conversation.
  const same = previous.id === conversation.id ? previous : emptyConversation;
  return { id: conversation.id, messages, assembling, error: null, ...handled(same, conversation.state ?? 'bot', conversation.agent) };
}

function view({ id, role, text, status, feedback, truncated, sources, author, createdAt }: WireMessage, assembly?: Assembly): ViewMessage {
  return { id, role, status, feedback, truncated, author, text: assembly?.base ?? text, sources: assembly?.sources ?? sources, at: Date.parse(createdAt) || undefined };
}

/** A new streaming reply, with whatever deltas and sources arrived before it was known. */
function addReply(state: ConversationState, messages: ViewMessage[], id: string, error = state.error): ConversationState {
  const early = state.assembling[id];
  const reply: ViewMessage = { id, role: 'assistant', text: '', status: 'streaming', sources: early?.sources, at: Date.now() };
  const assembly: Assembly = { base: '', start: 0, chunks: early?.chunks ?? {}, sources: early?.sources };
  return { ...state, messages: [...messages, reply], assembling: { ...state.assembling, [id]: assembly }, error };
}

function patch(state: ConversationState, id: string, change: Partial<ViewMessage>): ViewMessage[] {
  return state.messages.map((m) => (m.id === id ? { ...m, ...change } : m));
}

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}

export function reduce(state: ConversationState, ev: StreamEvent): ConversationState {
  switch (ev.type) {
    case 'session': {
      // Messages not yet acknowledged survive a reconnect: they are (re)sent with their clientId.
      const next = fromWire(ev.conversation, state);
      const pending = state.messages.filter((m) => m.status === 'queued' || m.status === 'sending');
      return { ...next, messages: [...next.messages, ...pending], error: state.error };
    }
    case 'replace':
      // Another conversation (new, or opened again): deltas that raced ahead of it are kept for it.
      return fromWire(ev.conversation, state);
    case 'queued': {
      const message: ViewMessage = { id: ev.clientId, clientId: ev.clientId, role: 'user', text: ev.text, status: 'queued', at: Date.now() };
      return { ...state, messages: [...state.messages, message], error: null };
    }
    case 'sending':
    case 'unsent': {
      const status = ev.type === 'sending' ? 'sending' : 'queued';
      return { ...state, messages: state.messages.map((m) => (m.clientId === ev.clientId && m.status !== 'complete' ? { ...m, status } : m)) };
    }
    case 'acked': {
      // A resend after a reconnect: the session may already hold the stored message.
      const known = state.messages.some((m) => m.id === ev.messageId && m.clientId !== ev.clientId);
      const messages = known ? state.messages.filter((m) => m.clientId !== ev.clientId)
        : state.messages.map((m) => (m.clientId === ev.clientId ? { ...m, id: ev.messageId, status: 'complete' as const } : m));
      if (!ev.replyId || messages.some((m) => m.id === ev.replyId)) return { ...state, messages };
      return addReply(state, messages, ev.replyId);
    }
    case 'rejected':
      return { ...state, messages: state.messages.filter((m) => m.clientId !== ev.clientId), error: ev.error };
    case 'error':
      return { ...state, error: ev.error };
    case 'retried': {
      // The failed attempt leaves the visitor's view (the staff still see it).
      const messages = state.messages.filter((m) => m.id !== ev.oldId);
      if (messages.some((m) => m.id === ev.replyId)) return { ...state, messages, error: null };
      return addReply(state, messages, ev.replyId, null);
    }
    case 'rated':
      return { ...state, messages: patch(state, ev.messageId, { feedback: ev.rating }) };
    case 'reply:start': {
      const { replyId, conversationId } = ev.event;
      if (state.id !== conversationId || state.messages.some((m) => m.id === replyId)) return state;
      return addReply(state, state.messages, replyId);
    }
    case 'reply:sources': {
      const { replyId, sources } = ev.event;
      // Like a delta, sources of a reply not known yet wait with its early deltas.
      const current = state.assembling[replyId];
      const known = state.messages.some((m) => m.id === replyId);
      const assembling = current || !known ? { ...state.assembling, [replyId]: { ...(current ?? { base: '', start: null, chunks: {} }), sources } } : state.assembling;
      return { ...state, assembling, messages: patch(state, replyId, { sources }) };
    }
    case 'reply:delta': {
      const { replyId, seq, text } = ev.event;
      // A delta of a reply not known yet (it raced ahead of `session` or `reply:start`) is
      // kept aside until the reply shows up; `session` and `replace` drop the unclaimed ones.
      if (!state.assembling[replyId] && state.messages.some((m) => m.id === replyId)) return state; // already ended
      const current = state.assembling[replyId] ?? { base: '', start: null, chunks: {} };
      if (seq in current.chunks || (current.start !== null && seq < current.start)) return state;
      const assembly = { ...current, chunks: { ...current.chunks, [seq]: text } };
      const assembling = { ...state.assembling, [replyId]: assembly };
      return { ...state, assembling, messages: patch(state, replyId, { text: assemble(assembly) }) };
    }
    case 'reply:end': {
      const { replyId, status, text, error, truncated } = ev.event;
      if (!state.messages.some((m) => m.id === replyId)) return state;
      return {
        ...state,
        assembling: withoutKey(state.assembling, replyId),
        messages: patch(state, replyId, { text, status, error: error?.message, truncated }),
      };
    }
    case 'state':
      return { ...state, ...handled(state, ev.state, ev.agent) };
    case 'message:new': {
      const message = view(ev.message);
      const known = state.messages.some((m) => m.id === message.id);
      const messages = known ? state.messages.map((m) => (m.id === message.id ? { ...message, clientId: m.clientId } : m)) : [...state.messages, message];
      return { ...state, messages, assembling: withoutKey(state.assembling, message.id) };
    }
  }
}

/** The reply streaming now, if any (one at a time per conversation). */
export function streamingReply(state: ConversationState): ViewMessage | undefined {
  return state.messages.find((m) => m.role === 'assistant' && m.status === 'streaming');
}
