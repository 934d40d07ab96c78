import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { conversationRoom, type WidgetNamespace } from '../chat/chat.emitter';
import { abortReply, ReplyRegistry } from '../chat/reply-registry';
import { RedisUnavailableError } from './redis-streams.io-adapter';

/** A streaming reply's text and seq as the instance generating it has them. */
export interface ReplySnapshot {
  text: string;
  seq: number;
}

const SNAPSHOT = 'cluster:reply-snapshot';
const STOP = 'cluster:reply-stop';
const HAS_SOCKETS = 'cluster:has-sockets';
const ASK_TIMEOUT_MS = 1500;
/** A starting reply waits at most this long for the other instances' has-sockets answers. */
const HAS_SOCKETS_TIMEOUT_MS = 500;

/**
 * Replies are generated, and their live text kept, by one instance; a visitor may come back on
 * another. This asks the other instances (socket.io server-side events through the adapter)
 * for a reply's text so far, or to stop it. Without Redis there is only one instance.
 *
 * It also tells a reply whether another instance has a socket in its conversation (the reply is
 * then *shared*): only shared replies' deltas go through Redis; the others' stay on this instance
 * (docs/performance.md: one XADD per delta, read and decoded by every instance, doubled the CPU
 * per delta). A reply asks the other instances once, when it starts (`watchedElsewhere`, answered
 * while the model thinks); a socket that joins later, on another instance, asks for the reply's
 * snapshot, which shares it from then on.
 */
@Injectable()
export class ClusterReplies {
  private readonly logger = new Logger('Cluster');
  private namespace?: WidgetNamespace;

  constructor(
    private readonly config: AppConfig,
    private readonly registry: ReplyRegistry,
  ) {}

  get clustered(): boolean {
    return this.config.redisUrl !== undefined;
  }

  /** Answers the other instances' questions about the replies this one generates. */
  attach(namespace: WidgetNamespace): void {
    this.namespace = namespace;
    if (!this.clustered) return;
    const on = namespace.on.bind(namespace) as (event: string, fn: (...args: unknown[]) => void) => void;
    on(SNAPSHOT, (replyId, ack) => {
      const live = typeof replyId === 'string' ? this.registry.get(replyId) : undefined;
      // From now on its deltas go to the asking instance too; the snapshot covers those before.
      if (live) live.shared = true;
      (ack as (r: ReplySnapshot | null) => void)(live ? { text: live.text, seq: live.seq } : null);
    });
    on(HAS_SOCKETS, (conversationId, ack) => {
      const rooms = (namespace.adapter as unknown as { rooms: Map<string, Set<string>> }).rooms;
      (ack as (has: boolean) => void)(typeof conversationId === 'string' && (rooms.get(conversationRoom(conversationId))?.size ?? 0) > 0);
    });
    on(STOP, (replyId, ack) => {
      const live = typeof replyId === 'string' ? this.registry.get(replyId) : undefined;
      if (live) abortReply(live, 'stopped');
      (ack as (found: boolean) => void)(live !== undefined);
    });
  }

  /**
   * Whether another instance has a socket in the conversation. At most HAS_SOCKETS_TIMEOUT_MS;
   * with Redis away nobody can be asked and nothing waits.
   */
  async watchedElsewhere(conversationId: string): Promise<boolean> {
    if (!this.clustered) return false;
    const { answers, complete } = await this.askAll<boolean>(HAS_SOCKETS, conversationId, HAS_SOCKETS_TIMEOUT_MS);
    // An instance that did not answer in time may have a socket there: deliver through Redis.
    return !complete || answers.some((has) => has === true);
  }

  /** The live snapshot of a reply generated elsewhere; null when no instance has it. */
  async snapshot(replyId: string): Promise<ReplySnapshot | null> {
    const answers = await this.ask<ReplySnapshot | null>(SNAPSHOT, replyId);
    return answers.find((a): a is ReplySnapshot => !!a && typeof a.text === 'string' && typeof a.seq === 'number') ?? null;
  }

  /** Stops a reply generated elsewhere; true when an instance had it. */
  async stop(replyId: string): Promise<boolean> {
    return (await this.ask<boolean>(STOP, replyId)).some((found) => found === true);
  }

  private async ask<T>(event: string, subject: string): Promise<T[]> {
    return (await this.askAll<T>(event, subject, ASK_TIMEOUT_MS)).answers;
  }

  /** The other instances' answers; `complete` unless one of them did not answer in time. */
  private async askAll<T>(event: string, subject: string, timeoutMs: number): Promise<{ answers: T[]; complete: boolean }> {
    if (!this.clustered || !this.namespace) return { answers: [], complete: true };
    const nsp = this.namespace as unknown as { serverSideEmitWithAck(e: string, ...args: unknown[]): Promise<T[]> };
    let timer: NodeJS.Timeout | undefined;
    try {
      const answers = await Promise.race([
        nsp.serverSideEmitWithAck(event, subject),
        new Promise<T[]>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer in time')), timeoutMs))),
      ]);
      return { answers, complete: true };
    } catch (error) {
      // Redis away: nobody could be asked (the adapter logs the outage once, not once per
      // question). Otherwise some instance did not answer in time; the adapter keeps what the
      // others said.
      if (error instanceof RedisUnavailableError) return { answers: [], complete: true };
      const partial = (error as { responses?: T[] }).responses;
      this.logger.warn('an instance did not answer', { event, subject, error: (error as Error).message });
      return { answers: partial ?? [], complete: false };
    } finally {
      clearTimeout(timer);
    }
  }
}
