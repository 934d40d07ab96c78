import { Injectable, Logger } from '@nestjs/common';
import { ClusterReplies } from '../cluster/cluster-replies';
import { MessagesRepository, type ReplyEnd } from '../conversations/messages.repository';
import { LlmChunk, LlmClient, LlmError, type LlmRequest } from '../llm/llm.client';
import { Metrics } from '../metrics/metrics.service';
import type { BuiltPrompt } from '../prompt/prompt-builder';
import { TokenCounter } from '../prompt/token-counter';
import { toWireError } from './chat-error';
import { ChatEmitter } from './chat.emitter';
import { abortReply, LiveReply, ReplyRegistry } from './reply-registry';
import { TurnCache } from './turn-cache';
import { type ConversationRef, HandoffService } from '../handoff/handoff.service';
import { handoffNotice, HandoffMarkerFilter } from '../handoff/handoff-marker';
import { storedSources, wireSources } from './wire-sources';
import { outcomeOfError, outcomeOfFinish, ReplyOutcome } from './reply-outcome';

/** How long the end of a reply is retried while the database is away. */
const STORE_RETRY_MS = 60_000;

export interface ReplyJob {
  replyId: string;
  conversationId: string;
  inReplyTo: string;
  locale: string;
  /** For the per-bot token metrics. */
  botId?: string;
  /** The model request, being built (prompt/prompt-builder.ts). */
  prompt: Promise<BuiltPrompt>;
  /**
   * The turn's write, running while the model is called. Nothing reaches the visitor before it
   * is durable; when it fails the model call is abandoned and nothing is said or stored.
   */
  written: Promise<void>;
  /**
   * When the prompt was built from what this instance knew of the conversation (turn-cache.ts):
   * the turn's own reads, resolving to a prompt that replaces it when they disagree, undefined
   * when they agree.
   */
  check?: Promise<BuiltPrompt | undefined>;
  /** The bot allows handoff: a reply that is exactly the marker hands this conversation to a person. */
  handoff?: ConversationRef;
}

/** The prompt could not be made (or checked): the reply fails before the model said anything. */
class NotStarted extends Error {
  readonly reason: string;
  constructor(cause: unknown) {
    super('the reply could not start');
    this.reason = cause instanceof Error ? cause.message : String(cause);
  }
}

/** One call to the model, its chunks asked for one ahead; the reply's own signal stops it too. */
class ModelCall {
  private readonly controller = new AbortController();
  private readonly stream: AsyncIterator<LlmChunk>;
  next: Promise<IteratorResult<LlmChunk>>;

  constructor(llm: LlmClient, request: LlmRequest, stop: AbortSignal) {
    if (stop.aborted) this.controller.abort();
    else stop.addEventListener('abort', () => this.controller.abort(), { once: true, signal: this.controller.signal });
    this.stream = llm.stream(request, this.controller.signal)[Symbol.asyncIterator]();
    this.next = this.pull();
  }

  /** The next chunk; a failure is handled where it is awaited. */
  pull(): Promise<IteratorResult<LlmChunk>> {
    const pending = this.stream.next();
    pending.catch(() => undefined);
    return pending;
  }

  /** Gives the call up without a word: its answer will not be used. */
  async cancel(): Promise<void> {
    this.controller.abort();
    await this.next.catch(() => undefined);
    await this.stream.return?.(undefined)?.catch(() => undefined);
  }
}

type End = Extract<LlmChunk, { type: 'end' }>;

/**
 * The one owner of a live reply: it starts the model call as soon as the prompt is built (beside
 * the turn's write), relays deltas to the conversation's room as they come, keeps the text in
 * memory, and writes the database once at the end, whatever the end was.
 */
@Injectable()
export class ReplyRunner {
  private readonly logger = new Logger('Reply');

  constructor(
    private readonly llm: LlmClient,
    private readonly registry: ReplyRegistry,
    private readonly emitter: ChatEmitter,
    private readonly messages: MessagesRepository,
    private readonly metrics: Metrics,
    private readonly cluster: ClusterReplies,
    private readonly counter: TokenCounter,
    private readonly turns: TurnCache,
    private readonly handoff: HandoffService,
  ) {
    metrics.watchReplies(() => registry.size);
  }

  /** Registers the reply at once (the conversation is busy from now on) and runs it. */
  start(job: ReplyJob): LiveReply {
    const live: LiveReply = {
      replyId: job.replyId,
      conversationId: job.conversationId,
      inReplyTo: job.inReplyTo,
      text: '',
      seq: 0,
      controller: new AbortController(),
      done: Promise.resolve(),
    };
    this.registry.add(live);
    live.done = this.run(live, job).finally(() => this.registry.remove(live));
    return live;
  }

  private async run(live: LiveReply, job: ReplyJob): Promise<void> {
    const written = job.written.then(
      () => true,
      () => false,
    );
    const startedAt = performance.now();
    let built: BuiltPrompt | undefined;
    let call: ModelCall | undefined;
    let firstTokenMs: number | null = null;
    let end: End | undefined;
    let outcome: ReplyOutcome;
    let handOver: ConversationRef | undefined;
    try {
      const first: BuiltPrompt = await job.prompt.catch((error: unknown) => Promise.reject(new NotStarted(error)));
      built = first;
      // The model is asked now, while the turn may still be being written: its first chunk is
      // read only once the write is durable (and the visitor has the ack).
      call = new ModelCall(this.llm, first.request, live.controller.signal);
      if (!(await written)) {
        abortReply(live, 'stopped');
        await call.cancel();
        return;
      }
      // A prompt built from what this instance knew is replaced, unsaid, when the reads disagree.
      const replacement = await job.check?.catch((error: unknown) => Promise.reject(new NotStarted(error)));
      if (replacement) {
        await call.cancel();
        built = replacement;
        call = new ModelCall(this.llm, replacement.request, live.controller.signal);
      }
      live.sources = wireSources(built.used.passages);
      const deliver = await this.announce(live);
      const marker = job.handoff ? new HandoffMarkerFilter() : undefined;
      for (let chunk = await call.next; !chunk.done; chunk = await call.next) {
        call.next = call.pull();
        if (chunk.value.type === 'end') {
          end = chunk.value;
          continue;
        }
        firstTokenMs ??= Math.round(performance.now() - startedAt);
        const text = marker ? marker.feed(chunk.value.text) : chunk.value.text;
        if (text) await deliver(text);
      }
      const held = marker?.end();
      if (held?.rest) await deliver(held.rest);
      outcome = outcomeOfFinish(end?.finishReason ?? null, end?.contentFilter?.completion as Record<string, unknown> | undefined);
      if (held?.handoff && outcome.status === 'complete') {
        // The model asked for a person: the visitor reads a notice, and the staff are told.
        live.text = handoffNotice(job.locale);
        handOver = job.handoff;
      }
    } catch (error) {
      if (!(await written)) return;
      if (error instanceof NotStarted) {
        await call?.cancel();
        built = undefined;
        await this.announce(live);
        outcome = { status: 'failed', errorCode: 'internal', detail: `the reply could not start: ${error.reason}` };
      } else {
        const llmError = error instanceof LlmError ? error : new LlmError('unavailable', String(error));
        outcome = outcomeOfError(llmError, live.abortReason);
        if (llmError.extra.contentFilter) end = { type: 'end', finishReason: null, contentFilter: { prompt: llmError.extra.contentFilter } };
      }
    }
    await this.finish(live, job, { outcome, end, built, firstTokenMs, latencyMs: Math.round(performance.now() - startedAt) });
    if (handOver) await this.handoff.request(handOver).catch((error: Error) => this.logger.error('handoff failed', { conversationId: live.conversationId, error: error.message }));
  }

  /**
   * Says the reply starts, once the turn is stored and its ack has gone out, and gives the way
   * its deltas go: to every instance when another one has a socket in the conversation (the
   * reply is shared), else only here — no Redis per delta (docs/performance.md).
   */
  private async announce(live: LiveReply): Promise<(text: string) => Promise<void>> {
    await new Promise((resolve) => setImmediate(resolve));
    const room = this.emitter.toConversation(live.conversationId);
    const here = this.emitter.toConversationHere(live.conversationId);
    // The other instances are asked while the model thinks; the first delta waits for their answer.
    let asked: Promise<boolean> | undefined = this.cluster.watchedElsewhere(live.conversationId);
    room.emit('reply:start', { replyId: live.replyId, conversationId: live.conversationId, inReplyTo: live.inReplyTo });
    if (live.sources?.length) room.emit('reply:sources', { replyId: live.replyId, sources: live.sources });
    return async (text) => {
      if (asked) {
        // A snapshot asked for meanwhile has shared it already.
        live.shared ||= await asked;
        asked = undefined;
      }
      live.text += text;
      (live.shared ? room : here).emit('reply:delta', { replyId: live.replyId, seq: live.seq++, text });
      this.metrics.deltasRelayed++;
    };
  }

  private async finish(
    live: LiveReply,
    job: ReplyJob,
    r: { outcome: ReplyOutcome; end?: End; built?: BuiltPrompt; firstTokenMs: number | null; latencyMs: number },
  ): Promise<void> {
    const { outcome, end } = r;
    if (outcome.detail) {
      const fields = { replyId: live.replyId, conversationId: live.conversationId, status: outcome.status, detail: outcome.detail };
      if (outcome.misconfigured) this.logger.error('reply did not complete', fields);
      else this.logger.warn('reply did not complete', fields);
    }
    const usage = end?.usage;
    this.metrics.replyFinished({
      botId: job.botId,
      status: outcome.status,
      firstTokenMs: r.firstTokenMs,
      latencyMs: r.latencyMs,
      promptTokens: usage?.promptTokens,
      completionTokens: usage?.completionTokens,
    });
    await this.store({
      replyId: live.replyId,
      conversationId: live.conversationId,
      text: live.text,
      status: outcome.status,
      errorCode: outcome.errorCode ?? null,
      errorDetail: outcome.detail ?? null,
      finishReason: end?.finishReason ?? null,
      promptTokens: usage?.promptTokens ?? null,
      completionTokens: usage?.completionTokens ?? null,
      contentFilter: end?.contentFilter ?? null,
      latencyMs: r.latencyMs,
      firstTokenMs: r.firstTokenMs,
      roleVersion: r.built?.used.roleVersion ?? null,
      flagConversation: outcome.flag === true,
      sources: r.built?.used.passages.length ? storedSources(r.built.used.passages) : null,
    });
    // The next turn's history counts this answer: the provider already did.
    if (outcome.status === 'complete' && usage?.completionTokens) this.counter.remember(live.text, usage.completionTokens);
    const error = outcome.errorCode ? toWireError(outcome.errorCode, job.locale, outcome.retryAfterMs) : undefined;
    this.emitter.toConversation(live.conversationId).emit('reply:end', {
      replyId: live.replyId,
      status: outcome.status,
      text: live.text,
      ...(error ? { error } : {}),
      ...(outcome.truncated ? { truncated: true as const } : {}),
    });
  }

  /** The one write of a reply; retried for up to a minute so a database outage does not leave it `streaming`. */
  private async store(end: ReplyEnd): Promise<void> {
    const firstTry = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        await this.messages.storeEnd(end);
        this.turns.ended(end.conversationId, end.replyId, end.text);
        return;
      } catch (error) {
        if (Date.now() - firstTry > STORE_RETRY_MS) {
          this.logger.error('could not store reply', { replyId: end.replyId, conversationId: end.conversationId, error: (error as Error).message });
          this.turns.forget(end.conversationId);
          return;
        }
        await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** attempt, 2000)));
      }
    }
  }
}
