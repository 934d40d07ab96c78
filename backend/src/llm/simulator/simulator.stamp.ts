/**
 * Send-time stamps on content deltas (the `stampChunks` option), for the load benchmark: each
 * delta's text ends with `⟦t=<ms>⟧`, the first one with `⟦t=<ms> r=<ms>⟧` where `r` is when the
 * request reached the simulator. Times are milliseconds of the machine's monotonic clock, with
 * sub-millisecond digits: the same clock in every process of one machine.
 */

/**
 * The machine's monotonic clock (CLOCK_MONOTONIC, as process.hrtime reads it) in ms. Not
 * `performance.timeOrigin + performance.now()`: each process takes its time origin from the wall
 * clock when it starts, and a wall clock that is being corrected (NTP, a VM's clock) puts
 * processes started at different moments milliseconds apart.
 */
export const preciseNow = (): number => {
  const [seconds, nanos] = process.hrtime();
  return seconds * 1e3 + nanos / 1e6;
};

export function stampMarker(sentAt: number, receivedAt?: number): string {
  return receivedAt === undefined ? `⟦t=${sentAt.toFixed(3)}⟧` : `⟦t=${sentAt.toFixed(3)} r=${receivedAt.toFixed(3)}⟧`;
}

export interface Stamp {
  /** When the simulator wrote the chunk. */
  sentAt: number;
  /** Only on a reply's first delta: when the simulator received the request. */
  receivedAt?: number;
}

const MARKER = /⟦t=(\d+(?:\.\d+)?)(?: r=(\d+(?:\.\d+)?))?⟧$/;

/** The stamp a delta's text ends with, if any. */
export function parseStamp(text: string): Stamp | undefined {
  const m = MARKER.exec(text);
  if (!m) return undefined;
  return m[2] === undefined ? { sentAt: Number(m[1]) } : { sentAt: Number(m[1]), receivedAt: Number(m[2]) };
}

const MARKERS = /⟦t=(\d+(?:\.\d+)?)(?: r=(\d+(?:\.\d+)?))?⟧/g;

/**
 * Every stamp a delta's text holds, in order: the backend passes the chunks it read together
 * as one delta, so one delta may carry several of the simulator's chunks.
 */
export function parseStamps(text: string): Stamp[] {
  const stamps: Stamp[] = [];
  for (const m of text.matchAll(MARKERS)) stamps.push(m[2] === undefined ? { sentAt: Number(m[1]) } : { sentAt: Number(m[1]), receivedAt: Number(m[2]) });
  return stamps;
}

/** How many stamped deltas a whole reply's text holds. */
export function countStamps(text: string): number {
  let n = 0;
  for (let i = text.indexOf('⟦t='); i !== -1; i = text.indexOf('⟦t=', i + 3)) n++;
  return n;
}
