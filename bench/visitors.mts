/** The bench's side of the visitor workers: fork them, connect everyone, start together, collect. */
import { type ChildProcess, fork } from 'node:child_process';
import { TS_NODE_FLAGS } from './args.mts';
import type { FromWorker, Schedule, ToWorker, WorkerConfig, WorkerResult } from './protocol.mts';

export interface Crowd {
  /** Visitors connected, failed, and why. */
  connected: number;
  failed: number;
  errors: Record<string, number>;
  connectMs: Float64Array[];
  pids: number[];
  /** Chat (or hold idle) until the schedule's end, then collect every worker's result. */
  run(schedule: Schedule): Promise<WorkerResult[]>;
  close(): Promise<void>;
}

/**
 * How many worker processes for `visitors`, unless the command line says: one per 500 sockets, at
 * most 4 (with --remote-watchers each visitor has two sockets, and both stay in one process, so
 * the pair's arrival times share a clock and an event loop).
 */
export function workerCount(visitors: number, requested: number, socketsPerVisitor = 1): number {
  if (requested > 0) return Math.min(requested, visitors);
  return Math.max(1, Math.min(4, Math.ceil((visitors * socketsPerVisitor) / 500), visitors));
}

class Worker {
  private readonly waiters: Array<{ type: FromWorker['type']; resolve: (m: FromWorker) => void; reject: (e: Error) => void }> = [];
  readonly child: ChildProcess;

  constructor() {
    this.child = fork(new URL('./visitor-worker.mts', import.meta.url), [], {
      serialization: 'advanced',
      execArgv: [...TS_NODE_FLAGS, '--max-old-space-size=4096'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (message: FromWorker) => {
      if (message.type === 'fatal') return this.fail(new Error(`visitor worker failed: ${message.message}`));
      const i = this.waiters.findIndex((w) => w.type === message.type);
      if (i >= 0) this.waiters.splice(i, 1)[0].resolve(message);
    });
    this.child.on('exit', (code, signal) => this.fail(new Error(`visitor worker exited (${code ?? signal})`)));
  }

  private fail(error: Error): void {
    for (const w of this.waiters.splice(0)) w.reject(error);
  }

  request<T extends FromWorker['type']>(message: ToWorker, reply: T): Promise<Extract<FromWorker, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ type: reply, resolve: resolve as (m: FromWorker) => void, reject });
      this.child.send(message);
    });
  }
}

/** Forks the workers and connects `total` visitors (none for the baseline, which connects per request). */
export async function gather(base: Omit<WorkerConfig, 'workerId' | 'count' | 'firstIndex'>, total: number, workers: number): Promise<Crowd> {
  const list: Worker[] = [];
  const counts = Array.from({ length: workers }, (_, i) => Math.floor(total / workers) + (i < total % workers ? 1 : 0));
  let first = 0;
  const connecting = counts.map((count, workerId) => {
    const worker = new Worker();
    list.push(worker);
    const config: WorkerConfig = { ...base, workerId, count, firstIndex: first };
    first += count;
    return worker.request({ type: 'start', config }, 'connected');
  });
  const results = await Promise.all(connecting);
  const errors: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
  return {
    connected: results.reduce((n, r) => n + r.connected, 0),
    failed: results.reduce((n, r) => n + r.failed, 0),
    errors,
    connectMs: results.map((r) => r.connectMs),
    pids: list.map((w) => w.child.pid!),
    async run(schedule) {
      const done = await Promise.all(list.map((w) => w.request({ type: 'go', schedule }, 'result')));
      return done.map((d) => d.result);
    },
    async close() {
      await Promise.all(
        list.map(async (w) => {
          if (w.child.exitCode !== null) return;
          const exited = new Promise((r) => w.child.once('exit', r));
          w.child.send({ type: 'close' } satisfies ToWorker);
          const timer = setTimeout(() => w.child.kill('SIGKILL'), 15_000);
          await exited;
          clearTimeout(timer);
        }),
      );
    },
  };
}
