import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import type { WidgetNamespace } from '../chat/chat.emitter';
import { ReplyRegistry } from '../chat/reply-registry';
import { RedisUnavailableError } from './redis-streams.io-adapter';

/** A streaming reply's text and seq as the instance generating it has them. */
export interface ReplySnapshot {
  text: string;
  seq: number;
}

const SNAPSHOT = 'cluster:reply-snapshot';
const STOP = 'cluster:reply-stop';
const WATCHING = 'cluster:watching';
const ASK_TIMEOUT_MS = 1500;
/** How long a conversation's deltas keep going to the other instances after one said it watches it. */
const SHARED_FOR_MS = 30 * 60_000;

/**
 * Replies are generated, and their live text kept, by one instance; a visitor may come back on
 * another. This asks the other instances (socket.io server-side events through the adapter)
 * for a reply's text so far, or to stop it. Without Redis there is only one instance.
 *
 * It also knows which conversations another instance has a socket in (*shared*): only their
 * deltas go through Redis; the others' stay on this instance (docs/performance.md: one XADD per
 * delta, read and decoded by every instance, doubled the CPU per delta). An instance says so
 * when a socket joins a conversation (`announce`, acknowledged before the visitor gets its
 * session) and, implicitly, when it asks for a snapshot of a reply in flight.
 */
@Injectable()
export class ClusterReplies {
  private readonly logger = new Logger('Cluster');
  private namespace?: WidgetNamespace;
  /** Conversation id → until when another instance is known to have a socket in it. */
  private readonly shared = new Map<string, number>();

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
      if (live) this.share(live.conversationId);
      (ack as (r: ReplySnapshot | null) => void)(live ? { text: live.text, seq: live.seq } : null);
    });
    on(WATCHING, (conversationId, ack) => {
      if (typeof conversationId === 'string') this.share(conversationId);
      (ack as (ok: boolean) => void)(true);
    });
    on(STOP, (replyId, ack) => {
      const live = typeof replyId === 'string' ? this.registry.get(replyId) : undefined;
      if (live) {
        live.abortReason = 'stopped';
        live.controller.abort();
      }
      (ack as (found: boolean) => void)(live !== undefined);
    });
  }

  /** Whether a conversation's deltas must go to the other instances too (see the class). */
  isShared(conversationId: string): boolean {
    const until = this.shared.get(conversationId);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.shared.delete(conversationId);
    return false;
  }

  /**
   * Tells the other instances that this one has a socket in the conversation, and waits for them
   * to know (at most the ask timeout; with Redis away nobody else can be told, and nothing waits).
   */
  async announce(conversationId: string): Promise<void> {
    await this.ask<boolean>(WATCHING, conversationId);
  }

  private share(conversationId: string): void {
    const now = Date.now();
    this.shared.set(conversationId, now + SHARED_FOR_MS);
    // Expired entries go as new ones come; the map holds at most what was shared in SHARED_FOR_MS.
    if (this.shared.size % 1024 === 0) for (const [id, until] of this.shared) if (until <= now) this.shared.delete(id);
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
    if (!this.clustered || !this.namespace) return [];
    const nsp = this.namespace as unknown as { serverSideEmitWithAck(e: string, ...args: unknown[]): Promise<T[]> };
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        nsp.serverSideEmitWithAck(event, subject),
        new Promise<T[]>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer in time')), ASK_TIMEOUT_MS))),
      ]);
    } catch (error) {
      // Some instance did not answer in time; the adapter keeps what the others said. Redis away:
      // nobody could be asked (the adapter logs the outage once, not once per question).
      const partial = (error as { responses?: T[] }).responses;
      if (!(error instanceof RedisUnavailableError)) this.logger.warn('an instance did not answer', { event, subject, error: (error as Error).message });
      return partial ?? [];
    } finally {
      clearTimeout(timer);
    }
  }
}
