/**
 * A visitor worker (a child process of the bench): many socket.io visitors chatting with the
 * backend, or idle, or — for the baseline — the bare openai client streaming from the simulator.
 * Measures each delta on arrival against the send stamp the simulator put in it.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { AzureOpenAI } from 'openai';
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ReplyDeltaEvent, ReplyEndEvent, ServerToClientEvents, SessionPayload } from '../backend/src/chat/widget.events.ts';
import type { FromWorker, Schedule, ToWorker, WatcherResult, WorkerConfig, WorkerResult } from './protocol.mts';
import { Samples } from './stats.mts';

const require = createRequire(import.meta.url);
// The simulator's own stamp format, from the build (bench/main.mts builds it first).
const { countStamps, parseStamps, preciseNow } = require('../dist/backend/src/llm/simulator/simulator.stamp.js') as typeof import('../backend/src/llm/simulator/simulator.stamp.ts');

type VisitorSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const send = (message: FromWorker) => process.send!(message);

/** What one reply looks like on arrival. */
interface Turn {
  sendAt: number;
  replyId?: string;
  /** Delta texts by seq. */
  parts: string[];
  unique: number;
  /** Stamps in the unique deltas: the simulator's chunks that arrived. */
  stamps: number;
  maxSeq: number;
  firstSeen: boolean;
}

class Measures {
  relay = new Samples();
  ttftOverhead = new Samples();
  preUpstream = new Samples();
  firstRelay = new Samples();
  ttftSeen = new Samples();
  ackMs = new Samples();
  deltas = 0;
  duplicated = 0;
  outOfOrder = 0;
  lost = 0;
  textMismatch = 0;
  unstamped = 0;
  strays = 0;
  turnsSent = 0;
  acked = 0;
  unfinished = 0;
  disconnects = 0;
  refused: Record<string, number> = {};
  ended: Record<string, number> = {};
  errors: Record<string, number> = {};
  replies: Array<[string, string, string, string]> = [];
  /** Timing samples count from here on (the end of the ramp); integrity counts everything. */
  measureFrom = 0;
  endAt = Infinity;
  /** Deltas that arrived within [measureFrom, endAt). */
  deltasInWindow = 0;
  chunks = 0;
  chunksInWindow = 0;

  /**
   * One delta's text as it arrived at `arrival`; updates the reply's first-token figures. A delta
   * may carry several simulator chunks (coalesced): each counts with its own relay time.
   */
  delta(turn: Turn, text: string, arrival: number): void {
    this.deltas++;
    const stamps = parseStamps(text);
    const stamp = stamps[0];
    const inWindow = arrival >= this.measureFrom && arrival < this.endAt;
    if (inWindow) this.deltasInWindow++;
    this.chunks += stamps.length;
    if (inWindow) this.chunksInWindow += stamps.length;
    if (!stamp) this.unstamped++;
    else if (arrival >= this.measureFrom) for (const each of stamps) this.relay.push(arrival - each.sentAt);
    if (!turn.firstSeen) {
      turn.firstSeen = true;
      if (turn.sendAt < this.measureFrom) return;
      this.ttftSeen.push(arrival - turn.sendAt);
      if (stamp?.receivedAt !== undefined) {
        this.preUpstream.push(stamp.receivedAt - turn.sendAt);
        this.firstRelay.push(arrival - stamp.sentAt);
        // What the visitor waited beyond the model's own time to first token.
        this.ttftOverhead.push(arrival - turn.sendAt - (stamp.sentAt - stamp.receivedAt));
      }
    }
  }

  result(): WorkerResult {
    return {
      relay: this.relay.toArray(),
      ttftOverhead: this.ttftOverhead.toArray(),
      preUpstream: this.preUpstream.toArray(),
      firstRelay: this.firstRelay.toArray(),
      ttftSeen: this.ttftSeen.toArray(),
      ackMs: this.ackMs.toArray(),
      deltas: this.deltas,
      deltasInWindow: this.deltasInWindow,
      chunks: this.chunks,
      chunksInWindow: this.chunksInWindow,
      duplicated: this.duplicated,
      outOfOrder: this.outOfOrder,
      lost: this.lost,
      textMismatch: this.textMismatch,
      unstamped: this.unstamped,
      strays: this.strays,
      turnsSent: this.turnsSent,
      acked: this.acked,
      refused: this.refused,
      ended: this.ended,
      unfinished: this.unfinished,
      disconnects: this.disconnects,
      errors: this.errors,
      replies: this.replies,
    };
  }
}

const bump = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);
const digest = (text: string) => createHash('sha1').update(text).digest('base64').slice(0, 20);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `task` over 0..count-1 with at most `limit` at a time. */
async function pool(count: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, count) }, async () => {
    while (next < count) await task(next++);
  });
  await Promise.all(lanes);
}

interface Visitor {
  socket: VisitorSocket;
  conversationId: string;
  /** The visitor's token from its session (a returning visitor's handshake). */
  token: string;
  turn: Turn | null;
  turns: number;
  index: number;
  /** --remote-watchers: the visitor's listening socket on the other instance. */
  watcher?: Watcher;
}

/** One reply as the visitor's own socket and its watcher each saw it, paired by seq. */
interface WatchedReply {
  /** Arrival on the visitor's own socket, by seq. */
  local: number[];
  /** Arrival on the watcher, by seq (the first of duplicates). */
  remote: number[];
  /** The watcher's delta texts, by seq. */
  parts: string[];
  unique: number;
  stamps: number;
  maxSeq: number;
  localEnd?: string;
  remoteEnd?: string;
}

interface Watcher {
  socket: VisitorSocket;
  /** Replies not yet ended on both sockets, by replyId. */
  replies: Map<string, WatchedReply>;
}

/** What every watcher of this worker saw (--remote-watchers). */
class WatcherMeasures {
  relay = new Samples();
  crossInstance = new Samples();
  deltas = 0;
  duplicated = 0;
  outOfOrder = 0;
  lost = 0;
  textMismatch = 0;
  endMismatch = 0;
  unstamped = 0;
  missedEnds = 0;
  ended = 0;
  wrongConversation = 0;
  disconnects = 0;

  result(): WatcherResult {
    const { relay, crossInstance, ...counts } = this;
    return { relay: relay.toArray(), crossInstance: crossInstance.toArray(), ...counts };
  }
}

const watchedReply = (w: Watcher, replyId: string): WatchedReply => {
  let r = w.replies.get(replyId);
  if (!r) w.replies.set(replyId, (r = { local: [], remote: [], parts: [], unique: 0, stamps: 0, maxSeq: -1 }));
  return r;
};

/** socket.io visitors: connect them all, then chat (or stay idle) when told. */
class SocketVisitors {
  readonly visitors: Visitor[] = [];
  readonly m = new Measures();
  readonly w = new WatcherMeasures();
  private endAt = 0;
  private onIdle?: () => void;
  private readonly config: WorkerConfig;

  constructor(config: WorkerConfig) {
    this.config = config;
  }

  async connectAll(): Promise<void> {
    const errors: Record<string, number> = {};
    const connectMs = new Samples();
    let failed = 0;
    await pool(this.config.count, this.config.connectConcurrency, async (i) => {
      const started = preciseNow();
      let visitor: Visitor | undefined;
      try {
        visitor = await this.connect(this.config.firstIndex + i);
        connectMs.push(preciseNow() - started);
        if (this.config.remoteWatchers) visitor.watcher = await this.watch(visitor);
        this.visitors.push(visitor);
      } catch (error) {
        failed++;
        visitor?.socket.disconnect();
        bump(errors, (visitor ? 'watcher: ' : '') + (error as Error).message);
      }
    });
    send({ type: 'connected', connected: this.visitors.length, failed, errors, connectMs: connectMs.toArray() });
  }

  private async connect(index: number): Promise<Visitor> {
    const { socket, session } = await this.open(this.config.urls[index % this.config.urls.length], {}, 'disconnect', () => this.m.disconnects++);
    const visitor: Visitor = { socket, conversationId: session.conversation.id, token: session.visitor, turn: null, turns: 0, index };
    socket.on('reply:delta', (d) => this.delta(visitor, d));
    socket.on('reply:end', (e) => this.end(visitor, e));
    return visitor;
  }

  /**
   * The visitor's second socket, on the other instance: a returning visitor's handshake (its token
   * as `auth.visitor`) lands in the same conversation, so the socket joins the same room there and
   * gets every reply event through the Redis adapter. It only listens.
   */
  private async watch(visitor: Visitor): Promise<Watcher> {
    const urls = this.config.urls;
    const url = urls[(visitor.index + 1) % urls.length];
    const { socket, session } = await this.open(url, { visitor: visitor.token }, 'watcher disconnect', () => this.w.disconnects++);
    if (session.conversation.id !== visitor.conversationId) this.w.wrongConversation++;
    const watcher: Watcher = { socket, replies: new Map() };
    socket.on('reply:delta', (d) => this.watcherDelta(watcher, d));
    socket.on('reply:end', (e) => this.watcherEnd(watcher, e));
    return watcher;
  }

  /** A widget socket with the bench's origin, resolved with its session; unexpected disconnects counted. */
  private open(url: string, auth: { visitor?: string }, label: string, lost: () => void): Promise<{ socket: VisitorSocket; session: SessionPayload }> {
    const socket: VisitorSocket = io(url + '/widget', {
      auth: { bot: this.config.publicKey, ...auth },
      transports: ['websocket'],
      extraHeaders: { origin: this.config.origin },
      reconnection: false,
      forceNew: true,
      timeout: 60_000,
    });
    return new Promise((resolve, reject) => {
      socket.once('session', (session: SessionPayload) => {
        socket.off('connect_error');
        socket.on('disconnect', (reason) => {
          if (reason === 'io client disconnect') return;
          lost();
          bump(this.m.errors, `${label}: ${reason}`);
        });
        resolve({ socket, session });
      });
      socket.once('connect_error', (error) => {
        socket.close();
        reject(error);
      });
    });
  }

  /** Chat until endAt; resolves when every running reply has ended or drainMs has passed after endAt. */
  async chat({ endAt, spreadMs, drainMs, measureFrom }: Schedule): Promise<void> {
    this.endAt = endAt;
    this.m.measureFrom = measureFrom;
    this.m.endAt = endAt;
    for (const v of this.visitors) setTimeout(() => this.next(v), Math.random() * spreadMs);
    await sleep(Math.max(0, endAt - preciseNow()));
    const deadline = endAt + drainMs;
    // Watchers too: a reply's end may reach the other instance after the visitor's own socket.
    const pending = () => this.visitors.some((v) => v.turn || (v.watcher && [...v.watcher.replies.values()].some((r) => r.localEnd !== undefined && r.remoteEnd === undefined)));
    while (pending() && preciseNow() < deadline) {
      await new Promise<void>((resolve) => {
        this.onIdle = resolve;
        setTimeout(resolve, 250);
      });
    }
    this.m.unfinished = this.visitors.filter((v) => v.turn).length;
    for (const v of this.visitors) {
      for (const r of v.watcher?.replies.values() ?? []) {
        if (r.localEnd === undefined || r.remoteEnd !== undefined) continue;
        this.w.missedEnds++;
        this.w.lost += Math.max(0, countStamps(r.localEnd) - r.stamps);
      }
    }
  }

  private next(v: Visitor): void {
    if (preciseNow() >= this.endAt || !v.socket.connected) {
      if (!this.visitors.some((x) => x.turn)) this.onIdle?.();
      return;
    }
    const turn: Turn = { sendAt: preciseNow(), parts: [], unique: 0, stamps: 0, maxSeq: -1, firstSeen: false };
    v.turn = turn;
    this.m.turnsSent++;
    const clientId = `b${this.config.workerId}-${v.index}-${v.turns++}`;
    v.socket.timeout(60_000).emit('message:send', { clientId, text: this.config.message }, (err: Error | null, ack: Ack<{ messageId: string; replyId: string | null }>) => {
      if (err || !ack.ok) {
        bump(this.m.refused, err ? 'ack timeout' : ack.ok ? '' : ack.error.code);
        if (v.turn === turn) v.turn = null;
        setTimeout(() => this.next(v), 1000);
        return;
      }
      this.m.acked++;
      if (turn.sendAt >= this.m.measureFrom) this.m.ackMs.push(preciseNow() - turn.sendAt);
      turn.replyId = ack.replyId ?? undefined;
    });
  }

  private delta(v: Visitor, d: ReplyDeltaEvent): void {
    const arrival = preciseNow();
    const turn = v.turn;
    if (!turn) {
      this.m.strays++;
      return;
    }
    this.m.delta(turn, d.text, arrival);
    if (v.watcher) {
      const r = watchedReply(v.watcher, d.replyId);
      if (r.local[d.seq] === undefined) {
        r.local[d.seq] = arrival;
        const remote = r.remote[d.seq];
        if (remote !== undefined && remote >= this.m.measureFrom) this.w.crossInstance.push(remote - arrival);
      }
    }
    if (turn.parts[d.seq] !== undefined) {
      this.m.duplicated++;
      return;
    }
    if (d.seq < turn.maxSeq) this.m.outOfOrder++;
    turn.parts[d.seq] = d.text;
    turn.unique++;
    turn.stamps += countStamps(d.text);
    if (d.seq > turn.maxSeq) turn.maxSeq = d.seq;
  }

  private end(v: Visitor, e: ReplyEndEvent): void {
    const turn = v.turn;
    if (!turn) {
      bump(this.m.errors, 'reply:end without a turn');
      return;
    }
    bump(this.m.ended, e.status);
    this.m.lost += Math.max(0, countStamps(e.text) - turn.stamps);
    let joined = '';
    for (let i = 0; i <= turn.maxSeq; i++) joined += turn.parts[i] ?? '';
    if (joined !== e.text) this.m.textMismatch++;
    this.m.replies.push([v.conversationId, e.replyId, e.status, digest(e.text)]);
    if (v.watcher) {
      const r = watchedReply(v.watcher, e.replyId);
      r.localEnd = e.text;
      if (r.remoteEnd !== undefined) this.settle(v.watcher, e.replyId, r);
    }
    v.turn = null;
    setImmediate(() => this.next(v));
  }

  private watcherDelta(w: Watcher, d: ReplyDeltaEvent): void {
    const arrival = preciseNow();
    this.w.deltas++;
    const stamps = parseStamps(d.text);
    if (!stamps.length) this.w.unstamped++;
    else if (arrival >= this.m.measureFrom) for (const each of stamps) this.w.relay.push(arrival - each.sentAt);
    const r = watchedReply(w, d.replyId);
    if (r.parts[d.seq] !== undefined) {
      this.w.duplicated++;
      return;
    }
    if (d.seq < r.maxSeq) this.w.outOfOrder++;
    r.parts[d.seq] = d.text;
    r.unique++;
    r.stamps += countStamps(d.text);
    if (d.seq > r.maxSeq) r.maxSeq = d.seq;
    r.remote[d.seq] = arrival;
    const local = r.local[d.seq];
    if (local !== undefined && arrival >= this.m.measureFrom) this.w.crossInstance.push(arrival - local);
  }

  private watcherEnd(w: Watcher, e: ReplyEndEvent): void {
    this.w.ended++;
    const r = watchedReply(w, e.replyId);
    r.remoteEnd = e.text;
    this.w.lost += Math.max(0, countStamps(e.text) - r.stamps);
    let joined = '';
    for (let i = 0; i <= r.maxSeq; i++) joined += r.parts[i] ?? '';
    if (joined !== e.text) this.w.textMismatch++;
    if (r.localEnd !== undefined) this.settle(w, e.replyId, r);
  }

  /** Both sockets saw the reply end: compare, and forget it. */
  private settle(w: Watcher, replyId: string, r: WatchedReply): void {
    if (r.localEnd !== r.remoteEnd) this.w.endMismatch++;
    w.replies.delete(replyId);
  }

  result(): WorkerResult {
    return { ...this.m.result(), ...(this.config.remoteWatchers ? { watchers: this.w.result() } : {}) };
  }

  close(): void {
    for (const v of this.visitors) {
      v.socket.disconnect();
      v.watcher?.socket.disconnect();
    }
  }
}

/** The baseline: the same turns through the bare openai client, no server between. */
async function baseline(config: WorkerConfig, { endAt, spreadMs, drainMs, measureFrom }: Schedule): Promise<WorkerResult> {
  const m = new Measures();
  m.measureFrom = measureFrom;
  m.endAt = endAt;
  const { endpoint, apiKey, deployment, apiVersion, systemPrompt } = config.azure;
  const client = new AzureOpenAI({ endpoint, apiKey, apiVersion, deployment, maxRetries: 0, timeout: 120_000 });
  const deadline = endAt + drainMs;
  const conversation = async () => {
    await sleep(Math.random() * spreadMs);
    // The backend sends the role and the history; so does the baseline (the simulator's work per request is the same).
    const history: Array<{ role: 'user' | 'assistant'; content: string }> = [];
    while (preciseNow() < endAt) {
      const turn: Turn = { sendAt: preciseNow(), parts: [], unique: 0, stamps: 0, maxSeq: -1, firstSeen: false };
      m.turnsSent++;
      const abort = AbortSignal.timeout(Math.max(1, Math.ceil(deadline - turn.sendAt)));
      try {
        const stream = await client.chat.completions.create(
          {
            model: deployment,
            messages: [{ role: 'system', content: systemPrompt }, ...history.slice(-20), { role: 'user', content: config.message }],
            stream: true,
            stream_options: { include_usage: true },
            max_tokens: 16_000,
          },
          { signal: abort },
        );
        m.acked++;
        let text = '';
        for await (const chunk of stream) {
          const content = chunk.choices[0]?.delta?.content;
          if (!content) continue;
          m.delta(turn, content, preciseNow());
          turn.unique++;
          turn.stamps += countStamps(content);
          text += content;
        }
        bump(m.ended, 'complete');
        history.push({ role: 'user', content: config.message }, { role: 'assistant', content: text });
      } catch (error) {
        if (abort.aborted) m.unfinished++;
        else bump(m.errors, (error as Error).message.slice(0, 120));
        if (preciseNow() < endAt) await sleep(1000);
      }
    }
  };
  await Promise.all(Array.from({ length: config.count }, conversation));
  return m.result();
}

let config: WorkerConfig | undefined;
let visitors: SocketVisitors | undefined;

// The bench went away (it failed, or was stopped): nothing left to report to.
process.on('disconnect', () => process.exit(0));

process.on('message', (message: ToWorker) => {
  void handle(message).catch((error: unknown) => {
    send({ type: 'fatal', message: (error as Error).stack ?? String(error) });
  });
});

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'start':
      config = message.config;
      if (config.mode === 'baseline') {
        send({ type: 'connected', connected: config.count, failed: 0, errors: {}, connectMs: new Float64Array(0) });
        return;
      }
      visitors = new SocketVisitors(config);
      await visitors.connectAll();
      return;
    case 'go':
      if (config!.mode === 'baseline') {
        send({ type: 'result', result: await baseline(config!, message.schedule) });
        return;
      }
      if (config!.mode === 'chat') await visitors!.chat(message.schedule);
      else await sleep(Math.max(0, message.schedule.endAt - preciseNow()));
      send({ type: 'result', result: visitors!.result() });
      return;
    case 'close':
      visitors?.close();
      send({ type: 'closed' });
      setTimeout(() => process.exit(0), 200);
      return;
  }
}
