import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LlmChunk, LlmClient, LlmError, LlmRequest } from '../llm/llm.client';
import { ClusterReplies } from '../cluster/cluster-replies';
import { Metrics } from '../metrics/metrics.service';
import { toWireError } from './chat-error';
import { ChatEmitter } from './chat.emitter';
import { rememberTokens } from './history-window';
import { LiveReply, ReplyRegistry } from './reply-registry';
import { outcomeOfError, outcomeOfFinish, ReplyOutcome } from './reply-outcome';

/** text, status, error_code, error_detail, finish_reason, prompt/completion tokens, content_filter (JSON), latency_ms, first_token_ms. */
type StoredEnd = [string, string, string | null, string | null, string | null, number | null, number | null, string | null, number, number | null];

const END_SET = `text = $2, status = $3, error_code = $4, error_detail = $5, finish_reason = $6, prompt_tokens = $7,
  completion_tokens = $8, content_filter = $9::jsonb, latency_ms = $10, first_token_ms = $11, completed_at = now()`;
/** The one write of a reply's end. */
const STORE_END_SQL = `UPDATE messages SET ${END_SET} WHERE id = $1`;
/** The same, flagging the conversation ($12) for review (content filtered), in one statement. */
const STORE_END_FLAGGED_SQL = `
  WITH answer AS (UPDATE messages SET ${END_SET} WHERE id = $1 RETURNING id)
  UPDATE conversations SET flagged = true WHERE id = $12`;

/** How long the end of a reply is retried while the database is away. */
const STORE_RETRY_MS = 60_000;

export interface ReplyJob {
  replyId: string;
  conversationId: string;
  inReplyTo: string;
  request: LlmRequest;
  locale: string;
  /** For the per-bot token metrics. */
  botId?: string;
}

/**
 * Streams one answer: deltas go to the conversation's room as they come, the text is kept in
 * memory, and the database is written once at the end, whatever the end was.
 */
@Injectable()
export class ReplyRunner {
  private readonly logger = new Logger('Reply');

  constructor(
    private readonly llm: LlmClient,
    private readonly registry: ReplyRegistry,
    private readonly emitter: ChatEmitter,
    @InjectDataSource() private readonly db: DataSource,
    private readonly metrics: Metrics,
    private readonly cluster: ClusterReplies,
  ) {
    metrics.watchReplies(() => registry.size);
  }

  start(job: ReplyJob): LiveReply {
    const live: LiveReply = { ...job, text: '', seq: 0, controller: new AbortController(), done: Promise.resolve() };
    this.registry.add(live);
    live.done = this.run(live, job).finally(() => this.registry.remove(live));
    return live;
  }

  private async run(live: LiveReply, job: ReplyJob): Promise<void> {
    // The reply's start and end go to every instance; its deltas only when the reply is shared
    // (another instance has a socket in the conversation), else they stay here: no Redis per delta.
    // The other instances are asked while the model thinks; the first delta waits for their answer.
    const room = this.emitter.toConversation(live.conversationId);
    const here = this.emitter.toConversationHere(live.conversationId);
    let asked: Promise<boolean> | undefined = this.cluster.watchedElsewhere(live.conversationId);
    room.emit('reply:start', { replyId: live.replyId, conversationId: live.conversationId, inReplyTo: live.inReplyTo });
    const startedAt = performance.now();
    let firstTokenMs: number | null = null;
    let end: Extract<LlmChunk, { type: 'end' }> | undefined;
    let outcome: ReplyOutcome;
    try {
      for await (const chunk of this.llm.stream(job.request, live.controller.signal)) {
        if (chunk.type === 'end') {
          end = chunk;
          continue;
        }
        firstTokenMs ??= Math.round(performance.now() - startedAt);
        if (asked) {
          // A snapshot asked for meanwhile has shared it already.
          live.shared ||= await asked;
          asked = undefined;
        }
        live.text += chunk.text;
        (live.shared ? room : here).emit('reply:delta', { replyId: live.replyId, seq: live.seq++, text: chunk.text });
        this.metrics.deltasRelayed++;
      }
      outcome = outcomeOfFinish(end?.finishReason ?? null, end?.contentFilter?.completion as Record<string, unknown> | undefined);
    } catch (error) {
      const llmError = error instanceof LlmError ? error : new LlmError('unavailable', String(error));
      outcome = outcomeOfError(llmError, live.abortReason);
      if (llmError.extra.contentFilter) end = { type: 'end', finishReason: null, contentFilter: { prompt: llmError.extra.contentFilter } };
    }
    if (outcome.detail) {
      const fields = { replyId: live.replyId, conversationId: live.conversationId, status: outcome.status, detail: outcome.detail };
      if (outcome.misconfigured) this.logger.error('reply did not complete', fields);
      else this.logger.warn('reply did not complete', fields);
    }
    const latencyMs = Math.round(performance.now() - startedAt);
    this.metrics.replyFinished({
      botId: job.botId,
      status: outcome.status,
      firstTokenMs,
      latencyMs,
      promptTokens: end?.usage?.promptTokens,
      completionTokens: end?.usage?.completionTokens,
    });
    await this.store(live, outcome.flag === true, [
      live.text,
      outcome.status,
      outcome.errorCode ?? null,
      outcome.detail ?? null,
      end?.finishReason ?? null,
      end?.usage?.promptTokens ?? null,
      end?.usage?.completionTokens ?? null,
      end?.contentFilter ? JSON.stringify(end.contentFilter) : null,
      latencyMs,
      firstTokenMs,
    ]);
    // The next turn's history counts this answer: Azure already did.
    if (outcome.status === 'complete' && end?.usage?.completionTokens) rememberTokens(live.text, end.usage.completionTokens);
    const error = outcome.errorCode ? toWireError(outcome.errorCode, job.locale, outcome.retryAfterMs) : undefined;
    room.emit('reply:end', {
      replyId: live.replyId,
      status: outcome.status,
      text: live.text,
      ...(error ? { error } : {}),
      ...(outcome.truncated ? { truncated: true as const } : {}),
    });
  }

  /**
   * The one write of a reply (with the conversation's review flag when content was filtered);
   * retried for up to a minute so a database outage does not leave it `streaming`.
   */
  private async store(live: LiveReply, flagConversation: boolean, fields: StoredEnd): Promise<void> {
    const firstTry = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        // One statement, atomic by itself: no BEGIN/COMMIT round trips, no entity persistence.
        if (flagConversation) await this.db.query(STORE_END_FLAGGED_SQL, [live.replyId, ...fields, live.conversationId]);
        else await this.db.query(STORE_END_SQL, [live.replyId, ...fields]);
        return;
      } catch (error) {
        if (Date.now() - firstTry > STORE_RETRY_MS) {
          this.logger.error('could not store reply', { replyId: live.replyId, conversationId: live.conversationId, error: (error as Error).message });
          return;
        }
        await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** attempt, 2000)));
      }
    }
  }
}
