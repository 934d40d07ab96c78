import type { ConnectRefusal, WireBot, WireError } from '../../../backend/src/chat/widget.events';
import type { ChatBridge, ChatHandle, WidgetConfig } from '../shared/contract';
import { openSocket, type WidgetSocket } from './connection';
import { newClientId } from './ids';
import type { VisitorStore } from './storage';
import { emptyConversation, reduce, streamingReply, type ConversationState, type StreamEvent } from './stream';

/** `idle`: no socket yet (the widget connects when first opened). */
export type Phase = 'idle' | 'connecting' | 'ready' | 'offline' | 'refused';

export interface ChatState {
  open: boolean;
  phase: Phase;
  refusal?: ConnectRefusal;
  bot?: WireBot;
  conversation: ConversationState;
}

const ACK_TIMEOUT_MS = 20_000;
/** No answer in time: the view shows its own "could not send" sentence for an empty message. */
const NO_ANSWER: WireError = { code: 'internal', message: '' };

/** The chat's state and its socket, outside Preact so the page API can drive it too. */
export class ChatStore implements ChatHandle {
  state: ChatState = { open: false, phase: 'idle', conversation: emptyConversation };
  private readonly listeners = new Set<() => void>();
  private socket?: WidgetSocket;

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
    this.socket?.disconnect();
    this.update({ phase: 'idle', bot: undefined, refusal: undefined, conversation: emptyConversation });
    if (this.state.open) this.connect();
  }

  /** Closes the socket for good (tests, and a later `remove()` of the widget). */
  dispose(): void {
    this.socket?.disconnect();
    this.listeners.clear();
  }

  /** Resolves false when the message was refused; the composer then keeps the text. */
  async send(text: string): Promise<boolean> {
    const socket = this.socket;
    const trimmed = text.trim();
    if (!socket || !trimmed) return false;
    const clientId = newClientId();
    this.dispatch({ type: 'sent', clientId, text: trimmed });
    try {
      const res = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message:send', { clientId, text: trimmed });
      if (!res.ok) {
        this.dispatch({ type: 'rejected', clientId, error: res.error });
        return false;
      }
      this.dispatch({ type: 'acked', clientId, messageId: res.messageId, replyId: res.replyId });
      this.bridge.emit('message', { id: res.messageId, text: trimmed });
      return true;
    } catch {
      this.dispatch({ type: 'rejected', clientId, error: NO_ANSWER });
      return false;
    }
  }

  stop(): void {
    const reply = streamingReply(this.state.conversation);
    if (reply) this.socket?.timeout(ACK_TIMEOUT_MS).emit('reply:stop', { replyId: reply.id }, () => undefined);
  }

  async newConversation(): Promise<void> {
    if (!this.socket) return;
    try {
      const res = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('conversation:new', {});
      this.dispatch(res.ok ? { type: 'replace', conversation: res.conversation } : { type: 'error', error: res.error });
    } catch {
      this.dispatch({ type: 'error', error: NO_ANSWER });
    }
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
    this.socket ??= this.listen(openSocket(this.config, this.visitors));
    this.socket.connect();
  }

  private listen(socket: WidgetSocket): WidgetSocket {
    socket.on('session', ({ visitor, conversation, bot }) => {
      this.visitors.set(visitor);
      this.update({ phase: 'ready', bot, refusal: undefined });
      this.dispatch({ type: 'session', conversation });
    });
    socket.on('connect_error', (error) => {
      // An inactive socket was refused by the server and will not retry on its own.
      if (!socket.active) this.update({ phase: 'refused', refusal: error.message as ConnectRefusal });
      else if (this.state.phase === 'ready') this.update({ phase: 'offline' });
    });
    socket.on('disconnect', () => {
      this.update({ phase: socket.active ? 'offline' : 'idle' });
    });
    socket.on('reply:start', (event) => this.dispatch({ type: 'reply:start', event }));
    socket.on('reply:delta', (event) => this.dispatch({ type: 'reply:delta', event }));
    socket.on('reply:end', (event) => {
      this.dispatch({ type: 'reply:end', event });
      this.bridge.emit('reply', { id: event.replyId, text: event.text, status: event.status });
    });
    return socket;
  }

  private dispatch(event: StreamEvent): void {
    const conversation = reduce(this.state.conversation, event);
    if (conversation !== this.state.conversation) this.update({ conversation });
  }

  private update(patch: Partial<ChatState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
