/**
 * The simulator's memory of requests, for tests and benchmarks to read. Bounded by count and by
 * bytes, oldest dropped first: in demo mode it runs for as long as the product does, and anonymous
 * visitors feed it.
 */
import type { RecordedRequest } from './simulator.request';

export interface RequestLogLimits {
  /** Requests kept at most. */
  maxLoggedRequests: number;
  /** Approximate bytes kept at most: bodies, headers and paths as they arrived. */
  maxLoggedBytes: number;
}

/** Room for a few hundred requests of a long conversation each. */
export const DEFAULT_REQUEST_LOG_LIMITS: RequestLogLimits = { maxLoggedRequests: 200, maxLoggedBytes: 2 * 1024 * 1024 };

/** What a record costs beyond its body and headers (fields, timestamps), roughly. */
const RECORD_OVERHEAD_BYTES = 128;

export class RequestLog {
  /** Oldest first; the array the simulator exposes as `requests`. */
  readonly entries: RecordedRequest[] = [];
  private readonly sizes = new WeakMap<RecordedRequest, number>();
  private bytes = 0;
  private added = 0;

  /** Requests added since the start or the last `clear`, those dropped since included: for counting past the bound. */
  get total(): number {
    return this.added;
  }

  /** The approximate size of what is kept. */
  get byteSize(): number {
    return this.bytes;
  }

  add(record: RecordedRequest, rawBody: string, limits: RequestLogLimits): void {
    // Someone emptied the array by hand: nothing is kept, so nothing is counted.
    if (this.entries.length === 0) this.bytes = 0;
    this.added++;
    const overhead = RECORD_OVERHEAD_BYTES + Buffer.byteLength(record.path) + Buffer.byteLength(JSON.stringify(record.headers)) + Buffer.byteLength(JSON.stringify(record.query));
    let size = overhead + Buffer.byteLength(rawBody);
    let kept = record;
    if (size > limits.maxLoggedBytes) {
      // One request larger than the whole log is kept without its body.
      kept = { ...record, body: `[body of ${Buffer.byteLength(rawBody)} bytes not kept]` };
      size = overhead + 64;
    }
    this.entries.push(kept);
    this.sizes.set(kept, size);
    this.bytes += size;
    while (this.entries.length > Math.max(0, limits.maxLoggedRequests) || (this.bytes > limits.maxLoggedBytes && this.entries.length)) {
      const dropped = this.entries.shift()!;
      this.bytes -= this.sizes.get(dropped) ?? 0;
    }
  }

  clear(): void {
    this.entries.length = 0;
    this.bytes = 0;
    this.added = 0;
  }
}
