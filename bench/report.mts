/** Turns worker results into figures, a table on the terminal, and JSON. */
import { writeFileSync } from 'node:fs';
import type { WatcherResult, WorkerResult } from './protocol.mts';
import { type Distribution, distribution } from './stats.mts';

export interface LoadFigures {
  /** Per delta: visitor arrival − simulator send, ms. */
  relay: Distribution;
  /** Per reply: what the visitor waited for the first token beyond the simulator's own TTFT, ms. */
  ttftOverhead: Distribution;
  /** Per reply: send → request at the simulator (the server's work before calling the model), ms. */
  preUpstream: Distribution;
  /** Per reply: the first delta's relay, ms. */
  firstRelay: Distribution;
  /** Per reply: send → first delta as seen, ms (includes the simulator's TTFT). */
  ttftSeen: Distribution;
  ack: Distribution;
  deltas: number;
  /** Deltas relayed per second during the window (the backend's own counter; the baseline's: arrivals over the duration). */
  deltasPerSecond: number;
  /** Backend CPU time over the window divided by the deltas it relayed in it (turns' work included). */
  backendCpuMicrosPerDelta?: number;
  /** The simulator's chunks that reached the visitors (several per delta when the backend coalesced them). */
  chunks: number;
  chunksPerSecond: number;
  /** Backend CPU time over the window divided by the chunks the visitors received in it: comparable across coalescing. */
  backendCpuMicrosPerChunk?: number;
  /** Replies the backend finished per second during the window. */
  repliesPerSecond?: number;
  integrity: { lost: number; duplicated: number; outOfOrder: number; textMismatch: number; unstamped: number; strays: number };
  turns: { sent: number; acked: number; refused: Record<string, number>; ended: Record<string, number>; unfinished: number };
  disconnects: number;
  errors: Record<string, number>;
  /** --remote-watchers: each visitor's second socket, on the instance that did not generate the reply. */
  watchers?: WatcherFigures;
}

export interface WatcherFigures {
  /** Per delta on a watcher: arrival − simulator send, ms. */
  relay: Distribution;
  /** Per delta: watcher arrival − arrival on the visitor's own socket (same replyId and seq), ms: the cost of crossing instances. */
  crossInstance: Distribution;
  deltas: number;
  /** reply:end events the watchers got. */
  ended: number;
  /**
   * lost: stamped deltas that never reached the watcher; missedEnds: replies whose reply:end never
   * reached it; endMismatch: reply:end text differing from the visitor's own socket's.
   */
  integrity: { lost: number; duplicated: number; outOfOrder: number; textMismatch: number; endMismatch: number; unstamped: number; missedEnds: number };
  wrongConversation: number;
  disconnects: number;
}

function summarizeWatchers(parts: WatcherResult[]): WatcherFigures {
  const sum = (key: 'deltas' | 'ended' | 'lost' | 'duplicated' | 'outOfOrder' | 'textMismatch' | 'endMismatch' | 'unstamped' | 'missedEnds' | 'wrongConversation' | 'disconnects') =>
    parts.reduce((n, w) => n + w[key], 0);
  return {
    relay: distribution(...parts.map((w) => w.relay)),
    crossInstance: distribution(...parts.map((w) => w.crossInstance)),
    deltas: sum('deltas'),
    ended: sum('ended'),
    integrity: {
      lost: sum('lost'),
      duplicated: sum('duplicated'),
      outOfOrder: sum('outOfOrder'),
      textMismatch: sum('textMismatch'),
      endMismatch: sum('endMismatch'),
      unstamped: sum('unstamped'),
      missedEnds: sum('missedEnds'),
    },
    wrongConversation: sum('wrongConversation'),
    disconnects: sum('disconnects'),
  };
}

const add = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
  return into;
};

export function summarize(results: WorkerResult[], seconds: number): LoadFigures {
  const all = <K extends keyof WorkerResult>(key: K) => results.map((r) => r[key]) as WorkerResult[K][];
  const sum = (key: 'deltas' | 'chunks' | 'lost' | 'duplicated' | 'outOfOrder' | 'textMismatch' | 'unstamped' | 'strays' | 'turnsSent' | 'acked' | 'unfinished' | 'disconnects') =>
    results.reduce((n, r) => n + r[key], 0);
  const deltas = sum('deltas');
  return {
    relay: distribution(...all('relay')),
    ttftOverhead: distribution(...all('ttftOverhead')),
    preUpstream: distribution(...all('preUpstream')),
    firstRelay: distribution(...all('firstRelay')),
    ttftSeen: distribution(...all('ttftSeen')),
    ack: distribution(...all('ackMs')),
    deltas,
    deltasPerSecond: Math.round(results.reduce((n, r) => n + r.deltasInWindow, 0) / seconds),
    chunks: sum('chunks'),
    chunksPerSecond: Math.round(results.reduce((n, r) => n + r.chunksInWindow, 0) / seconds),
    integrity: {
      lost: sum('lost'),
      duplicated: sum('duplicated'),
      outOfOrder: sum('outOfOrder'),
      textMismatch: sum('textMismatch'),
      unstamped: sum('unstamped'),
      strays: sum('strays'),
    },
    turns: {
      sent: sum('turnsSent'),
      acked: sum('acked'),
      refused: results.reduce((acc, r) => add(acc, r.refused), {}),
      ended: results.reduce((acc, r) => add(acc, r.ended), {}),
      unfinished: sum('unfinished'),
    },
    disconnects: sum('disconnects'),
    errors: results.reduce((acc, r) => add(acc, r.errors), {}),
    ...(results.some((r) => r.watchers) ? { watchers: summarizeWatchers(results.flatMap((r) => (r.watchers ? [r.watchers] : []))) } : {}),
  };
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(v >= 100 ? 0 : 2) : '—');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const row = (cells: string[], widths: number[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');

function distRows(label: string, d: Distribution | undefined): string[] {
  return d ? [label, String(d.count), ms(d.p50), ms(d.p95), ms(d.p99), ms(d.max)] : [label, '—', '—', '—', '—', '—'];
}

/** The terminal table of a whole run (`report` is what main.mts writes as JSON). */
export function printTable(report: BenchReport): void {
  const { server, baseline } = report;
  const out: string[] = [];
  const widths = [44, 9, 9, 9, 9, 9];
  out.push('', `customchat bench — ${report.args.idle ? `${report.args.visitors} idle visitors` : `${report.args.visitors} visitors × ${report.args.rate} chunks/s`}, ${report.args.duration} s, ${report.args.instances} instance(s), db ${report.args.db}`);
  out.push(`machine: ${report.machine.cores} cores (${report.machine.model}), load average at start ${report.machine.loadAverage.join(' ')}`);
  if (!report.args.idle) {
    out.push(`each reply: ${report.upstream.chunksPerReply} chunks of ~${report.upstream.charsPerReply} chars at ${report.args.rate}/s after a ${report.args.ttft} ms TTFT`);
    out.push('', row(['ms', 'n', 'p50', 'p95', 'p99', 'max'], widths));
    if (baseline) {
      out.push(row(distRows('baseline: relay (openai client only)', baseline.load.relay), widths));
      out.push(row(distRows('baseline: TTFT overhead', baseline.load.ttftOverhead), widths));
    }
    if (server?.load) {
      out.push(row(distRows('server: relay overhead (sim → visitor)', server.load.relay), widths));
      out.push(row(distRows('server: TTFT overhead', server.load.ttftOverhead), widths));
      out.push(row(distRows('  of which send → request at the model', server.load.preUpstream), widths));
      out.push(row(distRows('  of which first delta relay', server.load.firstRelay), widths));
      out.push(row(distRows('server: message:send ack', server.load.ack), widths));
      if (server.load.watchers) {
        out.push(row(distRows('watcher: relay (sim → other instance)', server.load.watchers.relay), widths));
        out.push(row(distRows('watcher − own socket: cross-instance', server.load.watchers.crossInstance), widths));
      }
    }
    if (baseline && server?.load) {
      const d = (a: number, b: number) => ms(a - b);
      out.push(row(['server − baseline: relay', '', d(server.load.relay.p50, baseline.load.relay.p50), d(server.load.relay.p95, baseline.load.relay.p95), d(server.load.relay.p99, baseline.load.relay.p99), ''], widths));
      out.push(row(['server − baseline: TTFT overhead', '', d(server.load.ttftOverhead.p50, baseline.load.ttftOverhead.p50), d(server.load.ttftOverhead.p95, baseline.load.ttftOverhead.p95), d(server.load.ttftOverhead.p99, baseline.load.ttftOverhead.p99), ''], widths));
    }
  }
  if (server) {
    out.push('');
    out.push(`visitors connected: ${server.connected} (failed ${server.connectFailed}${Object.keys(server.connectErrors).length ? ': ' + JSON.stringify(server.connectErrors) : ''}), handshake p50 ${ms(server.connect.p50)} ms, p99 ${ms(server.connect.p99)} ms`);
    if (server.load) {
      const l = server.load;
      out.push(`chunks: ${l.chunks} in ${l.deltas} deltas (${l.chunksPerSecond} chunks/s and ${l.deltasPerSecond} deltas/s in the window; backend CPU ${l.backendCpuMicrosPerChunk} µs per chunk); lost ${l.integrity.lost}, duplicated ${l.integrity.duplicated}, out of order ${l.integrity.outOfOrder}, text mismatches ${l.integrity.textMismatch}, unstamped ${l.integrity.unstamped}`);
      if (l.watchers) {
        const w = l.watchers;
        out.push(
          `watchers: ${w.deltas} deltas, ${w.ended} reply:end; lost ${w.integrity.lost}, duplicated ${w.integrity.duplicated}, out of order ${w.integrity.outOfOrder}, ` +
            `text mismatches ${w.integrity.textMismatch}, reply:end differing from the own socket's ${w.integrity.endMismatch}, unstamped ${w.integrity.unstamped}, ` +
            `ends missed ${w.integrity.missedEnds}, wrong conversation ${w.wrongConversation}, disconnects ${w.disconnects}`,
        );
      }
      out.push(`turns: ${l.repliesPerSecond ?? '—'} replies ended per second in the window; sent ${l.turns.sent}, acked ${l.turns.acked}, ended ${JSON.stringify(l.turns.ended)}, refused ${JSON.stringify(l.turns.refused)}, unfinished ${l.turns.unfinished}, disconnects ${l.disconnects}`);
      if (server.stored) {
        const s = server.stored;
        out.push(`stored: ${s.seen} replies seen, ${s.stored} stored, ${s.matching} identical to reply:end, ${s.missing} missing, ${s.different} different, ${s.streaming} left streaming`);
      }
    }
    for (const b of server.backends) {
      out.push(
        `backend ${b.url}: CPU ${b.cpuPercent}% of one core, RSS peak ${mb(b.rssPeakBytes)}` +
          (b.rssPerVisitorBytes !== undefined ? `, ${(b.rssPerVisitorBytes / 1024).toFixed(1)} KB per connected visitor (RSS ${mb(b.rssBeforeBytes)} before connecting)` : '') +
          `, event-loop lag p99 ${ms(b.eventLoopLagP99Ms)} ms (worst 5-s window; max ${ms(b.eventLoopLagMaxMs)} ms)`,
      );
    }
    out.push(
      `bench processes (simulator + visitors): CPU ${server.benchCpuPercent}% of one core` +
        (server.postgresCpuPercent !== undefined ? `; PostgreSQL (this database's connections) ${server.postgresCpuPercent}%` : '') +
        `; machine busy ${server.machineBusyPercent}% of all cores, load average ${server.loadAverage1m} at the end`,
    );
  }
  for (const b of server?.backends ?? []) for (const [k, v] of Object.entries(b.logProblems)) out.push(`backend log: ${v} × ${k}`);
  if (baseline) out.push(`baseline: ${baseline.load.deltas} deltas, lost ${baseline.load.integrity.lost}, errors ${JSON.stringify(baseline.load.errors)}; bench CPU ${baseline.benchCpuPercent}%, machine busy ${baseline.machineBusyPercent}%`);
  for (const note of report.notes) out.push(`note: ${note}`);
  console.log(out.join('\n') + '\n');
}

export interface BackendFigures {
  url: string;
  cpuPercent: number;
  rssPeakBytes: number;
  rssEndBytes: number;
  rssBeforeBytes: number;
  rssPerVisitorBytes?: number;
  eventLoopLagP99Ms: number;
  eventLoopLagMaxMs: number;
  metrics: Record<string, number>;
  /** Warnings and errors it logged, counted. */
  logProblems: Record<string, number>;
}

export interface BenchReport {
  args: Record<string, unknown> & { visitors: number; rate: number; duration: number; instances: number; db: string; idle: boolean; ttft: number };
  machine: { cores: number; model: string; loadAverage: number[] };
  node: string;
  startedAt: string;
  upstream: { chunksPerReply: number; charsPerReply: number };
  baseline?: { load: LoadFigures; benchCpuPercent: number; machineBusyPercent: number; seconds: number };
  server?: {
    database: string;
    connected: number;
    connectFailed: number;
    connectErrors: Record<string, number>;
    connect: Distribution;
    load?: LoadFigures;
    stored?: { seen: number; stored: number; matching: number; missing: number; different: number; streaming: number };
    backends: BackendFigures[];
    benchCpuPercent: number;
    /** The PostgreSQL server processes of the scratch database (--db postgres on this machine). */
    postgresCpuPercent?: number;
    machineBusyPercent: number;
    loadAverage1m: number;
    seconds: number;
    profiles?: string[];
  };
  notes: string[];
}

export function writeJson(file: string, report: BenchReport): void {
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
}
