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
const ASK_TIMEOUT_MS = 1500;

/**
 * Replies are generated, and their live text kept, by one instance; a visitor may come back on
 * another. This asks the other instances (socket.io server-side events through the adapter)
 * for a reply's text so far, or to stop it. Without Redis there is only one instance.
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
      (ack as (r: ReplySnapshot | null) => void)(live ? { text: live.text, seq: live.seq } : null);
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

  /** The live snapshot of a reply generated elsewhere; null when no instance has it. */
  async snapshot(replyId: string): Promise<ReplySnapshot | null> {
    const answers = await this.ask<ReplySnapshot | null>(SNAPSHOT, replyId);
    return answers.find((a): a is ReplySnapshot => !!a && typeof a.text === 'string' && typeof a.seq === 'number') ?? null;
  }

  /** Stops a reply generated elsewhere; true when an instance had it. */
  async stop(replyId: string): Promise<boolean> {
    return (await this.ask<boolean>(STOP, replyId)).some((found) => found === true);
  }

  private async ask<T>(event: string, replyId: string): Promise<T[]> {
    if (!this.clustered || !this.namespace) return [];
    const nsp = this.namespace as unknown as { serverSideEmitWithAck(e: string, ...args: unknown[]): Promise<T[]> };
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        nsp.serverSideEmitWithAck(event, replyId),
        new Promise<T[]>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer in time')), ASK_TIMEOUT_MS))),
      ]);
    } catch (error) {
      // Some instance did not answer in time; the adapter keeps what the others said. Redis away:
      // nobody could be asked (the adapter logs the outage once, not once per question).
      const partial = (error as { responses?: T[] }).responses;
      if (!(error instanceof RedisUnavailableError)) this.logger.warn('an instance did not answer', { event, replyId, error: (error as Error).message });
      return partial ?? [];
    } finally {
      clearTimeout(timer);
    }
  }
}
