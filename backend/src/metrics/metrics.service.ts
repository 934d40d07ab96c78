import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** How one reply ended, as the metrics see it (reply.runner.ts reports it once per reply). */
export interface ReplyReport {
  botId?: string;
  status: string;
  /** Request start to first delta, when one came. */
  firstTokenMs: number | null;
  /** Request start to the end of the stream (or its failure). */
  latencyMs: number;
  promptTokens?: number | null;
  completionTokens?: number | null;
}

const PREFIX = 'customchat_';

/**
 * The installation's Prometheus metrics (`GET /metrics`). Per-delta work is one integer increment
 * (`deltasRelayed++`); gauges are read when scraped; everything else is once per reply.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  /** Deltas sent to visitors; a plain number so the hot path allocates nothing. Exposed as a counter. */
  deltasRelayed = 0;
  private connectedVisitors: () => number = () => 0;
  private repliesInFlight: () => number = () => 0;
  private readonly ttft: Histogram;
  private readonly latency: Histogram;
  private readonly upstreamErrors: Counter<'kind'>;
  private readonly tokens: Counter<'bot' | 'type'>;
  private readonly replies: Counter<'status'>;

  constructor() {
    const registers = [this.registry];
    // process_cpu_*, process_resident_memory_bytes, nodejs_eventloop_lag_* (p50/p90/p99 since the last scrape), GC, heap.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
    const self = this;
    new Gauge({
      name: `${PREFIX}visitors_connected`,
      help: 'Visitors connected to /widget on this instance.',
      registers,
      collect() {
        this.set(self.connectedVisitors());
      },
    });
    new Gauge({
      name: `${PREFIX}replies_in_flight`,
      help: 'Replies being streamed by this instance.',
      registers,
      collect() {
        this.set(self.repliesInFlight());
      },
    });
    let reported = 0;
    new Counter({
      name: `${PREFIX}reply_deltas_total`,
      help: 'Reply deltas relayed to visitors (rate() gives deltas per second).',
      registers,
      collect() {
        this.inc(self.deltasRelayed - reported);
        reported = self.deltasRelayed;
      },
    });
    this.ttft = new Histogram({
      name: `${PREFIX}upstream_ttft_seconds`,
      help: 'Time from sending a request to the model to its first content delta.',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers,
    });
    this.latency = new Histogram({
      name: `${PREFIX}upstream_latency_seconds`,
      help: 'Time from sending a request to the model to the end of its stream (or its failure).',
      buckets: [0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120],
      registers,
    });
    this.upstreamErrors = new Counter({
      name: `${PREFIX}upstream_errors_total`,
      help: 'Failed calls to the model, retried ones included, by kind (rate_limited, unavailable, timeout, broken_stream, filtered, misconfigured, circuit_open).',
      labelNames: ['kind'],
      registers,
    });
    this.tokens = new Counter({
      name: `${PREFIX}tokens_total`,
      help: 'Model tokens by bot id and type (prompt, completion), as the model reported them.',
      labelNames: ['bot', 'type'],
      registers,
    });
    this.replies = new Counter({
      name: `${PREFIX}replies_total`,
      help: 'Replies finished, by stored status (complete, stopped, filtered, failed).',
      labelNames: ['status'],
      registers,
    });
  }

  /** The gateway tells how to count connected visitors; read at scrape time. */
  watchVisitors(count: () => number): void {
    this.connectedVisitors = count;
  }

  /** The reply runner tells how to count replies in flight; read at scrape time. */
  watchReplies(count: () => number): void {
    this.repliesInFlight = count;
  }

  /** One failed call to the model (an abort by the caller is not one). */
  upstreamError(kind: string): void {
    if (kind !== 'aborted') this.upstreamErrors.inc({ kind });
  }

  replyFinished(report: ReplyReport): void {
    this.replies.inc({ status: report.status });
    if (report.firstTokenMs !== null) this.ttft.observe(report.firstTokenMs / 1000);
    this.latency.observe(report.latencyMs / 1000);
    if (report.botId) {
      if (report.promptTokens) this.tokens.inc({ bot: report.botId, type: 'prompt' }, report.promptTokens);
      if (report.completionTokens) this.tokens.inc({ bot: report.botId, type: 'completion' }, report.completionTokens);
    }
  }

  /** The Prometheus text exposition. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
