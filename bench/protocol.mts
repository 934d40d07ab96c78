/** Messages between the bench and its visitor workers (child processes, `serialization: 'advanced'`). */

export type WorkerMode = 'chat' | 'idle' | 'baseline';

export interface WorkerConfig {
  mode: WorkerMode;
  workerId: number;
  /** Visitors (or baseline conversations) this worker runs. */
  count: number;
  /** chat/idle: backends; visitor k of the whole run goes to urls[k % urls.length]. */
  urls: string[];
  /** Index of this worker's first visitor in the whole run. */
  firstIndex: number;
  publicKey: string;
  origin: string;
  connectConcurrency: number;
  /** What visitors say each turn. */
  message: string;
  /**
   * chat, two instances: each visitor also opens a listening socket, as the same visitor (its
   * token), to the other instance: urls[(k + 1) % urls.length].
   */
  remoteWatchers: boolean;
  /** baseline: the simulator as an Azure resource. */
  azure: { endpoint: string; apiKey: string; deployment: string; apiVersion: string; systemPrompt: string };
}

export type ToWorker =
  | { type: 'start'; config: WorkerConfig }
  | { type: 'go'; schedule: Schedule }
  | { type: 'close' };

/**
 * One run's timeline (wall-clock ms). Each visitor's first turn starts at a random moment of the
 * ramp (`spreadMs`, about one reply long, so turns arrive steadily rather than all at once);
 * figures are taken from `measureFrom` (the end of the ramp) to `endAt`; after `endAt` no turn
 * starts and running replies have `drainMs` to end.
 */
export interface Schedule {
  spreadMs: number;
  measureFrom: number;
  endAt: number;
  drainMs: number;
}

export type FromWorker =
  | { type: 'connected'; connected: number; failed: number; errors: Record<string, number>; connectMs: Float64Array }
  | { type: 'result'; result: WorkerResult }
  | { type: 'closed' }
  | { type: 'fatal'; message: string };

export interface WorkerResult {
  /** Per delta: arrival at the visitor − the simulator's send stamp, ms. */
  relay: Float64Array;
  /** Per reply: (send → first delta) − the simulator's own time to first token, ms. */
  ttftOverhead: Float64Array;
  /** Per reply: visitor's send → request at the simulator, ms. */
  preUpstream: Float64Array;
  /** Per reply: the first delta's relay, ms. */
  firstRelay: Float64Array;
  /** Per reply: send → first delta as the visitor saw it, ms. */
  ttftSeen: Float64Array;
  /** Per turn: send → ack, ms. */
  ackMs: Float64Array;
  deltas: number;
  /** Deltas that arrived within the measured window. */
  deltasInWindow: number;
  /** The simulator's chunks (stamps) those deltas carried: several per delta when the backend coalesced them. */
  chunks: number;
  chunksInWindow: number;
  duplicated: number;
  outOfOrder: number;
  /** Stamped deltas in `reply:end`'s text that never arrived as a delta. */
  lost: number;
  /** Replies whose deltas, in seq order, differ from `reply:end`'s text. */
  textMismatch: number;
  /** Deltas without a stamp (should be 0: every simulated chunk carries one). */
  unstamped: number;
  /** Deltas that came when the visitor had no reply running. */
  strays: number;
  turnsSent: number;
  acked: number;
  refused: Record<string, number>;
  ended: Record<string, number>;
  /** Turns still without `reply:end` when the drain time ran out. */
  unfinished: number;
  disconnects: number;
  errors: Record<string, number>;
  /** chat: [conversationId, replyId, status, sha1 of reply:end's text] per reply seen. */
  replies: Array<[string, string, string, string]>;
  /** --remote-watchers: what the visitors' second sockets, on the other instance, saw. */
  watchers?: WatcherResult;
}

/**
 * The watchers of --remote-watchers: each visitor's second socket, connected as the same visitor
 * to the instance that does not generate its replies, so every delta it gets crossed Redis.
 */
export interface WatcherResult {
  /** Per delta on a watcher: arrival − the simulator's send stamp, ms. */
  relay: Float64Array;
  /** Per delta: arrival on the watcher − arrival on the visitor's own socket (same reply, same seq, same process clock), ms; negative when the watcher was first. */
  crossInstance: Float64Array;
  deltas: number;
  duplicated: number;
  outOfOrder: number;
  /** Stamped deltas of a reply (by the watcher's reply:end, else the visitor's) that never reached the watcher. */
  lost: number;
  /** Replies whose watcher deltas, in seq order, differ from the watcher's reply:end text. */
  textMismatch: number;
  /** Replies whose reply:end text on the watcher differs from the one on the visitor's own socket. */
  endMismatch: number;
  unstamped: number;
  /** Replies the visitor's socket saw end whose reply:end never reached the watcher by the end of the drain. */
  missedEnds: number;
  /** reply:end on the watcher, counted. */
  ended: number;
  /** Watchers whose session named another conversation than their visitor's. */
  wrongConversation: number;
  disconnects: number;
}
