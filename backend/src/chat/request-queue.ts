/**
 * One socket's requests, handled one at a time in the order they arrive (PROTOCOL §3), so a
 * `conversation:new` cannot land in the middle of a `message:send` and acks come back in order.
 * A request's work is its handling up to the ack; a reply streams after it and holds nothing.
 */
export class RequestQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  /** `limit`: requests held at once; past it a flooding client is refused instead of buffered. */
  constructor(private readonly limit: number) {}

  /** Runs `work` once every earlier request has settled; undefined when the queue is full. */
  run<T>(work: () => Promise<T>): Promise<T> | undefined {
    if (this.waiting >= this.limit) return undefined;
    this.waiting++;
    const result = this.tail.then(work);
    // A failed request must not stop the ones after it.
    this.tail = result.then(
      () => this.waiting--,
      () => this.waiting--,
    );
    return result;
  }
}
