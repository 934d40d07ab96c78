import type { ConnectRefusal, WireBot, WireConversationSummary, WireError } from '../../../backend/src/chat/widget.events';
import type { ChatBridge, ChatHandle, WidgetConfig } from '../shared/contract';
import { openSocket, type WidgetSocket } from './connection';
import { newClientId } from './ids';
import type { VisitorStore } from './storage';
import type { WireAck, WirePayload } from './wire/wire-socket';
import { emptyConversation, reduce, streamingReply, type ConversationState, type Rating, type StreamEvent } from './stream';

/** `idle`: no socket yet (the widget connects when first opened). */
export type Phase = 'idle' | 'connecting' | 'ready' | 'offline' | 'refused';

export interface ChatState {
  open: boolean;
  phase: Phase;
  refusal?: ConnectRefusal;
  bot?: WireBot;
  conversation: ConversationState;
  /** The last finished reply, for the screen reader's live region: set once per reply. */
  announcement?: { id: string; text: string };
  /** A staff member is typing. */
  typing?: boolean;
  /** Nobody can answer now: the form to leave a message, or the thanks once left. */
  leave?: 'form' | 'sent';
}

const ACK_TIMEOUT_MS = 20_000;
/** The longest wait after a temporary refusal, whatever `retryAfterMs` the server named. */
const MAX_REFUSED_WAIT_MS = 600_000;
/** No answer in time: the view shows its own "could not send" sentence for an empty message. */
const NO_ANSWER: WireError = { code: 'internal', message: '' };
/** A staff member's typing indicator goes away after this long without news. */
const TYPING_MS = 10_000;

/** The chat's state and its socket, outside Preact so the page API can drive it too. */
export class ChatStore implements ChatHandle {
  state: ChatState = { open: false, phase: 'idle', conversation: emptyConversation };
  private readonly listeners = new Set<() => void>();
  private socket?: WidgetSocket;
  /** The clientId being sent now: queued messages go one at a time. */
  private inFlight?: string;
  /** Temporary refusals in a row (`unavailable`, `rate_limited`), for the wait before the next try. */
  private refusals = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private typingTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly config: WidgetConfig,
    private readonly bridge: ChatBridge,
    private readonly visitors: VisitorStore,
  ) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  open(): void { this.setOpen(true); }
  close(): void { this.setOpen(false); }
  toggle(): void { this.setOpen(!this.state.open); }

  reset(): void {
    this.visitors.clear();
    clearTimeout(this.retryTimer);
    this.socket?.disconnect();
    this.inFlight = undefined;
    this.setTyping(false);
    this.update({ phase: 'idle', bot: undefined, refusal: undefined, conversation: emptyConversation, announcement: undefined, leave: undefined });
    if (this.state.open) this.connect();
  }

  /** Closes the socket for good (tests, and a later `remove()` of the widget). */
  dispose(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.typingTimer);
    this.socket?.disconnect();
    this.listeners.clear();
  }

  /**
   * Queues the message and sends it as soon as the connection allows; while offline it waits,
   * shown as queued. Resolves false only when the server refused it (the composer then gets
   * the text back); a message that cannot be sent now stays queued and resolves true.
   */
  send(text: string): Promise<boolean> {
    const trimmed = text.trim();
    if (!trimmed || this.state.phase === 'refused') return Promise.resolve(false);
    const clientId = newClientId();
    this.dispatch({ type: 'queued', clientId, text: trimmed });
    return this.flush(clientId);
  }

  stop(): void {
    const reply = streamingReply(this.state.conversation);
    if (reply) void this.request('reply:stop', { replyId: reply.id });
  }

  /** Answers the question of a failed or stopped reply again. */
  async retry(replyId: string): Promise<void> {
    const res = await this.request('reply:retry', { replyId });
    if (res) this.dispatch(res.ok ? { type: 'retried', oldId: replyId, replyId: res.replyId } : { type: 'error', error: res.error });
  }

  /** Thumbs up or down, and what went wrong; the same rating again takes nothing back (the server keeps the last). */
  async rate(messageId: string, rating: Rating, comment?: string): Promise<void> {
    const before = this.state.conversation.messages.find((m) => m.id === messageId)?.feedback;
    this.dispatch({ type: 'rated', messageId, rating });
    const res = await this.request('feedback', { messageId, rating, comment });
    if (!res?.ok) {
      this.dispatch({ type: 'rated', messageId, rating: before });
      if (res) this.dispatch({ type: 'error', error: res.error });
    }
  }

  async newConversation(): Promise<void> {
    const res = await this.request('conversation:new', {});
    if (res?.ok) this.update({ leave: undefined });
    if (res) this.dispatch(res.ok ? { type: 'replace', conversation: res.conversation } : { type: 'error', error: res.error });
  }

  /** The visitor's conversations with messages, newest first; undefined when none could be read (the error is shown). */
  async listConversations(): Promise<WireConversationSummary[] | undefined> {
    const res = await this.request('conversations:list', {});
    if (res && !res.ok) this.dispatch({ type: 'error', error: res.error });
    return res?.ok ? res.conversations : undefined;
  }

  /** Goes back to one of the visitor's conversations; true once it is on screen. */
  async openConversation(conversationId: string): Promise<boolean> {
    const res = await this.request('conversation:open', { conversationId });
    if (res?.ok) this.update({ leave: undefined });
    if (res) this.dispatch(res.ok ? { type: 'replace', conversation: res.conversation } : { type: 'error', error: res.error });
    if (res?.ok) this.offerForm();
    return !!res?.ok;
  }

  /** Asks for a person; when nobody can answer now, the form to leave a message opens too. */
  async handoff(): Promise<void> {
    if (this.state.bot?.staffed === false) this.update({ leave: 'form' });
    const res = await this.request('handoff:request', {});
    if (res) this.dispatch(res.ok ? { type: 'state', state: res.state, agent: this.state.conversation.agent } : { type: 'error', error: res.error });
  }

  /** Closes the form to leave a message. */
  cancelLeave(): void { this.update({ leave: undefined }); }

  /** Leaves a message for the staff (nobody can answer now); true once the server took it. */
  async leaveMessage(email: string, text: string): Promise<boolean> {
    const res = await this.request('offline:message', { email, text });
    if (res) this.dispatch({ type: 'error', error: res.ok ? null : res.error });
    if (res?.ok) this.update({ leave: 'sent' });
    return !!res?.ok;
  }

  /** An ack, or undefined (and an error shown) when none came. */
  private async request<E extends 'reply:stop' | 'reply:retry' | 'feedback' | 'conversation:new' | 'conversations:list' | 'conversation:open' | 'handoff:request' | 'offline:message'>(event: E, payload: WirePayload<E>): Promise<WireAck<E> | undefined> {
    if (!this.socket || this.state.phase !== 'ready') return undefined;
    try {
      return await this.socket.emitWithAck(event, payload, ACK_TIMEOUT_MS);
    } catch {
      this.dispatch({ type: 'error', error: NO_ANSWER });
      return undefined;
    }
  }

  /**
   * Sends the oldest queued message when connected and nothing else is on its way; called
   * after every change that could allow it (a send, a session, a reply's end). `waitFor`: the
   * clientId whose outcome the caller wants.
   */
  private async flush(waitFor?: string): Promise<boolean> {
    const socket = this.socket;
    const next = this.state.conversation.messages.find((m) => m.status === 'queued');
    if (!socket || !next?.clientId || this.inFlight || this.state.phase !== 'ready' || streamingReply(this.state.conversation)) {
      return true;
    }
    const { clientId, text } = next;
    this.inFlight = clientId;
    this.dispatch({ type: 'sending', clientId });
    let sent = true;
    try {
      const res = await socket.emitWithAck('message:send', { clientId, text }, ACK_TIMEOUT_MS);
      if (res.ok) {
        this.dispatch({ type: 'acked', clientId, messageId: res.messageId, replyId: res.replyId });
        this.bridge.emit('message', { id: res.messageId, text });
      } else {
        this.dispatch({ type: 'rejected', clientId, error: res.error });
        sent = false;
      }
    } catch {
      // No answer (the connection dropped or the server is slow): back in the queue, and the
      // same clientId makes the next attempt harmless if the server did store it.
      this.dispatch({ type: 'unsent', clientId });
    }
    this.inFlight = undefined;
    void this.flush();
    return clientId === waitFor ? sent : true;
  }

  private setOpen(open: boolean): void {
    if (open === this.state.open) return;
    this.update({ open });
    this.bridge.openChanged(open);
    this.bridge.emit(open ? 'open' : 'close');
    if (open) this.connect();
  }

  private connect(): void {
    // A refused connection is tried again when the visitor opens the panel again.
    if (this.state.phase !== 'idle' && this.state.phase !== 'refused') return;
    this.update({ phase: 'connecting' });
    this.socket ??= this.listen(openSocket(this.config, this.visitors, this.bridge.identity));
    this.socket.connect();
  }

  private listen(socket: WidgetSocket): WidgetSocket {
    socket.on('session', ({ visitor, conversation, bot }) => {
      this.refusals = 0;
      this.visitors.set(visitor);
      this.visitors.conversation.set(conversation.id);
      this.setTyping(false);
      this.update({ phase: 'ready', bot, refusal: undefined });
      this.dispatch({ type: 'session', conversation });
      this.offerForm();
      void this.flush();
    });
    socket.on('connect_error', (error) => {
      const refusal = error.message as ConnectRefusal;
      if (socket.active) {
        if (this.state.phase === 'ready') this.update({ phase: 'offline' });
      } else if (refusal === 'unavailable' || refusal === 'rate_limited') {
        // Refused for now, not for good: wait (longer each time, and at least what the server
        // asked, plus up to a quarter so that refused widgets do not all come back at once).
        this.update({ phase: 'offline', refusal });
        this.refusals++;
        const backoff = Math.min(60_000, 2000 * 2 ** this.refusals) * (0.5 + Math.random());
        const asked = (Number(error.data?.retryAfterMs) || 0) * (1 + Math.random() / 4);
        this.retryTimer = setTimeout(() => socket.connect(), Math.min(MAX_REFUSED_WAIT_MS, Math.max(backoff, asked)));
      } else {
        // Refused for good (unknown bot, wrong site, switched off; the loader told the site's
        // developer why): tried again on the next open.
        this.update({ phase: 'refused', refusal });
      }
    });
    socket.on('disconnect', () => {
      this.setTyping(false);
      this.update({ phase: socket.active ? 'offline' : 'idle' });
    });
    socket.on('conversation:state', ({ state, agent }) => {
      this.dispatch({ type: 'state', state, agent });
      this.offerForm();
    });
    socket.on('message:new', ({ message }) => {
      this.setTyping(false);
      this.dispatch({ type: 'message:new', message });
      if (message.role !== 'user') this.update({ announcement: { id: message.id, text: message.text } });
      void this.flush();
    });
    socket.on('typing', ({ on }) => this.setTyping(on));
    socket.on('reply:start', (event) => this.dispatch({ type: 'reply:start', event }));
    socket.on('reply:sources', (event) => this.dispatch({ type: 'reply:sources', event }));
    socket.on('reply:delta', (event) => this.dispatch({ type: 'reply:delta', event }));
    socket.on('reply:end', (event) => {
      const known = this.state.conversation.messages.some((m) => m.id === event.replyId);
      this.dispatch({ type: 'reply:end', event });
      if (known) this.update({ announcement: { id: event.replyId, text: event.text } });
      this.bridge.emit('reply', { id: event.replyId, text: event.text, status: event.status });
      void this.flush();
    });
    return socket;
  }

  /** Waiting for a person while nobody can answer: offer to leave a message instead. */
  private offerForm(): void {
    if (this.state.conversation.state === 'waiting' && this.state.bot?.staffed === false && !this.state.leave) this.update({ leave: 'form' });
  }

  private setTyping(on: boolean): void {
    clearTimeout(this.typingTimer);
    if (on) this.typingTimer = setTimeout(() => this.setTyping(false), TYPING_MS);
    if (on !== !!this.state.typing) this.update({ typing: on });
  }

  private dispatch(event: StreamEvent): void {
    // Another conversation on screen (new, or opened again): the next connection asks for it.
    if (event.type === 'replace') this.visitors.conversation.set(event.conversation.id);
    const conversation = reduce(this.state.conversation, event);
    if (conversation !== this.state.conversation) this.update({ conversation });
  }

  private update(patch: Partial<ChatState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
