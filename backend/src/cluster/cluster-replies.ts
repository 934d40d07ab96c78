import { Injectable, Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { conversationRoom } from '../chat/chat.emitter';
import { abortReply, type LiveReply } from '../chat/reply-registry';
import type { ClientToServerEvents, ServerToClientEvents } from '../chat/widget.events';
import { AppConfig } from '../config/app-config';
import type { ClusterEvents, ReplySnapshot } from './cluster-events';
import { RedisUnavailableError } from './redis-state';

export type { ReplySnapshot } from './cluster-events';

/** The replies this instance generates, by id (the chat's ReplyRegistry). */
export interface LiveReplies {
  get(replyId: string): LiveReply | undefined;
}

/** The widget's namespace, its server-side events the cluster's. */
export type ClusterNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, ClusterEvents>;

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
  private namespace?: ClusterNamespace;

  constructor(private readonly config: AppConfig) {}

  get clustered(): boolean {
    return this.config.redisUrl !== undefined;
  }

  /** Answers the other instances' questions about the replies this one generates (`replies`). */
  attach(namespace: ClusterNamespace, replies: LiveReplies): void {
    this.namespace = namespace;
    if (!this.clustered) return;
    namespace.on('cluster:reply-snapshot', (replyId, ack) => {
      const live = typeof replyId === 'string' ? replies.get(replyId) : undefined;
      // From now on its deltas go to the asking instance too; the snapshot covers those before.
      if (live) live.shared = true;
      ack(live ? { text: live.text, seq: live.seq, ...(live.sources ? { sources: live.sources } : {}) } : null);
    });
    namespace.on('cluster:has-sockets', (conversationId, ack) => {
      ack(typeof conversationId === 'string' && (namespace.adapter.rooms.get(conversationRoom(conversationId))?.size ?? 0) > 0);
    });
    namespace.on('cluster:reply-stop', (replyId, ack) => {
      const live = typeof replyId === 'string' ? replies.get(replyId) : undefined;
      if (live) abortReply(live, 'stopped');
      ack(live !== undefined);
    });
  }

  /**
   * Whether another instance has a socket in the conversation. At most HAS_SOCKETS_TIMEOUT_MS;
   * with Redis away nobody can be asked and nothing waits.
   */
  async watchedElsewhere(conversationId: string): Promise<boolean> {
    if (!this.clustered) return false;
    const { answers, complete } = await this.ask(
      'cluster:has-sockets',
      conversationId,
      (nsp) => nsp.serverSideEmitWithAck('cluster:has-sockets', conversationId),
      isBoolean,
      HAS_SOCKETS_TIMEOUT_MS,
    );
    // An instance that did not answer in time may have a socket there: deliver through Redis.
    return !complete || answers.some((has) => has);
  }

  /** The live snapshot of a reply generated elsewhere; null when no instance has it. */
  async snapshot(replyId: string): Promise<ReplySnapshot | null> {
    const { answers } = await this.ask('cluster:reply-snapshot', replyId, (nsp) => nsp.serverSideEmitWithAck('cluster:reply-snapshot', replyId), isSnapshotOrNull);
    return answers.find((a) => a !== null) ?? null;
  }

  /** Stops a reply generated elsewhere; true when an instance had it. */
  async stop(replyId: string): Promise<boolean> {
    const { answers } = await this.ask('cluster:reply-stop', replyId, (nsp) => nsp.serverSideEmitWithAck('cluster:reply-stop', replyId), isBoolean);
    return answers.some((found) => found);
  }

  /**
   * The other instances' answers to `send`, those of the expected shape (they come from another
   * process); `complete` unless one of them did not answer in time.
   */
  private async ask<T>(
    event: keyof ClusterEvents,
    subject: string,
    send: (nsp: ClusterNamespace) => Promise<unknown[]>,
    valid: (answer: unknown) => answer is T,
    timeoutMs = ASK_TIMEOUT_MS,
  ): Promise<{ answers: T[]; complete: boolean }> {
    const nsp = this.namespace;
    if (!this.clustered || !nsp) return { answers: [], complete: true };
    let timer: NodeJS.Timeout | undefined;
    try {
      const answers = await Promise.race([
        send(nsp),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer in time')), timeoutMs))),
      ]);
      return { answers: answers.filter(valid), complete: true };
    } catch (error) {
      // Redis away: nobody could be asked (the adapter logs the outage once, not once per
      // question). Otherwise some instance did not answer in time; socket.io keeps what the
      // others said on the error (`responses`).
      if (error instanceof RedisUnavailableError) return { answers: [], complete: true };
      const partial: unknown = error instanceof Error && 'responses' in error ? error.responses : undefined;
      this.logger.warn('an instance did not answer', { event, subject, error: error instanceof Error ? error.message : String(error) });
      return { answers: Array.isArray(partial) ? partial.filter(valid) : [], complete: false };
    } finally {
      clearTimeout(timer);
    }
  }
}

function isBoolean(answer: unknown): answer is boolean {
  return typeof answer === 'boolean';
}

function isSnapshotOrNull(answer: unknown): answer is ReplySnapshot | null {
  if (answer === null) return true;
  if (typeof answer !== 'object') return false;
  return 'text' in answer && typeof answer.text === 'string' && 'seq' in answer && typeof answer.seq === 'number' && (!('sources' in answer) || Array.isArray(answer.sources));
}
